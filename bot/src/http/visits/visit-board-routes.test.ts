import { dayRange } from './visit-board-routes';

describe('dayRange', () => {
  const iso = (range: { from: Date; to: Date }) => ({ from: range.from.toISOString(), to: range.to.toISOString() });

  it('runs from midnight of the first day to midnight after the last, in the viewer’s zone', () => {
    expect(iso(dayRange({ from: '2026-11-24', to: '2026-11-24', timeZone: 'America/Los_Angeles' }))).toEqual({ from: '2026-11-24T08:00:00.000Z', to: '2026-11-25T08:00:00.000Z' });
    expect(iso(dayRange({ from: '2026-12-31', to: '2027-01-01', timeZone: 'UTC' }))).toEqual({ from: '2026-12-31T00:00:00.000Z', to: '2027-01-02T00:00:00.000Z' });
  });

  it('gives a day with a DST change its 23 or 25 hours', () => {
    const spring = dayRange({ from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/London' });
    const autumn = dayRange({ from: '2026-10-25', to: '2026-10-25', timeZone: 'Europe/London' });
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(25);
  });

  it('refuses a zone Intl does not know, naming the field', () => {
    expect(() => dayRange({ from: '2026-11-24', to: '2026-11-24', timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'validation', field: 'timeZone' }));
  });
});
