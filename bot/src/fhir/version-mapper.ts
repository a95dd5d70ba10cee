import { LAB_CODES, type ClinicalItem, type PatientTelecom } from '../domain/patients/patient-summary';
import { type FhirVersion } from './discovery';
import { type CodeableConcept, type Patient, type Reference, type Resource } from './fhir-resources';
import { conceptText, referenceText } from './map-common';

/** The parts of a summary fetched by their own search; each can fail or be missing on its own. */
export type PartName = 'encounter' | 'vitals' | 'labs' | 'conditions' | 'allergies' | 'medications' | 'coverage';
export const PART_NAMES: readonly PartName[] = ['encounter', 'vitals', 'labs', 'conditions', 'allergies', 'medications', 'coverage'];

/**
 * The labs' `code` search value: only the results Rounds shows, so an ICU patient's hourly blood gases
 * cannot push the morning's potassium off the first page.
 */
export const LAB_SEARCH_CODES: readonly string[] = LAB_CODES.map((code) => `http://loinc.org|${code}`);

export interface PartSearch {
  resourceType: string;
  /** Relative to the base, as a batch entry's `request.url` wants it. */
  url: string;
}

/**
 * What differs between DSTU2, STU3 and R4: the searches' dialect and the fields of the clinical
 * resources. Patient, Encounter and Observation read the same way in all three (map-common, vitals).
 */
export interface VersionMapper {
  version: FhirVersion;
  /** Media type of the request bodies (DSTU2 predates `application/fhir+json`). */
  contentType: string;
  partSearches: (patientId: string) => Record<PartName, PartSearch>;
  /** Form bodies for `POST Patient/_search` that together find a name; their results are merged. */
  nameSearches: (words: readonly string[]) => URLSearchParams[];
  conditions: (resources: readonly Resource[]) => ClinicalItem[];
  allergies: (resources: readonly Resource[]) => ClinicalItem[];
  medications: (resources: readonly Resource[]) => ClinicalItem[];
  coverage: (resources: readonly Resource[]) => ClinicalItem[];
  /** The patient's phone and email (map-telecom.ts): DSTU2 has no `rank` and no `sms` system. */
  telecom: (patient: Patient, now: number) => PatientTelecom;
}

/**
 * `Type?a=b&c=d`; a list value becomes a FHIR OR list (commas stay literal, each value is encoded).
 * `:` stays readable (`_include=MedicationRequest:medication`): RFC 3986 allows it in a query.
 */
export function searchUrl(resourceType: string, params: readonly [string, string | readonly string[]][]): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%3A/gi, ':');
  const query = params.map(([name, value]) => `${name}=${(typeof value === 'string' ? [value] : value).map(encode).join(',')}`);
  return `${resourceType}?${query.join('&')}`;
}

interface Medication extends Resource {
  resourceType: 'Medication';
  code?: CodeableConcept;
}

/**
 * An order's drug: its concept, or the display of its reference, or the Medication it references,
 * contained in the order (`#id`) or brought along by `_include` (`Medication/id`).
 */
export function medicationName(
  order: Resource & { medicationCodeableConcept?: CodeableConcept; medicationReference?: Reference },
  included: readonly Resource[],
): string | null {
  const fromConcept = conceptText(order.medicationCodeableConcept) ?? referenceText(order.medicationReference);
  if (fromConcept) return fromConcept;
  const reference = order.medicationReference?.reference ?? '';
  const medication = reference.startsWith('#')
    ? order.contained?.find((resource) => resource.id === reference.slice(1))
    : included.find((resource) => resource.resourceType === 'Medication' && resource.id !== undefined && reference.endsWith(`Medication/${resource.id}`));
  return medication?.resourceType === 'Medication' ? conceptText((medication as Medication).code) : null;
}
