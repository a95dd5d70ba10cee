import type { Config } from '../config';
import { connectWithRetry, type RetryOptions } from './connect-with-retry';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/**
 * Opens the configured backend and brings its schema up to date. A database that does not answer
 * yet is tried again with backoff for `retry.timeoutMs` (connect-with-retry.ts).
 */
export async function openDatabase(config: Config['database'], onIdleClientError: (error: Error) => void, retry: RetryOptions = { timeoutMs: 0 }): Promise<Database> {
  return connectWithRetry(async () => {
    const db = config.kind === 'postgres' ? openPostgresDatabase(config.url, onIdleClientError) : await openPgliteDatabase(config.dataDir);
    try {
      await db.ping();
      await migrate(db);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return db;
  }, retry);
}
