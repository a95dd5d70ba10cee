/**
 * The tabs' visit API: my visits (personal tab "My visits"), a channel's visits, and cancelling,
 * re-sending the invitation of, or switching "let them in when I'm ready" for one visit. Who may see or change a visit is the VisitService's call.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { admitWhenReadyInput, channelVisitsQuery, myVisitsQuery, type VisitBoard } from '../../contracts/visit-board-api';
import type { VisitDto } from '../../contracts/visits-api';
import { AppError } from '../../domain/shared/app-error';
import type { Principal, VisitService } from '../../domain/visits/visit-service';
import type { Visit, VisitStatus } from '../../domain/visits/visit-types';
import { instantOf, isValidTimeZone } from '../../domain/visits/zoned-time';
import type { Authenticator, Identity } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { toVisitDto } from './visit-dtos';

interface Deps {
  authenticator: Authenticator;
  visits: VisitService;
  logger: Logger;
}

const asUser = (identity: Identity): Principal => ({ kind: 'user', actor: identity });

/**
 * The instants where the viewer's day `from` begins and the day after `to` begins, in their zone.
 * Days are checked by the contract; the zone is checked here, where Intl is the authority.
 */
export function dayRange(range: { from: string; to: string; timeZone: string }): { from: Date; to: Date } {
  if (!isValidTimeZone(range.timeZone)) throw new AppError('validation', 'timeZone must be an IANA time zone, e.g. Europe/London', { field: 'timeZone' });
  const dayAfter = new Date(`${range.to}T00:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  const from = instantOf({ date: range.from, time: '00:00' }, range.timeZone);
  const to = instantOf({ date: dayAfter.toISOString().slice(0, 10), time: '00:00' }, range.timeZone);
  if (!from || !to) throw new AppError('validation', 'from and to must be real dates as YYYY-MM-DD', { field: 'from' });
  return { from, to };
}

/** Without a status filter, everything but cancelled visits; the store leaves cancelled ones out unless asked. */
function listFilter(statuses: readonly VisitStatus[] | undefined) {
  return {
    includeCancelled: statuses?.includes('cancelled') ?? false,
    keep: (visit: Visit) => statuses === undefined || statuses.includes(visit.status),
  };
}

export function registerVisitBoardRoutes(server: Server, { authenticator, visits, logger }: Deps): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);
  const dto = (visit: Visit): VisitDto => toVisitDto(visit, visits);
  const board = (found: readonly Visit[], keep: (visit: Visit) => boolean): VisitBoard => ({ visits: found.filter(keep).map(dto) });

  server.get(
    '/api/me/visits',
    authed(async (req, res, identity) => {
      const query = parseInput(myVisitsQuery, req.query);
      const { includeCancelled, keep } = listFilter(query.status);
      const found = await visits.list(asUser(identity), { ...dayRange(query), personId: identity.userId, includeCancelled });
      res.json(board(found, keep));
    }),
  );

  server.get(
    '/api/channel-visits',
    authed(async (req, res, identity) => {
      const query = parseInput(channelVisitsQuery, req.query);
      const { includeCancelled, keep } = listFilter(query.status);
      const where = query.channelId === undefined ? { teamId: query.teamId } : { channel: { teamId: query.teamId, channelId: query.channelId } };
      const found = await visits.list(asUser(identity), { ...dayRange(query), ...where, includeCancelled });
      res.json(board(found, keep));
    }),
  );

  server.post(
    '/api/me/visits/:id/cancel',
    authed(async (req, res, identity) => {
      res.json(dto(await visits.cancel(asUser(identity), pathParam(req, 'id'))));
    }),
  );

  server.post(
    '/api/me/visits/:id/admit-when-ready',
    authed(async (req, res, identity) => {
      const { on } = parseInput(admitWhenReadyInput, req.body);
      res.json(dto(await visits.setAdmitWhenClinicianJoins(asUser(identity), pathParam(req, 'id'), on)));
    }),
  );

  server.post(
    '/api/me/visits/:id/resend',
    authed(async (req, res, identity) => {
      res.json(dto(await visits.resendInvite(asUser(identity), pathParam(req, 'id'))));
    }),
  );
}
