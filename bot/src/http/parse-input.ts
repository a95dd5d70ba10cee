import type { Request } from 'restify';
import type { z } from 'zod/v4';
import { AppError } from '../domain/shared/app-error';

/** Validates input at the edge; the first problem becomes a 400 that names the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const text = issue?.message ?? 'is invalid';
  // Contract messages name their field already; zod's defaults do not.
  const message = field && !text.includes(field) ? `${field}: ${text}` : text;
  throw new AppError('validation', message, field ? { field } : {});
}

/** A path parameter as text ('' when absent), e.g. `:id` of `/api/visits/:id`. */
export function pathParam(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** Deeper JSON than this is refused (400): no body of Rounds nests more than a few levels. */
export const MAX_INPUT_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired surrogates (text that is not valid Unicode)';
  return null;
}

/**
 * Checks every string (and key) of an input once, for every route: NUL characters and lone
 * surrogates are refused with a 400 naming the field, and so is nesting deeper than MAX_INPUT_DEPTH.
 * Run on each request's body, query and path parameters before any handler sees them.
 */
export function checkInputStrings(value: unknown, prefix = ''): void {
  const visit = (node: unknown, path: string, depth: number): void => {
    if (typeof node === 'string') {
      const problem = badText(node);
      if (problem) throw new AppError('validation', `${path || 'The request'} ${problem}.`, path ? { field: path } : {});
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (depth >= MAX_INPUT_DEPTH) throw new AppError('validation', `The request nests deeper than ${MAX_INPUT_DEPTH} levels.`, path ? { field: path } : {});
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, path ? `${path}.${index}` : String(index), depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(node as Record<string, unknown>)) {
      const keyProblem = badText(key);
      // A bad key cannot be named as it is: the field is its parent.
      if (keyProblem) throw new AppError('validation', `A field name in ${path || 'the request'} ${keyProblem}.`, path ? { field: path } : {});
      visit(item, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  visit(value, prefix, 0);
}
