/** Builds a list's rows from its entries: EHR summaries, hand-entered patients, degraded parts. */
import type { PatientBanner, PatientSummary, SummaryPart } from '../patients/patient-summary';
import type { ListEntry, ManualPatient, Note } from './list-types';

export interface ListRowView {
  entry: ListEntry;
  summary: PatientSummary;
  freeText: string | null;
  notes: Note[];
}

const unavailable = { status: 'unavailable' } as const;

export function manualSummary(entry: ListEntry, manual: ManualPatient, asOf: Date): PatientSummary {
  const parts = manual.name.trim().split(/\s+/);
  const patient: PatientBanner = {
    id: entry.id,
    name: manual.name,
    givenName: parts.length > 1 ? parts.slice(0, -1).join(' ') : null,
    familyName: parts.length > 1 ? (parts.at(-1) ?? null) : null,
    mrn: manual.mrn ?? null,
    birthDate: manual.birthDate ?? null,
    gender: manual.gender ?? null,
    deceased: false,
  };
  const hasEncounter = manual.location !== undefined || manual.attending !== undefined;
  return {
    patient,
    encounter: hasEncounter
      ? { status: 'ok', value: { location: manual.location ?? null, attending: manual.attending ?? null, admittedAt: null, status: null }, asOf: asOf.toISOString() }
      : unavailable,
    vitals: unavailable,
    labs: unavailable,
    conditions: unavailable,
    allergies: unavailable,
    medications: unavailable,
    coverage: unavailable,
  };
}

/** An EHR entry whose summary could not be read: the banner from when it was added, each part with the reason. */
export function degradedSummary(entry: ListEntry, reason: string): PatientSummary {
  const failed: SummaryPart<never> = { status: 'error', reason };
  const patient: PatientBanner = entry.snapshot ?? {
    id: entry.patientId ?? entry.id,
    name: 'Patient details unavailable',
    givenName: null,
    familyName: null,
    mrn: null,
    birthDate: null,
    gender: null,
    deceased: false,
  };
  return { patient, encounter: failed, vitals: failed, labs: failed, conditions: failed, allergies: failed, medications: failed, coverage: failed };
}

export function buildRows(
  entries: readonly ListEntry[],
  summaries: ReadonlyMap<string, PatientSummary> | { failed: string },
  notes: ReadonlyMap<string, Note[]>,
  asOf: Date,
): ListRowView[] {
  return entries.map((entry) => {
    let summary: PatientSummary;
    if (entry.source === 'manual' && entry.manual) summary = manualSummary(entry, entry.manual, asOf);
    else if ('failed' in summaries) summary = degradedSummary(entry, summaries.failed);
    else summary = summaries.get(entry.patientId ?? '') ?? degradedSummary(entry, 'The EHR no longer returns this patient.');
    return { entry, summary, freeText: entry.manual?.freeText ?? null, notes: notes.get(entry.id) ?? [] };
  });
}
