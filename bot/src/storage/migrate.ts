import type { Database } from './database';
import { migrations as allMigrations, type Migration } from './migrations';

// Any constant works; it only has to be the same for every instance of the service.
const MIGRATION_LOCK_KEY = 7_310_042;

/**
 * Applies pending migrations, each in its own transaction. Two instances starting at once on one
 * PostgreSQL serialise on a transaction-scoped advisory lock and skip what the other already applied.
 */
export async function migrate(db: Database, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (done.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      return true;
    });
    if (didApply) applied.push(migration.id);
  }
  return applied;
}
