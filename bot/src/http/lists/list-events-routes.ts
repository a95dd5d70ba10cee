import type { Logger } from 'pino';
import type { Server } from 'restify';
import { channelQuery } from '../../contracts/lists-api';
import type { ListService } from '../../domain/lists/list-service';
import type { ListEventsHub } from '../../realtime/list-events-hub';
import type { Authenticator } from '../auth/identity';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';

const PING_MS = 25_000;

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
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.write(': connected\n\n');
      const unsubscribe = deps.hub.subscribe(channel, (event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      // Proxies close idle streams; a comment line every so often keeps this one open.
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      await new Promise<void>((resolve) => req.once('close', resolve));
      clearInterval(ping);
      unsubscribe();
    }),
  );
}
