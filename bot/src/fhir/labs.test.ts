import type { Observation } from './fhir-resources';
import { latestLabs } from './labs';
import { dstu2Mapper } from './map-dstu2';
import { r4Mapper } from './map-r4';
import { stu3Mapper } from './map-stu3';

const now = Date.parse('2026-12-07T10:00:00Z');
const v3 = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code }] });
const range = (low: number, high: number) => [{ low: { value: low }, high: { value: high } }];

function lab(code: string, value: number, unit: string, extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    effectiveDateTime: '2026-12-07T06:00:00Z',
    valueQuantity: { value, unit, code: unit },
    ...extra,
  };
}

describe('latest labs', () => {
  it('flags from the laboratory’s interpretation first: an R4 list, or one concept as STU3 and DSTU2 send it', () => {
    const [r4, older] = [
      latestLabs([lab('2823-3', 5.9, 'mmol/L', { interpretation: [v3('HH')], referenceRange: range(3.5, 5.1) })], now),
      latestLabs([lab('2823-3', 5.9, 'mmol/L', { interpretation: v3('N'), referenceRange: range(3.5, 5.1) })], now),
    ];
    expect(r4[0]?.flag).toBe('critical-high');
    // The laboratory said normal: its word stands over the range.
    expect(older[0]?.flag).toBeNull();
  });

  it('flags from the reference range when there is no interpretation, and not at all without either', () => {
    const labs = latestLabs(
      [lab('2823-3', 5.9, 'mmol/L', { referenceRange: range(3.5, 5.1) }), lab('718-7', 9.8, 'g/dL', { referenceRange: range(12, 17) }), lab('2951-2', 120, 'mmol/L')],
      now,
    );
    expect(labs.map((result) => [result.label, result.flag])).toEqual([
      ['Potassium', 'high'],
      ['Sodium', null],
      ['Haemoglobin', 'low'],
    ]);
  });

  it('keeps the latest result per code, whatever order the EHR sent them in', () => {
    const labs = latestLabs(
      [
        lab('2823-3', 4.1, 'mmol/L', { effectiveDateTime: '2026-12-06T06:00:00Z' }),
        lab('2823-3', 5.2, 'mmol/L', { effectiveDateTime: '2026-12-07T06:00:00Z' }),
        lab('2823-3', 3.9, 'mmol/L', { effectiveDateTime: '2026-12-05T06:00:00Z' }),
        lab('2823-3', 7.9, 'mmol/L', { effectiveDateTime: '2026-12-07T09:00:00Z', status: 'entered-in-error' }),
      ],
      now,
    );
    expect(labs).toEqual([{ code: '2823-3', label: 'Potassium', display: '5.2 mmol/L', takenAt: '2026-12-07T06:00:00Z', flag: null, stale: false }]);
  });

  it('shows the value with the unit as sent, never converted, and its comparator', () => {
    const labs = latestLabs(
      [
        lab('2160-0', 102, 'µmol/L'),
        lab('3094-0', 18, 'mg/dL'),
        { ...lab('2345-7', 6.4, ''), valueQuantity: { value: 6.4, code: 'mmol/L' } },
        { ...lab('777-3', 10, ''), valueQuantity: { value: 10, comparator: '<', unit: '10*3/uL' } },
      ],
      now,
    );
    expect(labs.map((result) => result.display)).toEqual(['102 µmol/L', '18 mg/dL', '6.4 mmol/L', '<10 10*3/uL']);
  });

  it('ignores codes it does not show, another system’s code, and results without a value or a time', () => {
    const labs = latestLabs(
      [
        lab('1975-2', 1.1, 'mg/dL'),
        { ...lab('2823-3', 9, 'mmol/L'), code: { coding: [{ system: 'urn:oid:1.2.3', code: '2823-3' }] } },
        { ...lab('2951-2', 140, 'mmol/L'), valueQuantity: undefined },
        { ...lab('6690-2', 7, '10*3/uL'), effectiveDateTime: undefined },
      ],
      now,
    );
    expect(labs).toEqual([]);
  });

  it('marks a result older than two days stale', () => {
    const [result] = latestLabs([lab('718-7', 13, 'g/dL', { effectiveDateTime: '2026-12-05T06:00:00Z' })], now);
    expect(result?.stale).toBe(true);
  });
});

describe('lab searches', () => {
  const codes = 'code=http:%2F%2Floinc.org%7C2823-3,http:%2F%2Floinc.org%7C2951-2,http:%2F%2Floinc.org%7C2160-0,http:%2F%2Floinc.org%7C3094-0,http:%2F%2Floinc.org%7C2345-7,http:%2F%2Floinc.org%7C718-7,http:%2F%2Floinc.org%7C6690-2,http:%2F%2Floinc.org%7C777-3';

  it('asks each FHIR version for the patient’s laboratory results of the eight codes, newest first in its own dialect', () => {
    expect(r4Mapper.partSearches('p1').labs).toEqual({ resourceType: 'Observation', url: `Observation?patient=p1&category=laboratory&${codes}&_sort=-date&_count=100` });
    expect(stu3Mapper.partSearches('p1').labs).toEqual({ resourceType: 'Observation', url: `Observation?patient=p1&category=laboratory&${codes}&_sort=-date&_count=100` });
    expect(dstu2Mapper.partSearches('p1').labs).toEqual({ resourceType: 'Observation', url: `Observation?patient=p1&category=laboratory&${codes}&_sort:desc=date&_count=100` });
  });
});
