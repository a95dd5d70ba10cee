import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Row, Sql } from './database';

/** Embedded PostgreSQL (WASM), its data in `dataDir` (made, with initdb, when new). */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  await fs.mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  let closed = false;
  const query = async <T extends Row>(text: string, params: readonly unknown[] = []): Promise<T[]> => {
    if (closed) throw new Error('database is closed');
    const result = await db.query<T>(text, [...params]);
    return result.rows;
  };
  return {
    backend: 'pglite',
    query,
    exec: async (script) => {
      if (closed) throw new Error('database is closed');
      await db.exec(script);
    },
    transaction: (work) =>
      db.transaction(async (tx) => {
        const sql: Sql = {
          query: async <T extends Row>(text: string, params: readonly unknown[] = []) => (await tx.query<T>(text, [...params])).rows,
          exec: async (script) => {
            await tx.exec(script);
          },
        };
        return work(sql);
      }),
    listen: async (channel, onMessage) => db.listen(channel, onMessage),
    ping: async () => {
      await query('SELECT 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
