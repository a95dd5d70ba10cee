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
