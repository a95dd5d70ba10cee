/**
 * The few FHIR shapes the gateway reads, loose enough for DSTU2, STU3 and R4 at once (where they
 * differ, the field type says so, e.g. DSTU2's `family` array). Everything is optional: EHR data is
 * untrusted input, and the mappers cope with gaps.
 */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Quantity {
  value?: number;
  /** `<`, `<=`, `>=`, `>`: a lab value past its assay's limit ("<5"). */
  comparator?: string;
  unit?: string;
  code?: string;
}

export interface Resource {
  resourceType: string;
  id?: string;
  contained?: Resource[];
}

export interface HumanName {
  use?: string;
  text?: string;
  /** A string since STU3, an array in DSTU2. */
  family?: string | string[];
  given?: string[];
}

export interface Identifier {
  use?: string;
  type?: CodeableConcept;
  system?: string;
  value?: string;
}

/** DSTU2 has no `rank` and no `sms` system; STU3 and R4 have both. */
export interface ContactPoint {
  system?: string;
  value?: string;
  use?: string;
  rank?: number;
  period?: Period;
}

export interface Patient extends Resource {
  resourceType: 'Patient';
  name?: HumanName[];
  telecom?: ContactPoint[];
  identifier?: Identifier[];
  gender?: string;
  birthDate?: string;
  deceasedBoolean?: boolean;
  deceasedDateTime?: string;
}

export interface Encounter extends Resource {
  resourceType: 'Encounter';
  status?: string;
  period?: Period;
  location?: { location?: Reference; status?: string }[];
  participant?: { type?: CodeableConcept[]; individual?: Reference }[];
}

export interface ReferenceRange {
  low?: Quantity;
  high?: Quantity;
}

export interface ObservationComponent {
  code?: CodeableConcept;
  valueQuantity?: Quantity;
  interpretation?: CodeableConcept[] | CodeableConcept;
  referenceRange?: ReferenceRange[];
}

export interface Observation extends Resource {
  resourceType: 'Observation';
  status?: string;
  code?: CodeableConcept;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  issued?: string;
  valueQuantity?: Quantity;
  /** R4: a list; STU3 and DSTU2: one concept. */
  interpretation?: CodeableConcept[] | CodeableConcept;
  referenceRange?: ReferenceRange[];
  component?: ObservationComponent[];
}

export interface OperationOutcome extends Resource {
  resourceType: 'OperationOutcome';
  issue?: { severity?: string; code?: string }[];
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: Resource;
  search?: { mode?: string };
  request?: { method: string; url: string };
  response?: { status?: string; outcome?: Resource };
}

export interface Bundle extends Resource {
  resourceType: 'Bundle';
  type?: string;
  link?: { relation?: string; url?: string }[];
  entry?: BundleEntry[];
}

/** A JSON value that at least claims to be a FHIR resource. */
export function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

/** The resources of one type in a list; the cast is as safe as `resourceType` is honest. */
export function ofType<T extends Resource>(resources: readonly Resource[], resourceType: T['resourceType']): T[] {
  return resources.filter((resource): resource is T => resource.resourceType === resourceType);
}
