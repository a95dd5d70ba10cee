/**
 * A migrated PGlite data folder, made once and copied into each test's folder. A fresh folder costs
 * initdb (about 4 s of CPU, measured) before the migrations; a copy of a migrated one opens in about
 * 0.4 s. The template lives in the temp folder, keyed by the PGlite version and the migrations' SQL,
 * so it is made again whenever either changes, and it is written under a temporary name and renamed
 * so workers making it at the same time never see half of one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrations } from '../../bot/src/storage/migrations';
import { openDatabase } from '../../bot/src/storage/open-database';

async function templateKey(): Promise<string> {
  const packageJson = path.resolve(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(await fs.readFile(packageJson, 'utf8')) as { version: string };
  const hash = createHash('sha256').update(version).update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
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

let template: Promise<string> | undefined;

/** Fills `dataDir` (which must not exist yet) with a migrated database, as `openDatabase` would leave it. */
export async function copyMigratedPglite(dataDir: string): Promise<void> {
  template ??= makeTemplate();
  await fs.cp(await template, dataDir, { recursive: true });
}
