/** Visits and lobbies as the API answers them, for the visit tabs' tests (My visits, the Visits channel tab). */
import type { ClinicianLobbyView } from '../../../bot/src/contracts/lobby-api';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';

/** A scheduled visit of the dev clinician with Ada Lovelace on Monday 10 March 2031. */
export function aVisit(id: string, overrides: Partial<VisitDto> = {}): VisitDto {
  return {
    id,
    status: 'scheduled',
    start: '2031-03-10T09:00:00.000Z',
    end: '2031-03-10T09:30:00.000Z',
    durationMinutes: 30,
    visitType: 'video',
    patient: { id: null, name: 'Ada Lovelace', mrn: 'MRN-001', birthDate: null },
    clinicians: [{ aadObjectId: 'dev-user', name: 'Dev Clinician', email: null }, { aadObjectId: null, name: 'Dr Okafor', email: null }],
    reason: 'Post-op check',
    notify: ['email'],
    meetingProvider: 'builtin',
    patientJoinUrl: `https://rounds.example/lobby/token-${id}`,
    clinicianJoinUrl: `https://rounds.example/rooms/room-${id}`,
    teamId: null,
    channelId: null,
    createdAt: '2031-03-01T10:00:00.000Z',
    updatedAt: '2031-03-01T10:00:00.000Z',
    cancelledAt: null,
    endedAt: null,
    guests: [],
    admitWhenClinicianJoins: false,
    ...overrides,
  };
}

export const allDevicesOk = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 40, userAgent: null, at: '2031-03-10T10:01:00.000Z' } as const;

/** Ada Lovelace waiting alone for visit v1 since 10:02, her speaker failed, unless `overrides` say otherwise. */
export function aLobby(overrides: Partial<ClinicianLobbyView> = {}): ClinicianLobbyView {
  const lobby = {
    visitId: 'v1',
    status: 'waiting',
    checkedInAt: '2031-03-10T10:02:00.000Z',
    deviceCheck: { ...allDevicesOk, speaker: 'failed' as const },
    admittedAt: null,
    admittedBy: null,
    messages: [],
    timeline: [],
    waiting: null,
    admitWhenClinicianJoins: false,
    feedback: [],
    ...overrides,
  };
  // The patient alone, as the top-level fields say, unless a test brings guests.
  const patient = { participant: 'patient', name: 'Ada Lovelace', relationship: null, language: null, checkedInAt: lobby.checkedInAt, deviceCheck: lobby.deviceCheck, admittedAt: lobby.admittedAt };
  return { people: [patient], ...lobby };
}
