import { LAB_CODES, LAB_LABELS, LABS_STALE_AFTER_HOURS, type LabCode, type LabResult } from '../domain/patients/patient-summary';
import { parseLenientDate } from './dates';
import { type Observation, type Quantity } from './fhir-resources';
import { text } from './map-common';
import { flagOf } from './value-flags';
import { isRetracted, loincCodes, takenAtOf } from './vitals';

/**
 * The latest result of each lab Rounds shows, from a patient's laboratory Observations (the same shape
 * in DSTU2, STU3 and R4). Values keep the unit the laboratory sent: converting mmol/L to mg/dL is the
 * laboratory's call, not ours. Flags come from the EHR only (interpretation, else reference range):
 * normal ranges depend on the assay, the age and the sex, so there are no built-in limits.
 */

const isLabCode = (code: string): code is LabCode => (LAB_CODES as readonly string[]).includes(code);

/** "5.9 mmol/L", "<5 mg/L": the number as sent, with the unit as sent (its text, else its UCUM code). */
function asSent(value: Quantity | undefined): string | null {
  if (typeof value?.value !== 'number') return null;
  const unit = text(value.unit) ?? text(value.code);
  return `${text(value.comparator) ?? ''}${value.value}${unit ? ` ${unit}` : ''}`;
}

export function latestLabs(observations: readonly Observation[], now: number): LabResult[] {
  const latest = new Map<LabCode, { result: Omit<LabResult, 'stale'>; at: number | null }>();
  for (const observation of observations) {
    if (isRetracted(observation)) continue;
    const takenAt = takenAtOf(observation);
    const display = asSent(observation.valueQuantity);
    const code = loincCodes(observation.code).find(isLabCode);
    if (!takenAt || !display || !code) continue;
    const at = parseLenientDate(takenAt);
    const best = latest.get(code);
    if (best && (at ?? -Infinity) <= (best.at ?? -Infinity)) continue;
    latest.set(code, { at, result: { code, label: LAB_LABELS[code], display, takenAt, flag: flagOf(observation.valueQuantity, observation) } });
  }
  const staleBefore = now - LABS_STALE_AFTER_HOURS * 3_600_000;
  return LAB_CODES.flatMap((code) => {
    const found = latest.get(code);
    return found ? [{ ...found.result, stale: found.at === null || found.at < staleBefore }] : [];
  });
}
