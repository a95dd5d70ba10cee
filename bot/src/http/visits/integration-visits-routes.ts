/**
 * The integration API: an EHR or booking system creates, reads, reschedules and cancels visits with
 * `Authorization: Bearer <INTEGRATION_API_KEY>`. Same validation and idempotency as the bot.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Server } from 'restify';
import { createVisitInput, rescheduleVisitInput, type CreateVisitInput, type IntegrationVisitDto } from '../../contracts/visits-api';
import { AppError } from '../../domain/shared/app-error';
import type { PatientDirectory } from '../../domain/patients/patient-summary';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { Principal, VisitService } from '../../domain/visits/visit-service';
import { applyVisitType, type VisitTypeCatalog } from '../../domain/visits/visit-type-catalog';
import { patientById, patientFromDemographics } from '../../domain/visits/visit-patients';
import type { Clinician, NewVisit, Visit } from '../../domain/visits/visit-types';
import { parseInput, pathParam } from '../parse-input';
import { route } from '../route';
import { newGuests, toVisitDto, validTimeZone } from './visit-dtos';
import { withAuth } from '../route-registry';

interface Deps {
  visits: VisitService;
  /** How a visit went (length, call quality, feedback), read after the visit itself. */
  lobby: Pick<LobbyService, 'outcome'>;
  types: VisitTypeCatalog;
  /** Null: the API is off and answers 401 with how to turn it on. */
  apiKey: string | null;
  tenantId: string;
  directory: (tenantId: string) => Promise<PatientDirectory>;
  logger: Logger;
}

const IDEMPOTENCY_KEY = /^[\w.:-]{1,200}$/;

export function registerIntegrationVisitsRoutes(server: Server, deps: Deps): void {
  const { visits, logger } = deps;
  const authed = (handler: (req: Request, principal: Principal) => Promise<{ status: number; body: unknown }>) =>
    withAuth(
      'integration-key',
      route(logger, async (req, res) => {
        const principal = authenticate(req, deps);
        const { status, body } = await handler(req, principal);
        res.status(status);
        res.json(body);
      }),
    );
  const dto = async (visit: Visit): Promise<IntegrationVisitDto> => {
    const { lengthSeconds, quality, feedback } = await deps.lobby.outcome(visit);
    return {
      ...toVisitDto(visit, visits),
      lengthSeconds,
      quality,
      feedback: feedback.map((answer) => ({ participant: answer.participant, rating: answer.rating, comment: answer.comment, at: answer.at.toISOString() })),
    };
  };

  server.post(
    '/api/visits',
    authed(async (req, principal) => {
      const key = req.header('idempotency-key') || null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('validation', 'Idempotency-Key must be 1-200 letters, digits, or . _ : -', { field: 'Idempotency-Key' });
      }
      const input = parseInput(createVisitInput, req.body);
      const request = await newVisit(input, deps);
      const visit = await visits.schedule(principal, request, key === null ? null : `api:${key}`);
      return { status: 201, body: await dto(visit) };
    }),
  );

  server.get(
    '/api/visits/:id',
    authed(async (req, principal) => ({ status: 200, body: await dto(await visits.get(principal, pathParam(req, 'id'))) })),
  );

  server.patch(
    '/api/visits/:id',
    authed(async (req, principal) => {
      const input = parseInput(rescheduleVisitInput, req.body);
      const id = pathParam(req, 'id');
      if (input.admitWhenClinicianJoins !== undefined) await visits.setAdmitWhenClinicianJoins(principal, id, input.admitWhenClinicianJoins);
      const visit =
        input.start === undefined && input.durationMinutes === undefined
          ? await visits.get(principal, id)
          : await visits.reschedule(principal, id, { start: input.start === undefined ? undefined : new Date(input.start), durationMinutes: input.durationMinutes });
      return { status: 200, body: await dto(visit) };
    }),
  );

  server.del(
    '/api/visits/:id',
    authed(async (req, principal) => ({ status: 200, body: await dto(await visits.cancel(principal, pathParam(req, 'id'))) })),
  );
}

function authenticate(req: Request, deps: Deps): Principal {
  if (!deps.apiKey) throw new AppError('unauthenticated', 'The integration API is off: set INTEGRATION_API_KEY on the Rounds service to use it.');
  const presented = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
  // Compare digests so the comparison takes the same time whatever the presented key's length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!timingSafeEqual(digest(presented), digest(deps.apiKey))) {
    throw new AppError('unauthenticated', 'Send the integration API key as "Authorization: Bearer <key>".');
  }
  return { kind: 'integration', tenantId: deps.tenantId };
}

async function newVisit(input: CreateVisitInput, deps: Deps): Promise<NewVisit> {
  const patient = input.patient.id
    ? await patientById(await deps.directory(deps.tenantId), input.patient.id, 'patient.id')
    : patientFromDemographics({ name: input.patient.name ?? '', mrn: input.patient.mrn, birthDate: input.patient.birthDate });
  const contact = { phone: input.patientContact?.phone ?? null, email: input.patientContact?.email ?? null };
  const type = await deps.types.bookable(deps.tenantId, input.visitType);
  const { durationMinutes, notify } = applyVisitType(type, input, contact);
  return {
    tenantId: deps.tenantId,
    patient,
    start: new Date(input.start),
    durationMinutes,
    visitType: type.key,
    clinicians: (input.clinicians ?? []).map(
      (clinician): Clinician => ({ aadObjectId: clinician.aadObjectId ?? null, name: clinician.name ?? clinician.email ?? 'Clinician', email: clinician.email ?? null }),
    ),
    reason: input.reason ?? null,
    contact,
    notify,
    origin: { conversationId: null, teamId: input.teamId ?? null, channelId: input.channelId ?? null },
    timeZone: validTimeZone(input.timeZone),
    createdBy: { id: 'integration-api', name: 'Integration API' },
    guests: newGuests(input.guests),
    admitWhenClinicianJoins: input.admitWhenClinicianJoins ?? false,
  };
}
