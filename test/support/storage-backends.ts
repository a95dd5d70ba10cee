/**
 * The backends store tests run on: embedded PGlite always, and a PostgreSQL server when DATABASE_URL
 * is set (CI), each test database migrated and of its own, dropped afterwards. Same SQL, same assertions.
 * Both start from a migrated template (a fresh PGlite costs initdb, about 4 s of CPU; see
 * pglite-template.ts and postgres.ts); the storage suite migrates an empty database itself.
 */
import path from 'node:path';
import type { Database } from '../../bot/src/storage/database';
import { openPgliteDatabase } from '../../bot/src/storage/pglite-database';
import { openPostgresDatabase } from '../../bot/src/storage/postgres-database';
import { copyMigratedPglite } from './pglite-template';
import { createScratchDatabase, postgresUrl } from './postgres';
import { makeTempDir } from './test-temp';

export interface StorageBackend {
  name: string;
  open(): Promise<{ db: Database; dispose: () => Promise<void> }>;
}

const pglite: StorageBackend = {
  name: 'PGlite',
  open: async () => {
    const dataDir = path.join(await makeTempDir('rounds-store-'), 'pglite');
    await copyMigratedPglite(dataDir);
    const db = await openPgliteDatabase(dataDir);
    return { db, dispose: () => db.close() };
  },
};

function postgres(adminUrl: string): StorageBackend {
  return {
    name: 'PostgreSQL',
    open: async () => {
      const scratch = await createScratchDatabase(adminUrl, { migrated: true });
      const db = openPostgresDatabase(scratch.url, (error) => {
        throw error;
      });
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
