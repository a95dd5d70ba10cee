import type { EnvValues } from './env-file';
import { PackagingError } from './errors';
import { forEachString, mapStrings, type JsonValue } from './json';

// Teams Toolkit's placeholder syntax: ${{NAME}}, spaces inside the braces tolerated.
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Secrets never go into a manifest: the package is uploaded to Teams and readable by every user who
 * installs it. SECRET_* is Teams Toolkit's convention; *PASSWORD* catches the runtime copy of the bot
 * secret that teamsapp.local.yml writes next to it.
 */
export function isSecretName(name: string): boolean {
  return name.startsWith('SECRET_') || name.includes('PASSWORD');
}

/** Every distinct placeholder name used anywhere in a JSON value, sorted. */
export function findPlaceholders(value: JsonValue): string[] {
  const names = new Set<string>();
  forEachString(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) if (match[1] !== undefined) names.add(match[1]);
  });
  return [...names].sort();
}

/**
 * Replaces every ${{NAME}} with its value. Fails, listing all of them at once, when a name has no value
 * (absent or empty: provision fills empty values later), names a secret, or is malformed. `source`
 * says where the values came from, for the error message.
 */
export function resolvePlaceholders(value: JsonValue, env: EnvValues, source: string): JsonValue {
  const names = findPlaceholders(value);
  const secret = names.filter(isSecretName);
  const missing = names.filter((name) => !isSecretName(name) && (env[name] ?? '') === '');
  const problems = [
    ...missing.map((name) => `${name} has no value`),
    ...secret.map((name) => `${name} is a secret and must not be placed in the manifest`),
  ];
  if (problems.length > 0) throw new PackagingError(`Cannot fill the manifest placeholders from ${source}`, problems);

  const resolved = mapStrings(value, (text) => text.replace(PLACEHOLDER, (_whole, name: string) => env[name] ?? ''));
  const malformed: string[] = [];
  forEachString(resolved, (text, pointer) => {
    if (text.includes('${{')) malformed.push(`${pointer}: malformed placeholder in "${text}"`);
  });
  if (malformed.length > 0) throw new PackagingError(`Cannot fill the manifest placeholders from ${source}`, malformed);
  return resolved;
}
