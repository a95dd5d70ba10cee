import { type CensusKind, type CensusPatient, type CensusSource } from '../domain/patients/patient-summary';
import { ofType, type CodeableConcept, type Encounter, type HumanName, type Patient, type Reference, type Resource } from './fhir-resources';
import { conceptText, joined, mapBanner, mapEncounter, text } from './map-common';

/**
 * Census mapping, the same for DSTU2, STU3 and R4 where the fields are read loosely: a DSTU2
 * Practitioner has one `name` (later versions a list), a DSTU2 Encounter names its patient in
 * `patient` (later versions `subject`).
 */

export interface Location extends Resource {
  resourceType: 'Location';
  name?: string;
  status?: string;
  physicalType?: CodeableConcept;
}

interface PractitionerName extends HumanName {
  prefix?: string[];
}

export interface Practitioner extends Resource {
  resourceType: 'Practitioner';
  active?: boolean;
  name?: PractitionerName | PractitionerName[];
}

export interface CensusEncounter extends Encounter {
  subject?: Reference;
  /** DSTU2. */
  patient?: Reference;
}

export function locationSources(resources: readonly Resource[]): CensusSource[] {
  return ofType<Location>(resources, 'Location')
    .filter((location) => typeof location.id === 'string' && location.status !== 'inactive')
    .map((location) => ({ kind: 'location' as const, id: location.id ?? '', name: text(location.name) ?? 'Unnamed location', detail: conceptText(location.physicalType) }));
}

export function practitionerSources(resources: readonly Resource[]): CensusSource[] {
  return ofType<Practitioner>(resources, 'Practitioner')
    .filter((practitioner) => typeof practitioner.id === 'string' && practitioner.active !== false)
    .map((practitioner) => ({ kind: 'practitioner' as const, id: practitioner.id ?? '', name: practitionerName(practitioner) ?? 'Unnamed practitioner', detail: null }));
}

/** "Dr. Alice Morgan": the official (else first current) name, with its prefix. */
export function practitionerName(practitioner: Practitioner): string | null {
  const names = (Array.isArray(practitioner.name) ? practitioner.name : practitioner.name ? [practitioner.name] : []).filter((name) => name.use !== 'old');
  const name = names.find((candidate) => candidate.use === 'official') ?? names[0];
  if (!name) return null;
  const family = Array.isArray(name.family) ? joined(name.family.map(text), ' ') : text(name.family);
  const words = (value: string[] | undefined) => (Array.isArray(value) ? value.map(text) : []);
  return text(name.text) ?? joined([...words(name.prefix), ...words(name.given), family], ' ');
}

/** The search parameter an Encounter search uses for each kind (the same name in DSTU2, STU3 and R4). */
export const CENSUS_PARAMETER: Record<CensusKind, { parameter: string; resourceType: string }> = {
  location: { parameter: 'location', resourceType: 'Location' },
  practitioner: { parameter: 'participant', resourceType: 'Practitioner' },
};

/** The FHIR id a patient reference points at (`Patient/123`, or an absolute URL ending so). */
export function patientIdOf(encounter: CensusEncounter): string | null {
  const reference = (encounter.subject ?? encounter.patient)?.reference ?? '';
  const match = /(?:^|\/)Patient\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match?.[1] ?? null;
}

/**
 * The census from in-progress Encounters and their Patients: one row per patient (a patient with two
 * open encounters appears once), sorted by location then name. Encounters whose patient did not come
 * back are left out: Rounds does not add someone it cannot name.
 */
export function mapCensus(resources: readonly Resource[]): CensusPatient[] {
  const patients = new Map(ofType<Patient>(resources, 'Patient').flatMap((patient) => (typeof patient.id === 'string' ? [[patient.id, patient] as const] : [])));
  const rows = new Map<string, CensusPatient>();
  for (const encounter of ofType<CensusEncounter>(resources, 'Encounter')) {
    if (encounter.status !== 'in-progress') continue;
    const id = patientIdOf(encounter);
    const patient = id ? patients.get(id) : undefined;
    if (!id || !patient || rows.has(id)) continue;
    rows.set(id, { patient: mapBanner({ ...patient, id }), location: mapEncounter([encounter])?.location ?? null });
  }
  return [...rows.values()].sort(
    (a, b) => (a.location ?? '\uffff').localeCompare(b.location ?? '\uffff', 'en', { numeric: true }) || a.patient.name.localeCompare(b.patient.name, 'en'),
  );
}
