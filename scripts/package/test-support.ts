/** Shared by the packaging tests: the real manifest template, fixed env values, throwaway folders. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EnvValues } from './env-file';
import { parseJson, type JsonValue } from './json';
import { resolvePlaceholders } from './placeholders';

const ROOT = path.resolve(__dirname, '..', '..');
export const APP_PACKAGE_DIR = path.join(ROOT, 'appPackage');
export const ENV_DIR = path.join(ROOT, 'env');

export type JsonObject = { [key: string]: JsonValue };

/**
 * The values committed in env/.env.local. Tests use this copy because env/.env.local changes on a
 * developer's machine (provision writes real ids, the dev tunnel its URL) and tests must not.
 */
export const LOCAL_VALUES: EnvValues = {
  APP_NAME_SUFFIX: 'local',
  TEAMS_APP_ID: 'bd42d443-4005-4ad8-baa2-a99549a2682d',
  BOT_ID: '507a468a-2c80-45d8-8915-cbc03c75c839',
  BOT_DOMAIN: 'localhost:3978',
  TAB_DOMAIN: 'localhost:3978',
  TAB_ENDPOINT: 'http://localhost:3978',
};

/** The real appPackage/manifest.json filled with LOCAL_VALUES, as a fresh mutable object. */
export function localManifest(): JsonObject {
  const template = parseJson(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), 'manifest.json');
  const resolved = resolvePlaceholders(template, LOCAL_VALUES, 'LOCAL_VALUES');
  if (resolved === null || typeof resolved !== 'object' || Array.isArray(resolved)) throw new Error('manifest is not an object');
  return resolved;
}

export interface TempDir {
  dir: string;
  cleanup: () => void;
}

/** A temp folder removed by `cleanup`; `copyOf` seeds it with a copy of another folder (minus build/). */
export function tempDir(copyOf?: string): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'rounds-package-'));
  if (copyOf !== undefined) cpSync(copyOf, dir, { recursive: true, filter: (src) => path.basename(src) !== 'build' });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp env folder holding one .env.<name> file with these values (and .user values if given). */
export function envDirWith(name: string, values: EnvValues, userValues?: EnvValues): TempDir {
  const env = tempDir();
  const lines = (entries: EnvValues): string => `${Object.entries(entries).map(([key, value]) => `${key}=${value}`).join('\n')}\n`;
  writeFileSync(path.join(env.dir, `.env.${name}`), lines(values));
  if (userValues !== undefined) writeFileSync(path.join(env.dir, `.env.${name}.user`), lines(userValues));
  return env;
}
