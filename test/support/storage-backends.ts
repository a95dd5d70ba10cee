/**
 * The backends store tests run on: embedded PGlite always, and a PostgreSQL server when DATABASE_URL
 * is set (CI), each test database migrated and of its own, dropped afterwards. Same SQL, same assertions.
 */
import type { Database } from '../../bot/src/storage/database';
import { migrate } from '../../bot/src/storage/migrate';
import { openPgliteDatabase } from '../../bot/src/storage/pglite-database';
import { openPostgresDatabase } from '../../bot/src/storage/postgres-database';
import { createScratchDatabase, postgresUrl } from './postgres';

export interface StorageBackend {
  name: string;
  open(): Promise<{ db: Database; dispose: () => Promise<void> }>;
}

const pglite: StorageBackend = {
  name: 'PGlite',
  open: async () => {
    const db = await openPgliteDatabase(null);
    await migrate(db);
    return { db, dispose: () => db.close() };
  },
};

function postgres(adminUrl: string): StorageBackend {
  return {
    name: 'PostgreSQL',
    open: async () => {
      const scratch = await createScratchDatabase(adminUrl);
      const db = openPostgresDatabase(scratch.url, (error) => {
        throw error;
      });
      await migrate(db);
      return {
        db,
        dispose: async () => {
          await db.close();
          await scratch.drop();
        },
      };
    },
  };
}

export const storageBackends: readonly StorageBackend[] = postgresUrl ? [pglite, postgres(postgresUrl)] : [pglite];
