import type { GuestInput, VisitDto } from '../../contracts/visits-api';
import { AppError } from '../../domain/shared/app-error';
import type { VisitService } from '../../domain/visits/visit-service';
import { visitEnd, type NewVisitGuest, type Visit } from '../../domain/visits/visit-types';

export function toVisitDto(visit: Visit, links: Pick<VisitService, 'patientJoinUrl' | 'guestJoinUrl'>): VisitDto {
  return {
    id: visit.id,
    status: visit.status,
    start: visit.start.toISOString(),
    end: visitEnd(visit).toISOString(),
    durationMinutes: visit.durationMinutes,
    visitType: visit.visitType ?? null,
    patient: { id: visit.patient.fhirId, name: visit.patient.name, mrn: visit.patient.mrn, birthDate: visit.patient.birthDate },
    clinicians: visit.clinicians.map((clinician) => ({ aadObjectId: clinician.aadObjectId, name: clinician.name, email: clinician.email })),
    reason: visit.reason,
    notify: visit.notify,
    meetingProvider: visit.meeting?.provider ?? null,
    patientJoinUrl: links.patientJoinUrl(visit),
    guests: visit.guests.map((guest) => ({ id: guest.id, name: guest.name, relationship: guest.relationship, language: guest.language, joinUrl: links.guestJoinUrl(visit, guest.id) })),
    admitWhenClinicianJoins: visit.admitWhenClinicianJoins,
    clinicianJoinUrl: visit.meeting?.clinicianJoinUrl ?? null,
    teamId: visit.origin.teamId,
    channelId: visit.origin.channelId,
    createdAt: visit.createdAt.toISOString(),
    updatedAt: visit.updatedAt.toISOString(),
    cancelledAt: visit.cancelledAt?.toISOString() ?? null,
    endedAt: visit.endedAt?.toISOString() ?? null,
  };
}

/** The guests of a create request (integration API, Patients tab) as the domain takes them. */
export const newGuests = (guests: readonly GuestInput[] | undefined): NewVisitGuest[] =>
  (guests ?? []).map((guest) => ({
    name: guest.name,
    relationship: guest.relationship ?? null,
    language: guest.language ?? null,
    phone: guest.phone ?? null,
    email: guest.email ?? null,
  }));

/** An IANA zone (default UTC), or 400 at `timeZone`. */
export function validTimeZone(zone: string | undefined): string {
  if (zone === undefined) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new AppError('validation', 'timeZone must be an IANA time zone, e.g. Europe/London', { field: 'timeZone' });
  }
}
