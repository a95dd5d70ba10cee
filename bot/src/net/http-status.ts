import type { AppErrorCode } from '../domain/shared/app-error';

/** The one map from an error's code to an HTTP status: API answers and card-action invoke answers both use it. */
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
