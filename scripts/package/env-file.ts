import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PackagingError } from './errors';

export type EnvValues = Readonly<Record<string, string>>;

const ENV_NAME = /^[A-Za-z0-9_-]+$/;
const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * Parses the dotenv subset Teams Toolkit reads and writes: KEY=value lines, # comments, blank lines,
 * optional single or double quotes, and a trailing " # comment" after an unquoted value.
 */
export function parseEnvFile(text: string, label: string): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    const key = match?.[1];
    const rawValue = match?.[2];
    if (key === undefined || rawValue === undefined) {
      problems.push(`${label}:${index + 1}: expected KEY=value, got "${line}"`);
      return;
    }
    values[key] = unquote(rawValue);
  });
  if (problems.length > 0) throw new PackagingError(`${label} could not be read`, problems);
  return values;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted?.[2] !== undefined) return quoted[2];
  return value.replace(/\s+#.*$/, '').trim();
}

/**
 * Loads env/.env.<name> and, when present, env/.env.<name>.user (git-ignored; holds SECRET_* values and
 * local runtime credentials). The .user file wins, as in Teams Toolkit.
 */
export function loadEnvironment(envDir: string, envName: string): EnvValues {
  if (!ENV_NAME.test(envName)) {
    throw new PackagingError(`Invalid environment name "${envName}"`, ['use letters, digits, "-" or "_" (e.g. local, dev)']);
  }
  const mainFile = path.join(envDir, `.env.${envName}`);
  if (!existsSync(mainFile)) {
    throw new PackagingError(`No environment file for "${envName}"`, [
      `expected ${mainFile}`,
      `known environments: ${listEnvironments(envDir).join(', ') || '(none)'}`,
    ]);
  }
  const userFile = `${mainFile}.user`;
  return {
    ...parseEnvFile(readFileSync(mainFile, 'utf8'), path.basename(mainFile)),
    ...(existsSync(userFile) ? parseEnvFile(readFileSync(userFile, 'utf8'), path.basename(userFile)) : {}),
  };
}

function listEnvironments(envDir: string): string[] {
  if (!existsSync(envDir)) return [];
  return readdirSync(envDir)
    .map((file) => /^\.env\.([A-Za-z0-9_-]+)$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}
