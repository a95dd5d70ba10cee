/**
 * The clinicians' lobby actions from the tabs: see a visit's lobby and timeline, admit, message the
 * waiting patient, mark a no-show, end the visit. The same use cases as the bot's card buttons; the LobbyService
 * decides who may act.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { messagePatientInput, type ClinicianLobbyView } from '../../contracts/lobby-api';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { LobbySession, TimelineEvent } from '../../domain/lobby/lobby-types';
import type { Visit } from '../../domain/visits/visit-types';
import type { Authenticator } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';

export function toClinicianLobbyView(visit: Visit, session: LobbySession, timeline: readonly TimelineEvent[]): ClinicianLobbyView {
  return {
    visitId: visit.id,
    status: visit.status,
    checkedInAt: session.checkedInAt?.toISOString() ?? null,
    deviceCheck: session.deviceCheck ? { ...session.deviceCheck, at: session.deviceCheck.at.toISOString() } : null,
    admittedAt: session.admittedAt?.toISOString() ?? null,
    admittedBy: session.admittedBy?.name ?? null,
    messages: session.messages.map((message) => ({ text: message.text, at: message.at.toISOString(), from: message.from })),
    timeline: timeline.map((event) => ({ kind: event.kind, at: event.at.toISOString(), actor: event.actor, detail: event.detail })),
  };
}

export function registerLobbyActionRoutes(server: Server, { authenticator, lobby, logger }: { authenticator: Authenticator; lobby: LobbyService; logger: Logger }): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);
  const current = async (identity: Parameters<LobbyService['clinicianView']>[0], visitId: string) => {
    const { visit, session, timeline } = await lobby.clinicianView(identity, visitId);
    return toClinicianLobbyView(visit, session, timeline);
  };

  server.get(
    '/api/me/visits/:id/lobby',
    authed(async (req, res, identity) => {
      res.json(await current(identity, pathParam(req, 'id')));
    }),
  );

  server.post(
    '/api/me/visits/:id/admit',
    authed(async (req, res, identity) => {
      await lobby.admit(identity, pathParam(req, 'id'));
      res.json(await current(identity, pathParam(req, 'id')));
    }),
  );

  server.post(
    '/api/me/visits/:id/message',
    authed(async (req, res, identity) => {
      const input = parseInput(messagePatientInput, req.body);
      await lobby.messagePatient(identity, pathParam(req, 'id'), input.text);
      res.json(await current(identity, pathParam(req, 'id')));
    }),
  );

  server.post(
    '/api/me/visits/:id/end',
    authed(async (req, res, identity) => {
      await lobby.end(identity, pathParam(req, 'id'));
      res.json(await current(identity, pathParam(req, 'id')));
    }),
  );

  server.post(
    '/api/me/visits/:id/no-show',
    authed(async (req, res, identity) => {
      await lobby.markNoShow(identity, pathParam(req, 'id'));
      res.json(await current(identity, pathParam(req, 'id')));
    }),
  );
}
