/**
 * The Dashboard tab's API: a care team's visit figures over a range of days, as JSON and as CSV.
 * Members of the team only (VisitStatsService); days are the viewer's, as on the visit board.
 */
import type { Logger } from 'pino';
import type { Request, Server } from 'restify';
import { visitStatsQuery } from '../../contracts/visit-stats-api';
import { AppError } from '../../domain/shared/app-error';
import type { VisitStats, VisitStatsService } from '../../domain/visits/visit-stats';
import type { Authenticator, Identity } from '../auth/identity';
import { visitStatsToCsv } from './visit-stats-csv';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { dayRange } from './visit-board-routes';

interface Deps {
  authenticator: Authenticator;
  stats: VisitStatsService;
  logger: Logger;
}

const MAX_TEAM_ID = 256;

async function statsFor(stats: VisitStatsService, req: Request, identity: Identity): Promise<VisitStats> {
  const teamId = pathParam(req, 'teamId');
  if (!teamId || teamId.length > MAX_TEAM_ID) throw new AppError('validation', 'teamId must be a team id', { field: 'teamId' });
  const query = parseInput(visitStatsQuery, req.query);
  const { from, to } = dayRange(query);
  return stats.forTeam(identity, teamId, { ...query, start: from, end: to });
}

export function registerVisitStatsRoutes(server: Server, { authenticator, stats, logger }: Deps): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);

  server.get(
    '/api/teams/:teamId/visit-stats',
    authed(async (req, res, identity) => {
      res.header('Cache-Control', 'no-store');
      res.json(await statsFor(stats, req, identity));
    }),
  );

  server.get(
    '/api/teams/:teamId/visit-stats.csv',
    authed(async (req, res, identity) => {
      const figures = await statsFor(stats, req, identity);
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="visit-figures-${figures.from}-to-${figures.to}.csv"`);
      res.header('Cache-Control', 'no-store');
      res.sendRaw(200, visitStatsToCsv(figures));
    }),
  );
}
