import { conditionItem, dayLabel } from './map-common';

describe('dayLabel', () => {
  it('writes FHIR dates and dateTimes as the day they name, in words, never raw ISO', () => {
    expect(dayLabel('2026-12-02T11:37:34.967Z')).toBe('2 Dec 2026');
    expect(dayLabel('2019-01-12')).toBe('12 Jan 2019');
    expect(dayLabel('2019-01')).toBe('Jan 2019');
    expect(dayLabel('2015')).toBe('2015');
    expect(dayLabel('sometime')).toBe('sometime');
  });
});

describe('conditionItem', () => {
  it('says the onset as a day and the clinical status in words', () => {
    const item = conditionItem({ code: { text: 'Pneumonia' }, severity: undefined, clinicalStatus: 'remission', onset: '2026-12-02T11:37:34.967Z', recorded: undefined });
    expect(item).toEqual({ text: 'Pneumonia', detail: 'in remission · onset 2 Dec 2026', date: '2026-12-02T11:37:34.967Z' });
  });
});
