/** What the visit and lobby contracts are given: both stores over one backend, and its job table. */
import type { LobbyStore } from '../../domain/lobby/lobby-types';
import type { NewVisit, VisitStore } from '../../domain/visits/visit-types';
import type { JobsProbe } from './jobs-probe';

export interface VisitStoresFixture {
  visits: VisitStore;
  lobby: LobbyStore;
  jobs: JobsProbe;
}

export const LEE = { aadObjectId: 'AAD-LEE', name: 'Dr Lee', email: 'lee@hospital.example' };
export const KIM = { aadObjectId: null, name: 'Dr  Kim', email: 'Kim@Hospital.example' };

export function newVisit(overrides: Partial<NewVisit> = {}): NewVisit {
  return {
    tenantId: 'tenant-v',
    patient: { fhirId: 'pat-1', name: 'Margaret Okafor', givenName: 'Margaret', mrn: 'MRN1', birthDate: '1950-02-03' },
    start: new Date('2031-03-10T10:00:00Z'),
    durationMinutes: 30,
    clinicians: [LEE],
    reason: 'wound check',
    contact: { phone: '+15550001111', email: null },
    notify: ['sms'],
    origin: { conversationId: '19:chan-1', teamId: 'team-1', channelId: '19:chan-1' },
    timeZone: 'Europe/London',
    createdBy: { id: 'creator-1', name: 'Dr Creator' },
    ...overrides,
  };
}
