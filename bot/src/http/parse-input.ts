import type { Request } from 'restify';
import type { z } from 'zod/v4';
import { AppError } from '../domain/app-error';

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
