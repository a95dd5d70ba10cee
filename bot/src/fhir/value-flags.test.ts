import type { Observation } from './fhir-resources';
import { flagOf, interpretationFlag } from './value-flags';
import { latestVitals } from './vitals';

const loinc = (code: string) => ({ coding: [{ system: 'http://loinc.org', code }] });
const v3 = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code }] });
const now = Date.parse('2026-12-07T10:00:00Z');
const at = '2026-12-07T09:00:00Z';

function vital(code: string, value: number, unit: string, extra: Partial<Observation> = {}): Observation {
  return { resourceType: 'Observation', status: 'final', code: loinc(code), effectiveDateTime: at, valueQuantity: { value, unit, code: unit }, ...extra };
}

function bp(systolic: number, diastolic: number, extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: loinc('85354-9'),
    effectiveDateTime: at,
    component: [
      { code: loinc('8480-6'), valueQuantity: { value: systolic, unit: 'mm[Hg]' } },
      { code: loinc('8462-4'), valueQuantity: { value: diastolic, unit: 'mm[Hg]' } },
    ],
    ...extra,
  };
}

const flagOfVital = (observation: Observation) => latestVitals([observation], now)[0]?.flag;

describe('value flags', () => {
  it('trusts the EHR’s interpretation first, in R4 (a list) and older versions (one concept)', () => {
    expect(interpretationFlag([v3('HH')])).toBe('critical-high');
    expect(interpretationFlag(v3('L'))).toBe('low');
    expect(interpretationFlag([v3('N')])).toBeNull();
    expect(interpretationFlag(undefined)).toBeUndefined();
    // The EHR said normal: its word stands over the adult limits.
    expect(flagOfVital(vital('8867-4', 130, '/min', { interpretation: [v3('N')] }))).toBeNull();
  });

  it('uses the reference range the EHR sent when it gave no interpretation', () => {
    expect(flagOf({ value: 6.1 }, { referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }] })).toBe('high');
    expect(flagOf({ value: 3.1 }, { referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }] })).toBe('low');
    expect(flagOf({ value: 4.2 }, { referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }] })).toBeNull();
  });

  it('flags vital signs against adult limits when the EHR judged nothing: BP 152/79 is high, 114/73 is not', () => {
    expect(flagOfVital(bp(152, 79))).toBe('high');
    expect(flagOfVital(bp(114, 73))).toBeNull();
    expect(flagOfVital(bp(84, 50))).toBe('critical-low');
    expect(flagOfVital(bp(120, 125))).toBe('critical-high');
    expect(flagOfVital(vital('8867-4', 38, '/min'))).toBe('critical-low');
    expect(flagOfVital(vital('8867-4', 112, '/min'))).toBe('high');
    expect(flagOfVital(vital('59408-5', 89, '%'))).toBe('critical-low');
    expect(flagOfVital(vital('9279-1', 26, '/min'))).toBe('critical-high');
  });

  it('judges a temperature in Fahrenheit against the Celsius limits', () => {
    expect(flagOfVital(vital('8310-5', 101.5, '[degF]'))).toBe('high');
    expect(flagOfVital(vital('8310-5', 98.6, '[degF]'))).toBeNull();
    expect(flagOfVital(vital('8310-5', 39.4, 'Cel'))).toBe('critical-high');
  });
});
