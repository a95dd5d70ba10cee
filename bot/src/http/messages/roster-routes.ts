/**
 * The on-call roster API of the On call tab (contracts/roster-api.ts), for the caller's organisation.
 * Whether a shift is on duty is the roster's call, on the service's clock.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { rosterRangeQuery, shiftInputDto } from '../../contracts/roster-api';
import type { OnCallRoster } from '../../domain/messages/on-call-roster';
import type { OnCallShift } from '../../domain/messages/message-types';
import type { Authenticator } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { fromShiftInputDto, toRoleDto, toShiftDto } from './roster-dtos';

interface Deps {
  authenticator: Authenticator;
  roster: OnCallRoster;
  logger: Logger;
}

export function registerRosterRoutes(server: Server, { authenticator, roster, logger }: Deps): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);
  const dto = async (shift: OnCallShift) => toShiftDto(shift, (await roster.onDutyNow(shift.tenantId, [shift])).has(shift.id));

  server.get(
    '/api/roster/shifts',
    authed(async (req, res, identity) => {
      const query = parseInput(rosterRangeQuery, req.query);
      const shifts = await roster.shifts(identity, new Date(query.from), new Date(query.to));
      const onDuty = await roster.onDutyNow(identity.tenantId, shifts);
      res.json({ shifts: shifts.map((shift) => toShiftDto(shift, onDuty.has(shift.id))) });
    }),
  );

  server.post(
    '/api/roster/shifts',
    authed(async (req, res, identity) => {
      const input = fromShiftInputDto(parseInput(shiftInputDto, req.body));
      const shift = await roster.add(identity, input);
      res.status(201);
      res.json(await dto(shift));
    }),
  );

  server.put(
    '/api/roster/shifts/:id',
    authed(async (req, res, identity) => {
      const input = fromShiftInputDto(parseInput(shiftInputDto, req.body));
      res.json(await dto(await roster.update(identity, pathParam(req, 'id'), input)));
    }),
  );

  server.del(
    '/api/roster/shifts/:id',
    authed(async (req, res, identity) => {
      await roster.remove(identity, pathParam(req, 'id'));
      res.send(204);
    }),
  );

  server.get(
    '/api/roster/roles',
    authed(async (_req, res, identity) => {
      res.json({ roles: (await roster.rolesOnDuty(identity)).map(toRoleDto) });
    }),
  );
}
