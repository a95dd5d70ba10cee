import type { Logger } from 'pino';
import type { Server } from 'restify';
import { channelQuery } from '../../contracts/lists-api';
import type { ListService } from '../../domain/lists/list-service';
import type { ListEventsHub } from '../../realtime/list-events-hub';
import type { Authenticator } from '../auth/identity';
import { serveEventStream } from '../event-stream';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';

/**
 * GET /api/patients/events: a Server-Sent Events stream of "something changed" for one channel's lists.
 * Events carry no patient data; the page refetches what it shows.
 */
export function registerListEventsRoutes(server: Server, deps: { authenticator: Authenticator; lists: ListService; hub: ListEventsHub; logger: Logger }): void {
  server.get(
    '/api/patients/events',
    authedRoute(deps.logger, deps.authenticator, async (req, res, identity) => {
      const query = parseInput(channelQuery, req.query);
      const channel = { tenantId: identity.tenantId, ...query };
      await deps.lists.authorize(identity, channel);
      await serveEventStream(req, res, () => deps.hub.subscribe(channel, (event) => res.write(`data: ${JSON.stringify(event)}\n\n`)));
    }),
  );
}
