import { VITALS_STALE_AFTER_HOURS, type ValueFlag, type VitalCode, type VitalSign } from '../domain/patients/patient-summary';
import { parseLenientDate } from './dates';
import { type CodeableConcept, type Observation, type ObservationComponent, type Quantity } from './fhir-resources';
import { text } from './map-common';
import { flagOf, interpretationFlag, worstFlag, type Limits } from './value-flags';

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

/** Adult limits when the EHR judged nothing (docs/clinical-flags.md, after NEWS2); temperature in °C. */
const ADULT_LIMITS: Record<Exclude<VitalCode, 'bloodPressure'>, Limits> = {
  heartRate: { criticalLow: 40, low: 51, high: 100, criticalHigh: 131 },
  temperature: { criticalLow: 35, low: 36.1, high: 38, criticalHigh: 39.1 },
  respiratoryRate: { criticalLow: 8, low: 12, high: 20, criticalHigh: 25 },
  oxygenSaturation: { criticalLow: 91, low: 96 },
};
const SYSTOLIC_LIMITS: Limits = { criticalLow: 90, low: 100, high: 139, criticalHigh: 180 };
const DIASTOLIC_LIMITS: Limits = { high: 89, criticalHigh: 120 };

interface Reading {
  code: VitalCode;
  display: string;
  takenAt: string;
  at: number | null;
  flag: ValueFlag | null;
}

/** A temperature in Fahrenheit is judged against the Celsius limits. */
function inCelsius(value: Quantity | undefined): Quantity | undefined {
  const unit = text(value?.code) ?? text(value?.unit) ?? '';
  if (typeof value?.value !== 'number' || !['[degF]', '°F', 'degF'].includes(unit)) return value;
  return { ...value, value: ((value.value - 32) * 5) / 9 };
}

function pressureFlag(observation: Observation | null, systolic: ObservationComponent | Observation | undefined, diastolic: ObservationComponent | Observation | undefined): ValueFlag | null {
  const whole = observation ? interpretationFlag(observation.interpretation) : undefined;
  if (whole !== undefined) return whole;
  return worstFlag([
    systolic ? flagOf(systolic.valueQuantity, systolic, SYSTOLIC_LIMITS) : null,
    diastolic ? flagOf(diastolic.valueQuantity, diastolic, DIASTOLIC_LIMITS) : null,
  ]);
}

/** When the value was true of the patient: its effective time, else when it was issued. */
export function takenAtOf(observation: Observation): string | null {
  return text(observation.effectiveDateTime) ?? text(observation.effectivePeriod?.start) ?? text(observation.issued);
}

/** Entered in error or cancelled: never shown. */
export function isRetracted(observation: Observation): boolean {
  return observation.status === 'entered-in-error' || observation.status === 'cancelled';
}

export function latestVitals(observations: readonly Observation[], now: number): VitalSign[] {
  const readings: Reading[] = [];
  // Systolic and diastolic recorded as separate Observations are paired by their effective time.
  const pressures = new Map<string, { systolic?: Observation; diastolic?: Observation }>();

  for (const observation of observations) {
    if (isRetracted(observation)) continue;
    const takenAt = takenAtOf(observation);
    if (!takenAt) continue;
    const codes = loincCodes(observation.code);
    const reading = (code: VitalCode, display: string | null, flag: ValueFlag | null) => {
      if (display) readings.push({ code, display, takenAt, at: parseLenientDate(takenAt), flag });
    };
    if (codes.some((code) => BP_PANELS.includes(code))) {
      const component = (loinc: string) => observation.component?.find((part) => loincCodes(part.code).includes(loinc));
      const [systolic, diastolic] = [component(SYSTOLIC), component(DIASTOLIC)];
      reading('bloodPressure', pressure(systolic?.valueQuantity, diastolic?.valueQuantity), pressureFlag(observation, systolic, diastolic));
    } else if (codes.includes(SYSTOLIC) || codes.includes(DIASTOLIC)) {
      const pair = pressures.get(takenAt) ?? {};
      pair[codes.includes(SYSTOLIC) ? 'systolic' : 'diastolic'] = observation;
      pressures.set(takenAt, pair);
    } else {
      for (const [code, loinc] of Object.entries(SINGLE_VALUE_CODES) as [Exclude<VitalCode, 'bloodPressure'>, readonly string[]][]) {
        if (!codes.some((candidate) => loinc.includes(candidate))) continue;
        const value = code === 'temperature' ? inCelsius(observation.valueQuantity) : observation.valueQuantity;
        reading(code, quantity(observation.valueQuantity), flagOf(value, observation, ADULT_LIMITS[code]));
      }
    }
  }
  for (const [takenAt, pair] of pressures) {
    const display = pressure(pair.systolic?.valueQuantity, pair.diastolic?.valueQuantity);
    if (display) readings.push({ code: 'bloodPressure', display, takenAt, at: parseLenientDate(takenAt), flag: pressureFlag(null, pair.systolic, pair.diastolic) });
  }

  const staleBefore = now - VITALS_STALE_AFTER_HOURS * 3_600_000;
  return ORDER.flatMap((code) => {
    const latest = readings
      .filter((candidate) => candidate.code === code)
      .reduce<Reading | null>((best, candidate) => (best === null || (candidate.at ?? -Infinity) > (best.at ?? -Infinity) ? candidate : best), null);
    if (!latest) return [];
    return [{ code, display: latest.display, takenAt: latest.takenAt, stale: latest.at === null || latest.at < staleBefore, flag: latest.flag }];
  });
}

export function loincCodes(concept: CodeableConcept | undefined): string[] {
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
