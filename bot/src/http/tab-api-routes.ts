import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { ClientConfig, Me } from '../contracts/api';
import type { Authenticator } from './auth/identity';
import { authedRoute, route } from './route';
import { withAuth } from './route-registry';

interface Deps {
  authenticator: Authenticator;
  appId: string | null;
  version: string;
  logger: Logger;
}

/** What every tab page asks first: how to sign in, and who it is. */
export function registerTabApiRoutes(server: Server, { authenticator, appId, version, logger }: Deps): void {
  server.get(
    '/api/client-config',
    withAuth(
      'public',
      route(logger, async (_req, res) => {
        const body: ClientConfig = { devMode: authenticator.devMode, appId, version };
        res.json(body);
      }),
    ),
  );

  server.get(
    '/api/me',
    authedRoute(logger, authenticator, async (_req, res, identity) => {
      const body: Me = { userId: identity.userId, name: identity.name, tenantId: identity.tenantId };
      res.json(body);
    }),
  );
}
