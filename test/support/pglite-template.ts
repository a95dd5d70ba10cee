/**
 * A migrated PGlite data folder, made once and copied into each test's folder. A fresh folder costs
 * initdb (about 4 s of CPU, measured) before the migrations; copying and opening a migrated one
 * costs about 0.25 s. The template lives in the temp folder, keyed by the PGlite version, the migrations' SQL and
 * the tests' settings, so it is made again whenever one changes, and it is written under a temporary
 * name and renamed so workers making it at the same time never see half of one.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { migrations } from '../../bot/src/storage/migrations';
import { openDatabase } from '../../bot/src/storage/open-database';

/**
 * Postgres sets up its whole buffer pool on every start: 16 MB instead of initdb's 128 MB opens a test's
 * database in about 0.17 s of CPU instead of 0.39 s (measured). A test's database holds a few hundred rows.
 */
const TEST_SETTINGS = 'shared_buffers = 16MB\n';

async function templateKey(): Promise<string> {
  const packageJson = path.resolve(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(await fs.readFile(packageJson, 'utf8')) as { version: string };
  const hash = createHash('sha256').update(version).update(JSON.stringify(migrations)).update(TEST_SETTINGS).digest('hex').slice(0, 16);
  return `rounds-pglite-template-${version}-${hash}`;
}

async function makeTemplate(): Promise<string> {
  const final = path.join(os.tmpdir(), await templateKey());
  if (await exists(final)) return final;
  const building = await fs.mkdtemp(`${final}.building-`);
  const db = await openDatabase({ kind: 'pglite', dataDir: building }, (error) => {
    throw error;
  });
  await db.close();
  await fs.appendFile(path.join(building, 'postgresql.conf'), `\n# Rounds' tests (test/support/pglite-template.ts)\n${TEST_SETTINGS}`);
  try {
    await fs.rename(building, final);
  } catch (error) {
    // Another worker renamed its copy first: theirs is as good as ours.
    if (!(await exists(final))) throw error;
    await fs.rm(building, { recursive: true, force: true });
  }
  return final;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

const execFileAsync = promisify(execFile);

let template: Promise<string> | undefined;

/**
 * Fills `dataDir` (which must not exist yet) with a migrated database, as `openDatabase` would leave
 * it. By `cp`: the folder is some 1,100 files, which Node's fs.cp copies for about 0.4 s of CPU and
 * `cp` for under 0.1 s (measured).
 */
export async function copyMigratedPglite(dataDir: string): Promise<void> {
  template ??= makeTemplate();
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await execFileAsync('cp', ['-R', await template, dataDir]);
}
