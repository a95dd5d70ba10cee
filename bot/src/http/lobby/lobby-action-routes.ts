/**
 * The clinicians' lobby actions from the tabs: see a visit's lobby and timeline, admit, message the
 * waiting patient, mark a no-show, end the visit. The same use cases as the bot's card buttons; the LobbyService
 * decides who may act.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { admitInput, messagePatientInput, waitingLabel, type ClinicianLobbyView } from '../../contracts/lobby-api';
import { lobbyConversation, type LobbyPerson, type LobbyService } from '../../domain/lobby/lobby-service';
import type { LobbySession, TimelineEvent, VisitFeedback } from '../../domain/lobby/lobby-types';
import type { Visit } from '../../domain/visits/visit-types';
import { shortName } from '../../domain/visits/visit-patients';
import type { Authenticator } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { toLobbyMessageDto } from './lobby-api-routes';

export function toClinicianLobbyView(
  visit: Visit,
  session: LobbySession,
  timeline: readonly TimelineEvent[],
  people: readonly LobbyPerson[],
  feedback: readonly VisitFeedback[],
): ClinicianLobbyView {
  const lobbyPeople = people.map((person) => ({
    participant: person.participant,
    name: person.name,
    relationship: person.guest?.relationship ?? null,
    language: person.guest?.language ?? null,
    checkedInAt: person.session.checkedInAt?.toISOString() ?? null,
    deviceCheck: person.session.deviceCheck ? { ...person.session.deviceCheck, at: person.session.deviceCheck.at.toISOString() } : null,
    admittedAt: person.session.admittedAt?.toISOString() ?? null,
  }));
  return {
    people: lobbyPeople,
    waiting: ['waiting', 'in_visit'].includes(visit.status) ? waitingLabel(shortName(visit.patient), lobbyPeople) : null,
    admitWhenClinicianJoins: visit.admitWhenClinicianJoins,
    visitId: visit.id,
    status: visit.status,
    checkedInAt: session.checkedInAt?.toISOString() ?? null,
    deviceCheck: session.deviceCheck ? { ...session.deviceCheck, at: session.deviceCheck.at.toISOString() } : null,
    admittedAt: session.admittedAt?.toISOString() ?? null,
    admittedBy: session.admittedBy?.name ?? null,
    messages: lobbyConversation(people.map((person) => person.session)).map(toLobbyMessageDto),
    timeline: timeline.map((event) => ({ kind: event.kind, at: event.at.toISOString(), actor: event.actor, detail: event.detail })),
    feedback: feedback.map((answer) => ({ participant: answer.participant, rating: answer.rating, comment: answer.comment, at: answer.at.toISOString() })),
  };
}

export function registerLobbyActionRoutes(server: Server, { authenticator, lobby, logger }: { authenticator: Authenticator; lobby: LobbyService; logger: Logger }): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);
  const current = async (identity: Parameters<LobbyService['clinicianView']>[0], visitId: string) => {
    const { visit, session, timeline, people, feedback } = await lobby.clinicianView(identity, visitId);
    return toClinicianLobbyView(visit, session, timeline, people, feedback);
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
      // No body admits the patient, as before guests; `who` admits one guest or everyone waiting.
      const { who } = parseInput(admitInput, req.body ?? {});
      await lobby.admit(identity, pathParam(req, 'id'), who.toLowerCase());
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
