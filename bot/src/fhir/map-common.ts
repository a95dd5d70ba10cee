import { type ClinicalItem, type EncounterInfo, type Gender, type PatientBanner } from '../domain/patients/patient-summary';
import { newestFirst } from './dates';
import { type CodeableConcept, type Encounter, type HumanName, type Patient, type Reference } from './fhir-resources';

/**
 * Mapping shared by all versions: the banner, the encounter and the item builders. The per-version
 * modules only pick fields (where DSTU2, STU3 and R4 name or shape them differently) and call these.
 */

/** v2-0203 moved to terminology.hl7.org in R4; data migrated from STU3 often keeps the old URL. */
const V2_0203 = new Set(['http://terminology.hl7.org/CodeSystem/v2-0203', 'http://hl7.org/fhir/v2/0203']);
const GENDERS = new Set<string>(['male', 'female', 'other', 'unknown']);

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The human text of a concept: its text, else the first coding's display, else its code. */
export function conceptText(concept: CodeableConcept | undefined): string | null {
  const codings = concept?.coding ?? [];
  return text(concept?.text) ?? codings.map((coding) => text(coding.display)).find(Boolean) ?? codings.map((coding) => text(coding.code)).find(Boolean) ?? null;
}

/** A status that is a code (DSTU2, STU3) or a CodeableConcept (R4). */
export function statusCode(status: string | CodeableConcept | undefined): string | null {
  if (typeof status === 'string') return status;
  return status?.coding?.map((coding) => coding.code).find((code): code is string => typeof code === 'string') ?? null;
}

export function referenceText(reference: Reference | undefined): string | null {
  return text(reference?.display);
}

export function joined(parts: readonly (string | null | undefined)[], separator: string): string | null {
  const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  return present.length > 0 ? present.join(separator) : null;
}

/** Arrays from the EHR, or nothing: a banner must not fail because a list came as a single value. */
function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

export function mapBanner(patient: Patient & { id: string }): PatientBanner {
  const names = list(patient.name).filter((name) => name.use !== 'old');
  const name = names.find((candidate) => candidate.use === 'official') ?? names.find((candidate) => candidate.use === 'usual') ?? names[0];
  const givenName = joined(list(name?.given).map(text), ' ');
  const familyName = familyOf(name);
  const mrn = list(patient.identifier).find(
    (identifier) => identifier.use !== 'old' && list(identifier.type?.coding).some((coding) => coding.code === 'MR' && V2_0203.has(coding.system ?? '')),
  );
  return {
    id: patient.id,
    name: text(name?.text) ?? joined([givenName, familyName], ' ') ?? 'Unnamed patient',
    givenName,
    familyName,
    mrn: text(mrn?.value),
    birthDate: text(patient.birthDate),
    gender: typeof patient.gender === 'string' && GENDERS.has(patient.gender) ? (patient.gender as Gender) : null,
    deceased: patient.deceasedBoolean === true || text(patient.deceasedDateTime) !== null,
  };
}

/** DSTU2 has `family: string[]`, later versions a string. */
function familyOf(name: HumanName | undefined): string | null {
  const family = name?.family;
  return Array.isArray(family) ? joined(family.map(text), ' ') : text(family);
}

/**
 * The current encounter (in progress, else the latest by start) as the patient's last known place:
 * its present locations (ward, room, bed, ...) joined, and its attending.
 */
export function mapEncounter(encounters: readonly Encounter[]): EncounterInfo | null {
  const valid = newestFirst(
    encounters.filter((encounter) => encounter.status !== 'entered-in-error' && encounter.status !== 'cancelled'),
    (encounter) => encounter.period?.start,
  );
  const current = valid.find((encounter) => encounter.status === 'in-progress') ?? valid[0];
  if (!current) return null;
  const locations = current.location ?? [];
  const present = locations.filter((location) => location.status !== 'completed' && location.status !== 'planned');
  const places = [...new Set((present.length > 0 ? present : locations).map((location) => referenceText(location.location)).filter(Boolean))];
  const participants = current.participant ?? [];
  const attending =
    participants.find((participant) => participant.type?.some((type) => type.coding?.some((coding) => coding.code === 'ATND'))) ??
    participants.find((participant) => referenceText(participant.individual) !== null);
  return {
    location: joined(places, ' · '),
    attending: referenceText(attending?.individual),
    admittedAt: text(current.period?.start),
    status: text(current.status),
  };
}

/** Verification statuses that mean "this is not true": never shown. */
const NOT_TRUE = new Set(['refuted', 'entered-in-error']);

export function isRefuted(verification: string | null): boolean {
  return verification !== null && NOT_TRUE.has(verification);
}

export function conditionItem(fields: {
  code: CodeableConcept | undefined;
  severity: CodeableConcept | undefined;
  clinicalStatus: string | null;
  onset: string | undefined;
  recorded: string | undefined;
}): ClinicalItem {
  const status = fields.clinicalStatus && fields.clinicalStatus !== 'active' ? (CLINICAL_STATUS_WORDS[fields.clinicalStatus] ?? fields.clinicalStatus) : null;
  const onset = text(fields.onset);
  return {
    text: conceptText(fields.code) ?? 'Unnamed condition',
    detail: joined([conceptText(fields.severity), status, onset ? `onset ${dayLabel(onset)}` : null], ' · '),
    date: text(fields.recorded) ?? onset,
  };
}

/** Condition clinical statuses (R4, STU3; DSTU2's are the same words) as a clinician says them. */
const CLINICAL_STATUS_WORDS: Record<string, string> = {
  recurrence: 'recurrence',
  relapse: 'relapse',
  inactive: 'inactive',
  remission: 'in remission',
  resolved: 'resolved',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A FHIR date or dateTime as the day it names, in words ("2 Dec 2026", "Jan 2019", "2015"), never raw
 * ISO: the day as the EHR wrote it, so no time zone moves it.
 */
export function dayLabel(value: string): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year ?? value;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

const SEVERITIES = ['mild', 'moderate', 'severe'] as const;

export function allergyItem(fields: {
  substance: CodeableConcept | undefined;
  reactions: readonly { manifestation?: CodeableConcept[]; severity?: string }[] | undefined;
  criticality: string | undefined;
  date: string | undefined;
}): ClinicalItem {
  const reactions = fields.reactions ?? [];
  const manifestations = reactions.flatMap((reaction) => (reaction.manifestation ?? []).map(conceptText));
  // The worst reaction recorded is the one that matters at the bedside.
  const severity = SEVERITIES.filter((level) => reactions.some((reaction) => reaction.severity === level)).at(-1) ?? null;
  // DSTU2 spelled criticality CRITH/CRITL/CRITU; STU3 and R4 high/low/unable-to-assess.
  const high = fields.criticality === 'high' || fields.criticality === 'CRITH';
  return {
    text: conceptText(fields.substance) ?? 'Unnamed allergy',
    detail: joined([joined([...new Set(manifestations)], ', '), severity, high ? 'high criticality' : null], ' · '),
    date: text(fields.date),
  };
}

/** Orders that are over or were never real: not shown on a rounding list. */
const ENDED_ORDER = new Set(['entered-in-error', 'cancelled', 'stopped', 'completed']);

export function isEndedOrder(status: string | undefined): boolean {
  return status !== undefined && ENDED_ORDER.has(status);
}

export function medicationItem(fields: { name: string | null; dosage: readonly { text?: string }[] | undefined; prescriber: string | null; date: string | undefined }): ClinicalItem {
  return {
    text: fields.name ?? 'Unnamed medication',
    detail: joined([joined((fields.dosage ?? []).map((dosage) => text(dosage.text)), '; '), fields.prescriber ? `by ${fields.prescriber}` : null], ' · '),
    date: text(fields.date),
  };
}

export function coverageItem(fields: { payor: string | null; plan: string | null; group: string | null; subscriberId: string | null; start: string | undefined }): ClinicalItem {
  const title = fields.payor ?? fields.plan ?? 'Coverage';
  return {
    text: title,
    detail: joined([fields.plan === title ? null : fields.plan, fields.group ? `group ${fields.group}` : null, fields.subscriberId ? `member ${fields.subscriberId}` : null], ' · '),
    date: text(fields.start),
  };
}

/** Newest first by the item date; the EHR's order otherwise. */
export function sortItems(items: readonly ClinicalItem[]): ClinicalItem[] {
  return newestFirst(items, (item) => item.date);
}
