/**
 * Folders for a test's files (a service's data, a database, certificates), all inside the run's own
 * folder, which the run removes when it ends (test/support/test-temp-setup.ts): a service's PGlite
 * folder is some 40 MB and a run makes a few hundred, which once filled this machine's disk.
 * A file run outside jest's global setup falls back to the system's temp folder.
 */
import { mkdtempSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const TEST_TEMP_ENV = 'ROUNDS_TEST_TEMP';

function root(): string {
  return process.env[TEST_TEMP_ENV] ?? os.tmpdir();
}

export function makeTempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(root(), prefix));
}

export function makeTempDirSync(prefix: string): string {
  return mkdtempSync(path.join(root(), prefix));
}
