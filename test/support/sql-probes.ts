/** What the store contracts (bot/src/storage/contract-suites) read of a SQL backend besides the port itself. */
import type { Database } from '../../bot/src/storage/database';
import { insertJobs } from '../../bot/src/storage/sql-job-queue';
import type { JobsProbe } from '../../bot/src/storage/contract-suites/jobs-probe';

/**
 * Empties every table but the migrations' record, so each contract test starts from a fresh database.
 * DELETE rather than TRUNCATE: on a PostgreSQL server TRUNCATE of every table costs half a second, the
 * DELETEs a few milliseconds. A table still referenced by another is tried again after the others.
 */
export async function emptyTables(db: Database): Promise<void> {
  let tables = (await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'")).map(
    (row) => row.tablename,
  );
  for (let pass = 0; tables.length > 0; pass++) {
    const referenced: string[] = [];
    for (const table of tables) {
      try {
        await db.query(`DELETE FROM "${table}"`);
      } catch (error) {
        if ((error as { code?: unknown }).code !== '23503' || pass > tables.length) throw error;
        referenced.push(table);
      }
    }
    tables = referenced;
  }
}

export function sqlJobsProbe(db: Database): JobsProbe {
  return {
    waiting: async () =>
      (
        await db.query<{ kind: string; dedupe_key: string; run_at: Date | string }>(
          'SELECT kind, dedupe_key, run_at FROM jobs WHERE done_at IS NULL AND failed_at IS NULL ORDER BY dedupe_key COLLATE "C"',
        )
      ).map((row) => ({ kind: row.kind, dedupeKey: row.dedupe_key, runAt: new Date(row.run_at) })),
    finish: async (dedupeKey) => {
      await db.query('UPDATE jobs SET done_at = now(), locked_until = NULL WHERE dedupe_key = $1', [dedupeKey]);
    },
    enqueue: (jobs) => db.transaction((tx) => insertJobs(tx, jobs)),
  };
}
