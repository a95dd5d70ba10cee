import { aRow } from '../../test-support/patients-fixtures';
import { cellText, filterRows, labsText, orderedColumns, sortRows, vitalsText } from './columns';
import { formatAge, formatAgeSex } from './format';

const context = { now: new Date(2025, 2, 12, 12, 0), locale: 'en-GB' };

describe('ages', () => {
  it('reads in days under a month, months under two years, then years', () => {
    expect(formatAge('2025-03-02', context.now)).toBe('10 d');
    expect(formatAge('2023-09-12', context.now)).toBe('18 mo');
    expect(formatAge('2023-03-13', context.now)).toBe('23 mo');
    expect(formatAge('1970-03-13', context.now)).toBe('54 y');
    expect(formatAge('1970-03-12', context.now)).toBe('55 y');
    expect(formatAge('1970', context.now)).toBe('55 y');
    expect(formatAge(null, context.now)).toBeUndefined();
    expect(formatAge('2030-01-01', context.now)).toBeUndefined();
  });

  it('combines with sex, either part optional', () => {
    expect(formatAgeSex({ birthDate: '1970-03-12', gender: 'female' }, context.now)).toBe('55 y · F');
    expect(formatAgeSex({ birthDate: null, gender: 'male' }, context.now)).toBe('M');
    expect(formatAgeSex({ birthDate: null, gender: null }, context.now)).toBe('');
  });
});

describe('cell text', () => {
  it('reads vitals in clinical order, says which are stale, and when', () => {
    const text = vitalsText(
      [
        { code: 'oxygenSaturation', display: '97 %', takenAt: new Date(2025, 2, 12, 8, 15).toISOString(), stale: false, flag: null },
        { code: 'heartRate', display: '88 /min', takenAt: new Date(2025, 2, 12, 8, 15).toISOString(), stale: false, flag: null },
        { code: 'temperature', display: '37.2 °C', takenAt: new Date(2025, 2, 10, 8, 0).toISOString(), stale: true, flag: null },
      ],
      context,
    );
    expect(text).toBe('HR 88 /min, T 37.2 °C (stale), SpO2 97 % at 08:15');
  });

  it('reads labs by their short names with unit as sent, flags and staleness in words, and when (what the filter searches)', () => {
    const at = new Date(2025, 2, 12, 6, 0).toISOString();
    const text = labsText(
      [
        { code: '2823-3', label: 'Potassium', display: '5.9 mmol/L', takenAt: at, stale: false, flag: 'high' },
        { code: '718-7', label: 'Haemoglobin', display: '6.1 g/dL', takenAt: at, stale: true, flag: 'critical-low' },
      ],
      context,
    );
    expect(text).toBe('K 5.9 mmol/L (high), Hb 6.1 g/dL (critical low) (stale) at 06:00');
    const row = aRow('e1', { labs: { status: 'ok', value: [{ code: '2823-3', label: 'Potassium', display: '5.9 mmol/L', takenAt: at, stale: false, flag: 'high' }], asOf: at } });
    expect(filterRows([row], ['name', 'labs'], 'k 5.9 high', context)).toEqual([row]);
    expect(cellText('labs', aRow('e2', { labs: { status: 'not_permitted' } }), context)).toBe('');
  });

  it('is empty for a part that failed or is unavailable (the cell shows an icon or a dash instead)', () => {
    const row = aRow('e1', { vitals: { status: 'error', reason: 'timeout' }, coverage: { status: 'unavailable' } });
    expect(cellText('vitals', row, context)).toBe('');
    expect(cellText('coverage', row, context)).toBe('');
  });

  it('keeps columns in their canonical order whatever order the list stored', () => {
    expect(orderedColumns(['coverage', 'labs', 'name', 'vitals'])).toEqual(['name', 'vitals', 'labs', 'coverage']);
    expect(orderedColumns(['vitals', 'name', 'mrn'])).toEqual(['name', 'mrn', 'vitals']);
  });
});

describe('sort and filter', () => {
  const baby = aRow('baby', { patient: { name: 'Baby Doe', birthDate: '2024-09-12' } });
  const adult = aRow('adult', { patient: { name: 'Élodie Durand', birthDate: '2020-03-01' } });
  const elder = aRow('elder', { patient: { name: 'Zoë Adams', birthDate: '1940-01-01' } });

  it('sorts ages by age, not by their text ("6 mo" is younger than "5 y")', () => {
    expect(sortRows([elder, adult, baby], { column: 'ageSex', direction: 'ascending' }, context).map((r) => r.entryId)).toEqual(['baby', 'adult', 'elder']);
    expect(sortRows([baby, elder, adult], { column: 'ageSex', direction: 'descending' }, context).map((r) => r.entryId)).toEqual(['elder', 'adult', 'baby']);
  });

  it('filters on every word, ignoring case and accents, in the visible columns only', () => {
    expect(filterRows([baby, adult, elder], ['name'], 'elodie', context).map((r) => r.entryId)).toEqual(['adult']);
    expect(filterRows([baby, adult, elder], ['name'], 'zoe adams', context).map((r) => r.entryId)).toEqual(['elder']);
    // Everyone's MRN is MRN001, but MRN is not shown here.
    expect(filterRows([baby, adult, elder], ['name'], 'MRN001', context)).toEqual([]);
    expect(filterRows([baby, adult, elder], ['name', 'mrn'], 'mrn001', context)).toHaveLength(3);
  });
});
