import { VITALS_STALE_AFTER_HOURS, type VitalCode, type VitalSign } from '../domain/patient-summary';
import { parseLenientDate } from './dates';
import { type CodeableConcept, type Observation, type Quantity } from './fhir-resources';
import { text } from './map-common';

/**
 * The latest value of each vital from a patient's vital-signs Observations. Observation is the same in
 * DSTU2, STU3 and R4 as far as vitals go. We never trust the server's order (`_sort` is optional in US
 * Core): the latest is chosen here by effective time.
 */

/** LOINC codes per vital (US Core vital-signs profiles); SpO2 has two codings in use. */
const SINGLE_VALUE_CODES: Record<Exclude<VitalCode, 'bloodPressure'>, readonly string[]> = {
  heartRate: ['8867-4'],
  temperature: ['8310-5'],
  respiratoryRate: ['9279-1'],
  oxygenSaturation: ['59408-5', '2708-6'],
};
/** The US Core BP panel, and 55284-4, the panel in the Patients-app DSTU2 samples. */
const BP_PANELS = ['85354-9', '55284-4'];
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

const ORDER: readonly VitalCode[] = ['heartRate', 'bloodPressure', 'temperature', 'respiratoryRate', 'oxygenSaturation'];

const UNIT_DISPLAY: Record<string, string> = { Cel: '°C', '[degF]': '°F', 'mm[Hg]': 'mmHg', '{beats}/min': '/min', '{breaths}/min': '/min' };

interface Reading {
  code: VitalCode;
  display: string;
  takenAt: string;
  at: number | null;
}

export function latestVitals(observations: readonly Observation[], now: number): VitalSign[] {
  const readings: Reading[] = [];
  // Systolic and diastolic recorded as separate Observations are paired by their effective time.
  const pressures = new Map<string, { systolic?: Quantity; diastolic?: Quantity }>();

  for (const observation of observations) {
    if (observation.status === 'entered-in-error' || observation.status === 'cancelled') continue;
    const takenAt = text(observation.effectiveDateTime) ?? text(observation.effectivePeriod?.start) ?? text(observation.issued);
    if (!takenAt) continue;
    const codes = loincCodes(observation.code);
    const reading = (code: VitalCode, display: string | null) => {
      if (display) readings.push({ code, display, takenAt, at: parseLenientDate(takenAt) });
    };
    if (codes.some((code) => BP_PANELS.includes(code))) {
      const component = (loinc: string) => observation.component?.find((part) => loincCodes(part.code).includes(loinc))?.valueQuantity;
      reading('bloodPressure', pressure(component(SYSTOLIC), component(DIASTOLIC)));
    } else if (codes.includes(SYSTOLIC) || codes.includes(DIASTOLIC)) {
      const pair = pressures.get(takenAt) ?? {};
      pair[codes.includes(SYSTOLIC) ? 'systolic' : 'diastolic'] = observation.valueQuantity;
      pressures.set(takenAt, pair);
    } else {
      for (const [code, loinc] of Object.entries(SINGLE_VALUE_CODES) as [VitalCode, readonly string[]][]) {
        if (codes.some((candidate) => loinc.includes(candidate))) reading(code, quantity(observation.valueQuantity));
      }
    }
  }
  for (const [takenAt, pair] of pressures) {
    const display = pressure(pair.systolic, pair.diastolic);
    if (display) readings.push({ code: 'bloodPressure', display, takenAt, at: parseLenientDate(takenAt) });
  }

  const staleBefore = now - VITALS_STALE_AFTER_HOURS * 3_600_000;
  return ORDER.flatMap((code) => {
    const latest = readings
      .filter((candidate) => candidate.code === code)
      .reduce<Reading | null>((best, candidate) => (best === null || (candidate.at ?? -Infinity) > (best.at ?? -Infinity) ? candidate : best), null);
    if (!latest) return [];
    return [{ code, display: latest.display, takenAt: latest.takenAt, stale: latest.at === null || latest.at < staleBefore }];
  });
}

function loincCodes(concept: CodeableConcept | undefined): string[] {
  return (concept?.coding ?? [])
    .filter((coding) => coding.system === undefined || coding.system === 'http://loinc.org')
    .map((coding) => coding.code)
    .filter((code): code is string => typeof code === 'string');
}

function quantity(value: Quantity | undefined): string | null {
  if (typeof value?.value !== 'number') return null;
  const unit = unitOf(value);
  return unit === '' ? String(value.value) : `${value.value}${unit === '%' ? '' : ' '}${unit}`;
}

function pressure(systolic: Quantity | undefined, diastolic: Quantity | undefined): string | null {
  if (typeof systolic?.value !== 'number' || typeof diastolic?.value !== 'number') return null;
  const unit = unitOf(systolic) || unitOf(diastolic);
  return `${systolic.value}/${diastolic.value}${unit ? ` ${unit}` : ''}`;
}

/** The human unit; UCUM codes such as `Cel` or `mm[Hg]` are shown the way clinicians write them. */
function unitOf(value: Quantity): string {
  const unit = text(value.unit) ?? text(value.code) ?? '';
  return UNIT_DISPLAY[unit] ?? unit;
}
