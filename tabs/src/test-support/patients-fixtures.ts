/** Builders for the Patients tab's API answers, so a test states only what it is about. */
import type { PatientsConfig } from '../../../bot/src/contracts/api';
import type { ListRow, ListView, PatientSummaryDto, RoundingList } from '../../../bot/src/contracts/lists-api';

export const channelQueryString = 'teamId=team-1&channelId=channel-1';
export const urls = {
  config: `/api/patients/config?${channelQueryString}`,
  lists: `/api/lists?${channelQueryString}`,
  events: `/api/patients/events?${channelQueryString}`,
  list: (id: string) => `/api/lists/${id}`,
};

export const AS_OF = '2025-03-12T08:15:00Z';

export function aConfig(overrides: Partial<PatientsConfig> = {}): PatientsConfig {
  return {
    teamId: 'team-1',
    channelId: 'channel-1',
    mode: null,
    connection: null,
    defaultConnectionName: 'Local FHIR sandbox',
    jwksUrl: 'https://rounds.example.org/.well-known/jwks.json',
    updatedAt: null,
    updatedBy: null,
    ...overrides,
  };
}

export function aList(overrides: Partial<RoundingList> = {}): RoundingList {
  return {
    id: 'list-1',
    teamId: 'team-1',
    channelId: 'channel-1',
    name: 'Ward 7 West',
    isDefault: true,
    columns: ['name', 'mrn', 'ageSex', 'location', 'attending', 'vitals'],
    patientCount: 0,
    updatedAt: AS_OF,
    ...overrides,
  };
}

/** Parts to replace, and banner fields to change (the rest of the banner stays as built). */
export type SummaryOverrides = Partial<Omit<PatientSummaryDto, 'patient'>> & { patient?: Partial<PatientSummaryDto['patient']> };

export function aSummary(overrides: SummaryOverrides = {}): PatientSummaryDto {
  const { patient, ...parts } = overrides;
  return {
    patient: { id: 'p1', name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace', mrn: 'MRN001', birthDate: '1970-05-01', gender: 'female', deceased: false, ...patient },
    encounter: { status: 'ok', value: { location: 'Ward 7 West, Bed 3', attending: 'Dr. Grey', admittedAt: '2025-03-10T09:00:00Z', status: 'in-progress' }, asOf: AS_OF },
    vitals: { status: 'ok', value: [{ code: 'heartRate', display: '88 /min', takenAt: AS_OF, stale: false, flag: null }], asOf: AS_OF },
    labs: { status: 'ok', value: [], asOf: AS_OF },
    conditions: { status: 'ok', value: [], asOf: AS_OF },
    allergies: { status: 'ok', value: [], asOf: AS_OF },
    medications: { status: 'ok', value: [], asOf: AS_OF },
    coverage: { status: 'unavailable' },
    ...parts,
  };
}

export function aRow(entryId: string, summary: SummaryOverrides = {}, overrides: Partial<ListRow> = {}): ListRow {
  return { entryId, source: 'ehr', addedAt: AS_OF, summary: aSummary(summary), freeText: null, notes: [], ...overrides };
}

export function aView(list: RoundingList, rows: ListRow[]): ListView {
  return { list: { ...list, patientCount: rows.length }, rows };
}
