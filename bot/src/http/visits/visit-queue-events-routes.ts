/**
 * GET /api/channel-visits/events: the care team's queue (the channel tab "Visits") live. One event per
 * change to a visit of the team (or of one channel of it), on whichever instance it was made; the
 * event names the visit only, and the page reads the list and that visit's lobby again.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { channelVisitEventsQuery, type VisitChangedEvent } from '../../contracts/visit-board-api';
import type { VisitService } from '../../domain/visits/visit-service';
import type { VisitQueueHub } from '../../realtime/visit-queue-hub';
import type { Authenticator } from '../auth/identity';
import { serveEventStream } from '../event-stream';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';

export function registerVisitQueueEventsRoutes(server: Server, deps: { authenticator: Authenticator; visits: VisitService; hub: VisitQueueHub; logger: Logger }): void {
  server.get(
    '/api/channel-visits/events',
    authedRoute(deps.logger, deps.authenticator, async (req, res, identity) => {
      const { teamId, channelId } = parseInput(channelVisitEventsQuery, req.query);
      await deps.visits.authorizeTeam({ kind: 'user', actor: identity }, teamId);
      await serveEventStream(req, res, () =>
        deps.hub.subscribe({ tenantId: identity.tenantId, teamId }, (change) => {
          if (channelId !== undefined && change.channelId !== channelId) return;
          const event: VisitChangedEvent = { visitId: change.visitId };
          res.write(`data: ${JSON.stringify(event)}\n\n`);
        }),
      );
    }),
  );
}
