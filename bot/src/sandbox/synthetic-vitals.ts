/**
 * Vital-sign Observations shaped like US Core's vital-signs profiles (LOINC code, category
 * vital-signs, UCUM quantities), in rounds of readings taken together, newest last.
 */
import { type Encounter, type Observation, type Patient, type Reference } from '@medplum/fhirtypes';
import { type Prng } from './prng';
import { SYSTEMS } from './synthetic-catalog';
import { childId } from './synthetic-ids';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const VITAL_SIGN_CODES = {
  heartRate: '8867-4',
  bloodPressurePanel: '85354-9',
  systolic: '8480-6',
  diastolic: '8462-4',
  bodyTemperature: '8310-5',
  respiratoryRate: '9279-1',
  oxygenSaturation: '59408-5',
  oxygenSaturationArterial: '2708-6',
} as const;

const VITAL_SIGNS_CATEGORY: Observation['category'] = [
  {
    coding: [{ system: SYSTEMS.observationCategory, code: 'vital-signs', display: 'Vital Signs' }],
    text: 'Vital Signs',
  },
];

function loinc(code: string, display: string): Observation['code'] {
  return { coding: [{ system: SYSTEMS.loinc, code, display }], text: display };
}

function quantity(value: number, unit: string, code: string): NonNullable<Observation['valueQuantity']> {
  return { value, unit, system: SYSTEMS.ucum, code };
}

/**
 * When the readings were taken: every 4 to 8 hours back from `latest`, 3 to 6 rounds, none before
 * the admission; the latest round is always kept.
 */
export function readingTimes(prng: Prng, admittedAt: Date, latest: Date): Date[] {
  const interval = prng.int(4, 8) * HOUR;
  const rounds = prng.int(3, 6);
  const times: Date[] = [];
  for (let n = rounds - 1; n > 0; n--) {
    const at = new Date(latest.getTime() - n * interval - prng.int(0, 20) * MINUTE);
    if (at >= admittedAt) times.push(at);
  }
  times.push(latest);
  return times;
}

interface Baseline {
  heartRate: number;
  systolic: number;
  diastolic: number;
  temperature: number;
  respiratoryRate: number;
  oxygenSaturation: number;
}

/** A patient's typical values; about one in five is unwell (tachycardic, febrile, hypoxic). */
function baseline(prng: Prng): Baseline {
  const unwell = prng.chance(0.2);
  return {
    heartRate: unwell ? prng.int(100, 125) : prng.int(60, 95),
    systolic: prng.int(100, 160),
    diastolic: prng.int(60, 95),
    temperature: unwell ? prng.decimal(37.8, 39.2, 1) : prng.decimal(36.2, 37.4, 1),
    respiratoryRate: unwell ? prng.int(22, 28) : prng.int(12, 20),
    oxygenSaturation: unwell ? prng.int(86, 93) : prng.int(94, 99),
  };
}

export function buildVitalSigns(
  prng: Prng,
  index: number,
  subject: Reference<Patient>,
  encounter: Reference<Encounter>,
  times: readonly Date[],
): Observation[] {
  const base = baseline(prng);
  const jitter = (value: number, spread: number): number => value + prng.int(-spread, spread);
  return times.flatMap((at, round) => {
    const common = (kind: string, code: Observation['code']): Observation => ({
      resourceType: 'Observation',
      id: childId('obs', index, String(round + 1).padStart(2, '0'), kind),
      status: 'final',
      category: VITAL_SIGNS_CATEGORY,
      code,
      subject,
      encounter,
      effectiveDateTime: at.toISOString(),
    });
    return [
      {
        ...common('hr', loinc(VITAL_SIGN_CODES.heartRate, 'Heart rate')),
        valueQuantity: quantity(jitter(base.heartRate, 6), '/min', '/min'),
      },
      {
        ...common('bp', loinc(VITAL_SIGN_CODES.bloodPressurePanel, 'Blood pressure panel with all children optional')),
        component: [
          {
            code: loinc(VITAL_SIGN_CODES.systolic, 'Systolic blood pressure'),
            valueQuantity: quantity(jitter(base.systolic, 8), 'mmHg', 'mm[Hg]'),
          },
          {
            code: loinc(VITAL_SIGN_CODES.diastolic, 'Diastolic blood pressure'),
            valueQuantity: quantity(jitter(base.diastolic, 5), 'mmHg', 'mm[Hg]'),
          },
        ],
      },
      {
        ...common('temp', loinc(VITAL_SIGN_CODES.bodyTemperature, 'Body temperature')),
        valueQuantity: quantity(Number((base.temperature + prng.int(-3, 3) / 10).toFixed(1)), 'Cel', 'Cel'),
      },
      {
        ...common('rr', loinc(VITAL_SIGN_CODES.respiratoryRate, 'Respiratory rate')),
        valueQuantity: quantity(jitter(base.respiratoryRate, 2), '/min', '/min'),
      },
      {
        ...common('spo2', {
          // US Core's pulse-oximetry profile requires both codings.
          coding: [
            {
              system: SYSTEMS.loinc,
              code: VITAL_SIGN_CODES.oxygenSaturation,
              display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
            },
            { system: SYSTEMS.loinc, code: VITAL_SIGN_CODES.oxygenSaturationArterial, display: 'Oxygen saturation in Arterial blood' },
          ],
          text: 'Oxygen saturation',
        }),
        valueQuantity: quantity(Math.min(100, jitter(base.oxygenSaturation, 2)), '%', '%'),
      },
    ];
  });
}
