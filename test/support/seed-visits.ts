/**
 * Puts visits straight into a running service's database, for tests of the pages and APIs that
 * read them. The integration API cannot make "my" visits: it schedules as the integration, and its
 * clinicians carry no Entra id that matches the dev identity.
 */
import type { DeviceCheckResult } from '../../bot/src/contracts/lobby-api';
import type { Clinician, NewVisitGuest, Visit, VisitOrigin, VisitStatus } from '../../bot/src/domain/visits/visit-types';
import { createBuiltinMeetingProvider } from '../../bot/src/meetings/builtin-meeting-provider';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';

export const DEV_USER = { id: 'dev-user', name: 'Dev Clinician', tenantId: 'dev-tenant' };
export const devClinician: Clinician = { aadObjectId: DEV_USER.id, name: DEV_USER.name, email: null };

export interface VisitSeed {
  patient: { name: string; mrn?: string };
  /** ISO instant. */
  start: string;
  durationMinutes?: number;
  clinicians?: Clinician[];
  createdBy?: { id: string; name: string };
  tenantId?: string;
  origin?: Partial<VisitOrigin>;
  reason?: string;
  notify?: Visit['notify'];
  /** Default `scheduled`, with a built-in room; `pending` has no meeting yet. */
  status?: VisitStatus;
  guests?: NewVisitGuest[];
  admitWhenClinicianJoins?: boolean;
}

export async function seedVisit(service: RoundsService, seed: VisitSeed): Promise<Visit> {
  const store = new SqlVisitStore(service.db);
  const { visit } = await store.create(
    {
      tenantId: seed.tenantId ?? DEV_USER.tenantId,
      patient: { fhirId: null, name: seed.patient.name, givenName: null, mrn: seed.patient.mrn ?? null, birthDate: null },
      start: new Date(seed.start),
      durationMinutes: seed.durationMinutes ?? 30,
      clinicians: seed.clinicians ?? [devClinician],
      reason: seed.reason ?? null,
      contact: { phone: null, email: seed.notify?.includes('email') ? 'patient@example.org' : null },
      notify: seed.notify ?? [],
      origin: { conversationId: null, teamId: null, channelId: null, ...seed.origin },
      timeZone: 'UTC',
      createdBy: seed.createdBy ?? { id: DEV_USER.id, name: DEV_USER.name },
      guests: seed.guests ?? [],
      admitWhenClinicianJoins: seed.admitWhenClinicianJoins ?? false,
    },
    null,
  );
  const status = seed.status ?? 'scheduled';
  if (status === 'pending') return visit;
  const meeting = await createBuiltinMeetingProvider({ publicUrl: service.url }).create(visit);
  return store.update(visit.id, visit.version, { meeting, status, ...(status === 'cancelled' ? { cancelledAt: new Date() } : {}) }, []);
}

/** The patient's link token of one of the dev clinician's visits, as My visits shows it (a day either side of now). */
export async function patientTokenOf(service: RoundsService, visitId: string, now: Date = new Date()): Promise<string> {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${service.url}/api/me/visits?from=${day(-1)}&to=${day(2)}&timeZone=UTC`);
  const board = (await response.json()) as { visits: { id: string; patientJoinUrl: string }[] };
  const link = board.visits.find((visit) => visit.id === visitId)?.patientJoinUrl ?? '';
  return tokenOfLink(link);
}

/** The token at the end of a patient's or guest's lobby link. */
export function tokenOfLink(link: string): string {
  return new URL(link).pathname.split('/').pop() ?? '';
}

export type SeededEventKind = 'checked_in' | 'admitted' | 'ended' | 'device_check' | 'call_quality';

/** Writes a visit's timeline (visit_events) as the lobby would have, at the given instants. */
export async function seedTimeline(service: RoundsService, visitId: string, events: readonly [SeededEventKind, Date | string, Record<string, unknown>?][]): Promise<void> {
  for (const [kind, at, detail] of events) {
    await service.db.query('INSERT INTO visit_events (visit_id, kind, at, actor, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [visitId, kind, new Date(at), 'patient', JSON.stringify(detail ?? {})]);
  }
}

/**
 * The patient (or a guest) of `token` passes the identity check (none asked of seeded patients) and
 * checks in; returns the ticket cookie their page then sends.
 */
export async function checkInWith(service: RoundsService, token: string, options: { deviceCheck?: DeviceCheckResult } = {}): Promise<string> {
  const identify = await fetch(`${service.url}/api/lobby/${token}/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (identify.status !== 200) throw new Error(`identify answered ${identify.status}`);
  const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (options.deviceCheck) {
    const checked = await fetch(`${service.url}/api/lobby/${token}/device-check`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(options.deviceCheck) });
    if (checked.status !== 200) throw new Error(`device check answered ${checked.status}`);
  }
  const checkIn = await fetch(`${service.url}/api/lobby/${token}/check-in`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
  if (checkIn.status !== 200) throw new Error(`check-in answered ${checkIn.status}`);
  return cookie;
}
