/**
 * Flags for observed values, in the order a clinician trusts them: the EHR's own interpretation
 * (HL7 v3 ObservationInterpretation, the same codes in DSTU2, STU3 and R4), else the reference range
 * it sent, else, for vital signs, the adult limits of docs/clinical-flags.md.
 */
import type { ValueFlag } from '../domain/patients/patient-summary';
import type { CodeableConcept, Quantity, ReferenceRange } from './fhir-resources';

const INTERPRETATION: Record<string, ValueFlag | null> = {
  N: null,
  H: 'high',
  HU: 'high',
  '>': 'high',
  L: 'low',
  LU: 'low',
  '<': 'low',
  HH: 'critical-high',
  LL: 'critical-low',
  A: 'abnormal',
  AA: 'critical',
};

/** How bad a flag is, to keep the worst of several (a BP's systolic and diastolic). */
const RANK: Record<ValueFlag, number> = { abnormal: 1, low: 2, high: 2, critical: 3, 'critical-low': 3, 'critical-high': 3 };

export function worstFlag(flags: readonly (ValueFlag | null | undefined)[]): ValueFlag | null {
  return flags.reduce<ValueFlag | null>((worst, flag) => (flag && (!worst || RANK[flag] > RANK[worst]) ? flag : worst), null);
}

/** The EHR's interpretation; undefined when it gave none (null when it said normal). */
export function interpretationFlag(interpretation: CodeableConcept[] | CodeableConcept | undefined): ValueFlag | null | undefined {
  const concepts = interpretation === undefined ? [] : Array.isArray(interpretation) ? interpretation : [interpretation];
  const codes = concepts.flatMap((concept) => (concept.coding ?? []).map((coding) => coding.code)).filter((code): code is string => typeof code === 'string');
  const known = codes.filter((code) => code in INTERPRETATION);
  if (known.length === 0) return undefined;
  return worstFlag(known.map((code) => INTERPRETATION[code]));
}

/** Low or high against the first reference range with a bound; undefined when there is none to judge by. */
export function rangeFlag(value: number, ranges: readonly ReferenceRange[] | undefined): ValueFlag | null | undefined {
  const range = (ranges ?? []).find((candidate) => typeof candidate.low?.value === 'number' || typeof candidate.high?.value === 'number');
  if (!range) return undefined;
  if (typeof range.low?.value === 'number' && value < range.low.value) return 'low';
  if (typeof range.high?.value === 'number' && value > range.high.value) return 'high';
  return null;
}

/** Adult limits per measure (docs/clinical-flags.md): below `low`/`criticalLow` or above `high`/`criticalHigh` (inclusive at the critical end). */
export interface Limits {
  criticalLow?: number;
  low?: number;
  high?: number;
  criticalHigh?: number;
}

export function limitsFlag(value: number, limits: Limits): ValueFlag | null {
  if (limits.criticalLow !== undefined && value <= limits.criticalLow) return 'critical-low';
  if (limits.criticalHigh !== undefined && value >= limits.criticalHigh) return 'critical-high';
  if (limits.low !== undefined && value < limits.low) return 'low';
  if (limits.high !== undefined && value > limits.high) return 'high';
  return null;
}

/** One value's flag: interpretation, else reference range, else the limits given (if any). */
export function flagOf(quantity: Quantity | undefined, sources: { interpretation?: CodeableConcept[] | CodeableConcept; referenceRange?: ReferenceRange[] }, limits?: Limits): ValueFlag | null {
  const interpreted = interpretationFlag(sources.interpretation);
  if (interpreted !== undefined) return interpreted;
  if (typeof quantity?.value !== 'number') return null;
  const ranged = rangeFlag(quantity.value, sources.referenceRange);
  if (ranged !== undefined) return ranged;
  return limits ? limitsFlag(quantity.value, limits) : null;
}
