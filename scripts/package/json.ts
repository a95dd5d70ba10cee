import { PackagingError } from './errors';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Parses JSON text, naming the file on failure (a bare SyntaxError does not say which file). */
export function parseJson(text: string, label: string): JsonValue {
  try {
    // JSON.parse can only produce JSON values, so the annotation is exact.
    const value: JsonValue = JSON.parse(text) as JsonValue;
    return value;
  } catch (error) {
    throw new PackagingError(`${label} is not valid JSON`, [String(error)]);
  }
}

/** Calls `visit` for every string in a JSON value with its JSON pointer (e.g. /bots/0/botId). */
export function forEachString(value: JsonValue, visit: (text: string, pointer: string) => void, pointer = ''): void {
  if (typeof value === 'string') {
    visit(value, pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => forEachString(item, visit, `${pointer}/${index}`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) forEachString(item, visit, `${pointer}/${escapePointer(key)}`);
  }
}

/** Returns a copy of a JSON value with every string passed through `map`. */
export function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}

// RFC 6901: "~" and "/" inside a key are escaped so the pointer stays unambiguous ("$schema" is fine).
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
