/**
 * Stable, readable ids for the synthetic hospital. They depend only on a patient's position, never
 * on the seed, so tests and bug reports can name `pat-0001` and mean the same person every run.
 */

/** Zero-based position to a four-digit one-based number: 0 -> "0001". */
function ordinal(index: number): string {
  return String(index + 1).padStart(4, '0');
}

export function patientId(index: number): string {
  return `pat-${ordinal(index)}`;
}

export function encounterId(index: number): string {
  return `enc-${ordinal(index)}`;
}

export function coverageId(index: number): string {
  return `cov-${ordinal(index)}`;
}

/** Ids of a patient's repeated resources: `obs-0001-03-hr`, `cond-0001-2`, ... */
export function childId(prefix: string, index: number, ...parts: (string | number)[]): string {
  return [prefix, ordinal(index), ...parts.map(String)].join('-');
}

/** Eight digits, unique per patient, and not a run of the patient number (so MRN != id). */
export function mrnFor(index: number): string {
  return String(40_000_000 + (index + 1) * 1009);
}
