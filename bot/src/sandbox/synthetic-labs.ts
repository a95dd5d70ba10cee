/**
 * Laboratory Observations (category laboratory, LOINC, UCUM units, reference ranges) for the chemistry
 * and blood count Rounds shows: drawn on admission and with the latest round of vitals. Some labs
 * interpret their results (v3 ObservationInterpretation), others send only the reference range, as
 * real laboratories differ. Drawn from their own seeded stream, so adding labs changed no other value.
 */
import { type Encounter, type Observation, type Patient, type Reference } from '@medplum/fhirtypes';
import { createPrngFor, type Prng } from './prng';
import { SYSTEMS } from './synthetic-catalog';
import { childId } from './synthetic-ids';

interface LabDefinition {
  loinc: string;
  display: string;
  unit: string;
  /** UCUM code of the unit. */
  ucum: string;
  low: number;
  high: number;
  decimals: number;
  /** Short id part: `obs-0001-lab-1-k`. */
  kind: string;
}

/** Mass units where the LOINC code is a mass concentration (creatinine, BUN, glucose, Hb), as a US laboratory reports them. */
export const SYNTHETIC_LABS: readonly LabDefinition[] = [
  { loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', low: 3.5, high: 5.1, decimals: 1, kind: 'k' },
  { loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', low: 135, high: 145, decimals: 0, kind: 'na' },
  { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', low: 0.6, high: 1.2, decimals: 2, kind: 'cr' },
  { loinc: '3094-0', display: 'Urea nitrogen [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', low: 7, high: 20, decimals: 0, kind: 'bun' },
  { loinc: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', low: 70, high: 99, decimals: 0, kind: 'glu' },
  { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', unit: 'g/dL', ucum: 'g/dL', low: 12, high: 17, decimals: 1, kind: 'hb' },
  { loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', unit: '10*3/uL', ucum: '10*3/uL', low: 4, high: 11, decimals: 1, kind: 'wbc' },
  { loinc: '777-3', display: 'Platelets [#/volume] in Blood by Automated count', unit: '10*3/uL', ucum: '10*3/uL', low: 150, high: 400, decimals: 0, kind: 'plt' },
];

/** The first patient's latest potassium: high against its range (no interpretation sent), so a first run shows a flag. */
export const FIRST_PATIENT_POTASSIUM = 5.9;
/** The first patient's latest haemoglobin: low, as the laboratory interpreted it. */
export const FIRST_PATIENT_HAEMOGLOBIN = 9.8;

const LABORATORY_CATEGORY: Observation['category'] = [{ coding: [{ system: SYSTEMS.observationCategory, code: 'laboratory', display: 'Laboratory' }], text: 'Laboratory' }];

/** Another stream than the patient's own (whose draws decide names, vitals, charts). */
const LABS_STREAM = 0x1ab5;

/** A value inside the range, or (about one in eight) just outside it. */
function draw(prng: Prng, lab: LabDefinition): number {
  const span = lab.high - lab.low;
  const roll = prng.next();
  const value = roll < 0.06 ? lab.low - span * prng.decimal(0.05, 0.6, 2) : roll < 0.12 ? lab.high + span * prng.decimal(0.05, 0.6, 2) : prng.decimal(lab.low, lab.high, lab.decimals);
  return Number(Math.max(0, value).toFixed(lab.decimals));
}

function interpretationCode(value: number, lab: LabDefinition): string {
  const span = lab.high - lab.low;
  if (value < lab.low) return value < lab.low - span * 0.5 ? 'LL' : 'L';
  if (value > lab.high) return value > lab.high + span * 0.5 ? 'HH' : 'H';
  return 'N';
}

function fixedValue(index: number, latest: boolean, lab: LabDefinition): number | undefined {
  if (index !== 0 || !latest) return undefined;
  if (lab.kind === 'k') return FIRST_PATIENT_POTASSIUM;
  if (lab.kind === 'hb') return FIRST_PATIENT_HAEMOGLOBIN;
  return undefined;
}

/** Labs drawn at the first and the latest round of vitals (one draw when those are the same time). */
export function buildLabs(seed: number, index: number, subject: Reference<Patient>, encounter: Reference<Encounter>, vitalsTimes: readonly Date[]): Observation[] {
  const prng = createPrngFor(seed ^ LABS_STREAM, index);
  const interprets = prng.chance(0.5);
  const draws = [...new Set([vitalsTimes[0], vitalsTimes.at(-1)].filter((at): at is Date => at !== undefined))];
  return draws.flatMap((at, n) =>
    SYNTHETIC_LABS.map((lab): Observation => {
      const latest = n === draws.length - 1;
      const value = fixedValue(index, latest, lab) ?? draw(prng, lab);
      const quantity = (amount: number) => ({ value: amount, unit: lab.unit, system: SYSTEMS.ucum, code: lab.ucum });
      // The first patient's potassium is judged by its range alone, its haemoglobin by the laboratory.
      const interpreted = index === 0 ? lab.kind === 'hb' : interprets;
      return {
        resourceType: 'Observation',
        id: childId('obs', index, 'lab', n + 1, lab.kind),
        status: 'final',
        category: LABORATORY_CATEGORY,
        code: { coding: [{ system: SYSTEMS.loinc, code: lab.loinc, display: lab.display }], text: lab.display },
        subject,
        encounter,
        effectiveDateTime: at.toISOString(),
        issued: at.toISOString(),
        valueQuantity: quantity(value),
        ...(interpreted ? { interpretation: [{ coding: [{ system: SYSTEMS.observationInterpretation, code: interpretationCode(value, lab) }] }] } : {}),
        referenceRange: [{ low: quantity(lab.low), high: quantity(lab.high) }],
      };
    }),
  );
}
