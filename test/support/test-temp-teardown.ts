/**
 * Jest globalTeardown: removes the run's temp folder (test-temp-setup.ts) with every test's files in
 * it, and, with a PostgreSQL server, the run's databases still there (postgres.ts).
 */
import fs from 'node:fs/promises';
import { dropRunDatabases, postgresUrl } from './postgres';
import { TEST_TEMP_ENV } from './test-temp';

export default async function removeRunTempFolder(): Promise<void> {
  if (postgresUrl) await dropRunDatabases(postgresUrl);
  const folder = process.env[TEST_TEMP_ENV];
  if (folder) await fs.rm(folder, { recursive: true, force: true });
  delete process.env[TEST_TEMP_ENV];
}
