import { Pool } from 'pg';
import type { Database, Row, Sql } from './database';

/** A PostgreSQL server reached through a connection pool. */
export function openPostgresDatabase(url: string, onIdleClientError: (error: Error) => void): Database {
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection emits here; without a listener Node would crash.
  pool.on('error', onIdleClientError);
  let closed = false;
  return {
    backend: 'postgres',
    query: async <T extends Row>(text: string, params: readonly unknown[] = []) => (await pool.query<T>(text, [...params])).rows,
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const sql: Sql = {
          query: async <T extends Row>(text: string, params: readonly unknown[] = []) => (await client.query<T>(text, [...params])).rows,
          // Without parameters pg uses the simple protocol, which accepts several statements.
          exec: async (script) => {
            await client.query(script);
          },
        };
        const result = await work(sql);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable: release it as broken so the pool discards it. The original error wins.
          broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    listen: async (channel, onMessage) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error('listen channel must be a plain identifier');
      // LISTEN belongs to a connection: hold one client for the subscription's lifetime.
      const client = await pool.connect();
      const handler = (message: { channel: string; payload?: string }) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${channel}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${channel}`);
        client.release();
      };
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
