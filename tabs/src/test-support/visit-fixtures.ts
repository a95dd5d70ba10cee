import type { VisitDto } from '../../../bot/src/contracts/visits-api';

/** A family call booked from a list row, as the API returns it. */
export function aVisit(overrides: Partial<VisitDto> = {}): VisitDto {
  return {
    id: 'v1',
    status: 'scheduled',
    start: '2025-03-12T15:00:00.000Z',
    end: '2025-03-12T15:30:00.000Z',
    durationMinutes: 30,
    visitType: 'family-call',
    patient: { id: 'p1', name: 'Ada Lovelace', mrn: null, birthDate: null },
    clinicians: [],
    reason: null,
    notify: [],
    meetingProvider: 'builtin',
    patientJoinUrl: 'http://localhost:3978/lobby/tok-1',
    guests: [{ id: 'g1', name: 'Byron Lovelace', relationship: 'son', language: null, joinUrl: 'http://localhost:3978/lobby/tok-2' }],
    admitWhenClinicianJoins: true,
    clinicianJoinUrl: 'http://localhost:3978/rooms/r1',
    teamId: 'team-1',
    channelId: 'channel-1',
    createdAt: '2025-03-12T08:00:00.000Z',
    updatedAt: '2025-03-12T08:00:00.000Z',
    cancelledAt: null,
    endedAt: null,
    ...overrides,
  };
}
