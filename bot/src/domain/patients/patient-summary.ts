/**
 * What Rounds knows about a patient, whatever FHIR version (R4, STU3, DSTU2) or manual entry it came
 * from. Each part can fail on its own: one failing resource degrades one column, never the list.
 */
import type { ChannelRef } from '../shared/actor';

/** A part of a summary: its value with the time it was read, or why it could not be read. */
export type SummaryPart<T> =
  | { status: 'ok'; value: T; asOf: string }
  /** `reason` is shown on hover: plain language, no PHI, no exception text. */
  | { status: 'error'; reason: string }
  /** The source does not offer this part (e.g. a server without Coverage, or manual mode). */
  | { status: 'unavailable' }
  /** The EHR has it but did not grant Rounds access (a reduced scope, or 403): a setting, not a fault. */
  | { status: 'not_permitted' };

export type Gender = 'male' | 'female' | 'other' | 'unknown';

export interface PatientBanner {
  /** The source's id (FHIR logical id, or the manual entry's id). */
  id: string;
  /** Display name as the source gives it; "Unnamed patient" when the source has none. */
  name: string;
  givenName: string | null;
  familyName: string | null;
  /** Identifier whose type is MR (v2-0203); null when the source has none. */
  mrn: string | null;
  /** YYYY-MM-DD (or a shorter FHIR date). */
  birthDate: string | null;
  gender: Gender | null;
  deceased: boolean;
}

/** How to reach the patient, from the EHR's Patient.telecom: a mobile first; E.164 when the EHR wrote it so. */
export interface PatientTelecom {
  phone: string | null;
  email: string | null;
}

export interface EncounterInfo {
  /** e.g. "Ward 7 West · Room 12 · Bed B" (one line) as built from the encounter's locations. */
  location: string | null;
  attending: string | null;
  admittedAt: string | null;
  status: string | null;
}

export type VitalCode = 'heartRate' | 'bloodPressure' | 'temperature' | 'respiratoryRate' | 'oxygenSaturation';

/**
 * Whether a value is out of range: from the EHR's own interpretation, else its reference range, else
 * (vital signs only) the adult limits in docs/clinical-flags.md. Null: within range, or nothing to judge by.
 */
export type ValueFlag = 'low' | 'high' | 'critical-low' | 'critical-high' | 'abnormal' | 'critical';

export interface VitalSign {
  code: VitalCode;
  flag: ValueFlag | null;
  /** Display value with unit, e.g. "120/80 mmHg", "37.2 °C". */
  display: string;
  takenAt: string;
  /** Older than the staleness window (see `VITALS_STALE_AFTER_HOURS`). */
  stale: boolean;
}

export const VITALS_STALE_AFTER_HOURS = 24;

/** The chemistry and blood count rounded on, by LOINC code: K, Na, creatinine, urea, glucose, Hb, WBC, platelets. */
export const LAB_CODES = ['2823-3', '2951-2', '2160-0', '3094-0', '2345-7', '718-7', '6690-2', '777-3'] as const;
export type LabCode = (typeof LAB_CODES)[number];

export const LAB_LABELS: Record<LabCode, string> = {
  '2823-3': 'Potassium',
  '2951-2': 'Sodium',
  '2160-0': 'Creatinine',
  '3094-0': 'Urea',
  '2345-7': 'Glucose',
  '718-7': 'Haemoglobin',
  '6690-2': 'White cells',
  '777-3': 'Platelets',
};

export interface LabResult {
  /** The LOINC code. */
  code: LabCode;
  /** "Potassium", "Haemoglobin"... */
  label: string;
  /** Value with its unit as the EHR sent it (no conversion), e.g. "5.9 mmol/L", "102 umol/L". */
  display: string;
  takenAt: string;
  /** From the EHR's interpretation, else its reference range; labs have no built-in limits. */
  flag: ValueFlag | null;
  /** Older than `LABS_STALE_AFTER_HOURS`. */
  stale: boolean;
}

/** Labs are drawn once or twice a day: a result from the previous morning's round is still current. */
export const LABS_STALE_AFTER_HOURS = 48;

export interface ClinicalItem {
  text: string;
  /** Secondary detail: onset, reaction, dosage, plan... */
  detail: string | null;
  date: string | null;
}

export interface PatientSummary {
  patient: PatientBanner;
  encounter: SummaryPart<EncounterInfo | null>;
  vitals: SummaryPart<VitalSign[]>;
  labs: SummaryPart<LabResult[]>;
  conditions: SummaryPart<ClinicalItem[]>;
  allergies: SummaryPart<ClinicalItem[]>;
  medications: SummaryPart<ClinicalItem[]>;
  coverage: SummaryPart<ClinicalItem[]>;
  /** EHR patients only, and never sent to the list page: read when a visit is scheduled. */
  telecom?: PatientTelecom;
}

export interface PatientSearch {
  /** Free text: a name (or part of one), an MRN, or a birth date (YYYY-MM-DD). */
  query: string;
  limit: number;
}

/** How a group of inpatients is found: by the place they lie (a ward) or by their attending. */
export type CensusKind = 'location' | 'practitioner';

/** A ward (or any Location) or an attending (Practitioner) a clinician can pick to add their patients. */
export interface CensusSource {
  kind: CensusKind;
  id: string;
  name: string;
  /** e.g. "Ward", "Room": what kind of place; null when the EHR does not say (and for practitioners). */
  detail: string | null;
}

export interface CensusPatient {
  patient: PatientBanner;
  /** Where the encounter places them now, one line (ward · room · bed). */
  location: string | null;
}

export interface Census {
  /** Every in-progress inpatient of the source, one per patient, by location then name. */
  patients: CensusPatient[];
  /** True when the EHR had more than Rounds reads at once (`patients` holds the first ones). */
  truncated: boolean;
}

/** The port to an EHR (FHIR gateway) as the use cases see it. */
export interface PatientDirectory {
  search(search: PatientSearch): Promise<PatientBanner[]>;
  /** Wards or attendings whose name matches the query. */
  censusSources(kind: CensusKind, query: string): Promise<CensusSource[]>;
  /** The in-progress inpatients at a location or under a practitioner. */
  census(kind: CensusKind, id: string): Promise<Census>;
  /** Summaries of many patients at once; unknown ids are absent from the map. */
  summaries(ids: readonly string[]): Promise<Map<string, PatientSummary>>;
}

/** The EHR behind a channel: its own connection, or the organisation default. */
export interface DirectoryResolver {
  forChannel(channel: ChannelRef): Promise<PatientDirectory>;
  /** The organisation's default EHR (FHIR_* settings, or the local sandbox), for a tenant. */
  organisationDefault(tenantId: string): Promise<PatientDirectory>;
}
