import type { Response } from 'restify';
import type { Logger } from 'pino';
import type { ApiErrorBody } from '../contracts/api';
import { toAppError } from '../domain/shared/app-error';
import { httpStatusOf } from '../net/http-status';

/**
 * Sends `{error:{code,message,field}}`; only internal failures are logged (with the error, never to the
 * client). `quiet`: the caller has logged it already.
 */
export function sendError(res: Response, error: unknown, logger: Logger, options: { quiet?: boolean } = {}): void {
  const appError = toAppError(error);
  if (!options.quiet && (appError.code === 'internal' || appError.code === 'unavailable')) logger.error({ err: appError.cause ?? appError }, 'request failed');
  sendErrorBody(res, httpStatusOf(appError.code), appError.code, appError.userMessage, appError.field);
}

/** The error body with a status of the HTTP layer's own (413, 415, ...); ends a response already under way instead. */
export function sendErrorBody(res: Response, status: number, code: string, message: string, field?: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body: ApiErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
  res.status(status);
  res.json(body);
}
