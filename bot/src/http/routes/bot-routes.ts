import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { z } from 'zod/v4';
import type { RoundsTurnState } from '../../teams/turn-state';
import { parseInput } from '../parse-input';
import { route } from '../route';
import { withAuth } from '../route-registry';

// botbuilder throws (HTTP 500) on a body without these; answer 400 with our error body instead.
const activityEnvelope = z.object({
  type: z.string({ error: 'type is required' }).min(1, 'type is required'),
  conversation: z.object({ id: z.string() }, { error: 'conversation is required' }),
  serviceUrl: z.string({ error: 'serviceUrl is required' }),
});

/** POST /api/messages: the Bot Framework endpoint. The adapter authenticates the caller (401 otherwise). */
export function registerBotRoutes(server: Server, adapter: TeamsAdapter, app: Application<RoundsTurnState>, logger: Logger): void {
  server.post(
    '/api/messages',
    withAuth(
      'bot',
      route(logger, async (req, res) => {
        parseInput(activityEnvelope, req.body);
        await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
      }),
    ),
  );
}
