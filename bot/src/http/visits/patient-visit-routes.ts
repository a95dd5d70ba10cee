/**
 * Scheduling a visit from a Patients list entry (a family call for an inpatient, a follow-up after
 * discharge): the patient and the care team come from the entry on the server, the browser names
 * only the list and the entry. The visit is booked through the same VisitService as the bot and the
 * integration API (meeting, patient and guest messages, the card posted to the team's coordination
 * channel), with the caller as its clinician.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { scheduleFromListInput, type EntryVisitsResponse, type VisitDraftDto } from '../../contracts/visits-api';
import type { ListService } from '../../domain/lists/list-service';
import type { PatientBanner } from '../../domain/patients/patient-summary';
import type { VisitService } from '../../domain/visits/visit-service';
import { applyVisitType, type VisitTypeCatalog } from '../../domain/visits/visit-type-catalog';
import { patientFromBanner } from '../../domain/visits/visit-patients';
import type { VisitPatient } from '../../domain/visits/visit-types';
import type { Authenticator } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { newGuests, toVisitDto, validTimeZone } from './visit-dtos';
import { toVisitTypeDto } from './visit-type-routes';

interface Deps {
  authenticator: Authenticator;
  lists: ListService;
  visits: VisitService;
  types: VisitTypeCatalog;
  /** The conversation a visit scheduled from this team channel's tab is announced in (null: none). */
  announceIn: (tenantId: string, team: { teamId: string; channelId: string }) => Promise<string | null>;
  now: () => Date;
  logger: Logger;
}

/** A patient entered by hand has no EHR id: the visit keeps their demographics only. */
const visitPatientOf = (banner: PatientBanner, source: 'ehr' | 'manual'): VisitPatient => ({ ...patientFromBanner(banner), fhirId: source === 'ehr' ? banner.id : null });

/** Visits of the entry shown on its row and panel: from a day ago (a call running late) to a year ahead. */
const PAST_MS = 86_400_000;
const AHEAD_MS = 366 * 86_400_000;

export function registerPatientVisitRoutes(server: Server, deps: Deps): void {
  const { authenticator, lists, visits, types, logger } = deps;
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);

  server.get(
    '/api/lists/:listId/patients/:entryId/visit-draft',
    authed(async (req, res, identity) => {
      const { patient, source, telecom } = await lists.visitContext(identity, pathParam(req, 'listId'), pathParam(req, 'entryId'), 'prepare');
      const body: VisitDraftDto = {
        patient: { name: patient.name, source },
        contact: telecom,
        visitTypes: (await types.list(identity.tenantId)).filter((type) => type.telehealth).map(toVisitTypeDto),
      };
      res.json(body);
    }),
  );

  server.post(
    '/api/lists/:listId/patients/:entryId/visits',
    authed(async (req, res, identity) => {
      const input = parseInput(scheduleFromListInput, req.body);
      const entryId = pathParam(req, 'entryId');
      const { patient, source, team } = await lists.visitContext(identity, pathParam(req, 'listId'), entryId, 'schedule');
      const type = await types.bookable(identity.tenantId, input.visitType);
      const contact = { phone: input.patientContact?.phone ?? null, email: input.patientContact?.email ?? null };
      const { durationMinutes, notify } = applyVisitType(type, input, contact);
      const visit = await visits.schedule(
        { kind: 'user', actor: identity },
        {
          tenantId: identity.tenantId,
          patient: visitPatientOf(patient, source),
          start: new Date(input.start),
          durationMinutes,
          visitType: type.key,
          clinicians: [{ aadObjectId: identity.userId, name: identity.name, email: null }],
          reason: input.reason ?? null,
          contact,
          notify,
          origin: { conversationId: null, ...team },
          announceIn: await deps.announceIn(identity.tenantId, team),
          timeZone: validTimeZone(input.timeZone),
          createdBy: { id: identity.userId, name: identity.name },
          guests: newGuests(input.guests),
          admitWhenClinicianJoins: input.admitWhenClinicianJoins ?? false,
          listEntryId: entryId,
        },
        `tab:${identity.userId}:${input.idempotencyKey}`,
      );
      res.status(201);
      res.json(toVisitDto(visit, visits));
    }),
  );

  server.get(
    '/api/lists/:listId/patients/:entryId/visits',
    authed(async (req, res, identity) => {
      const entryId = pathParam(req, 'entryId');
      // The care team only: no need to ask the EHR about the patient to list their visits.
      const { team } = await lists.messageRef(identity, pathParam(req, 'listId'), entryId);
      const now = deps.now().getTime();
      const found = await visits.list({ kind: 'user', actor: identity }, { from: new Date(now - PAST_MS), to: new Date(now + AHEAD_MS), channel: team, listEntryId: entryId });
      const body: EntryVisitsResponse = { visits: found.filter((visit) => visit.status !== 'completed' && visit.status !== 'no_show').map((visit) => toVisitDto(visit, visits)) };
      res.json(body);
    }),
  );
}
