import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { Authenticator, Identity } from './auth/identity';
import { sendError } from './error-response';
import { withAuth } from './route-registry';

export type Handler = (req: Request, res: Response) => Promise<void>;

/** Wraps an async handler so every failure becomes one JSON error answer. */
export function route(logger: Logger, handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      sendError(res, error, logger);
    }
  };
}

/** A route that needs a signed-in caller (Teams SSO, or the dev identity in dev mode). */
export function authedRoute(
  logger: Logger,
  authenticator: Authenticator,
  handler: (req: Request, res: Response, identity: Identity) => Promise<void>,
): Handler {
  return withAuth(
    'sso',
    route(logger, async (req, res) => {
      const identity = await authenticator.authenticate(req.header('authorization'));
      await handler(req, res, identity);
    }),
  );
}
