import type { Response } from 'restify';
import type { Logger } from 'pino';
import type { ApiErrorBody } from '../contracts/api';
import { toAppError, type AppErrorCode } from '../domain/app-error';

export function httpStatusOf(code: AppErrorCode): number {
  switch (code) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

/** Sends `{error:{code,message,field}}`; only internal failures are logged (with the error, never to the client). */
export function sendError(res: Response, error: unknown, logger: Logger): void {
  const appError = toAppError(error);
  if (appError.code === 'internal' || appError.code === 'unavailable') logger.error({ err: appError.cause ?? appError }, 'request failed');
  const body: ApiErrorBody = { error: { code: appError.code, message: appError.userMessage, ...(appError.field ? { field: appError.field } : {}) } };
  res.status(httpStatusOf(appError.code));
  res.json(body);
}
