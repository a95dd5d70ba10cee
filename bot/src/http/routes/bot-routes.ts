import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Server } from 'restify';
import type { RoundsTurnState } from '../../teams/turn-state';

/** POST /api/messages: the Bot Framework endpoint. The adapter authenticates the caller (401 otherwise). */
export function registerBotRoutes(server: Server, adapter: TeamsAdapter, app: Application<RoundsTurnState>): void {
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
}
