import type { Config } from '../config';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/** Opens the configured backend and brings its schema up to date. */
export async function openDatabase(config: Config['database'], onIdleClientError: (error: Error) => void): Promise<Database> {
  const db = config.kind === 'postgres' ? openPostgresDatabase(config.url, onIdleClientError) : await openPgliteDatabase(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
