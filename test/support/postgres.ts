/**
 * When DATABASE_URL is set (CI starts a PostgreSQL server), storage tests also run there, and so do
 * the services the tests start (rounds-under-test.ts), each in a database of its own.
 *
 * A migrated database is a copy of the run's template (`CREATE DATABASE … TEMPLATE`), migrated once
 * per run. Every database of a run is named `rounds_test_<run>_…`: a started service's is dropped
 * when its suite closes it (rounds-under-test.ts), and the run's globalTeardown drops those still
 * there (test-temp-teardown.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../bot/src/storage/migrate';
import { openPostgresDatabase } from '../../bot/src/storage/postgres-database';
import { TEST_TEMP_ENV } from './test-temp';

export const postgresUrl = process.env.DATABASE_URL || undefined;

/** The run's own prefix: its temp folder (test-temp-setup.ts) names the run for every worker. */
function runPrefix(): string {
  const run = createHash('sha256')
    .update(process.env[TEST_TEMP_ENV] ?? `pid-${process.pid}`)
    .digest('hex')
    .slice(0, 10);
  return `rounds_test_${run}`;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin<T>(adminUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The run's migrated template. Workers ask for it at once: one builds it under the run's advisory
 * lock (held by its session) while the others wait, and it is renamed into place only when migrated.
 */
async function buildTemplate(adminUrl: string): Promise<string> {
  const name = `${runPrefix()}_template`;
  const building = `${name}_building`;
  await asAdmin(adminUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0) return;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = openPostgresDatabase(databaseUrl(adminUrl, building), (error) => {
      throw error;
    });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  });
  return name;
}

let template: Promise<string> | undefined;

/** A database of the run's own: empty, or `migrated` as the service leaves one. */
export async function createScratchDatabase(adminUrl: string, options: { migrated?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const from = options.migrated ? ` TEMPLATE ${await (template ??= buildTemplate(adminUrl))}` : '';
  const name = `${runPrefix()}_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}${from}`));
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Drops every database this run made that is still there (its globalTeardown). */
export async function dropRunDatabases(adminUrl: string): Promise<void> {
  await asAdmin(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1 || '_')", [runPrefix()]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
