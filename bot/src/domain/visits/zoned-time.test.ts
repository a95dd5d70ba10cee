import { dayAround, instantOf, isValidTimeZone, offsetMinutes, wallClockOf, zonedLabel } from './zoned-time';

describe('zoned time', () => {
  it('writes an instant as people read it in a zone, naming the zone', () => {
    expect(zonedLabel(new Date('2026-11-24T04:00:00Z'), 'Australia/Sydney')).toBe('Tue 24 Nov, 3:00 PM GMT+11');
    expect(zonedLabel(new Date('2026-12-07T00:27:00Z'), 'UTC')).toBe('Mon 7 Dec, 12:27 AM UTC');
    expect(zonedLabel(new Date('2026-07-01T13:30:00Z'), 'America/New_York')).toBe('Wed 1 Jul, 9:30 AM EDT');
    expect(zonedLabel(new Date('2026-12-07T00:27:00Z'), 'Not/AZone')).toBe('Mon 7 Dec, 12:27 AM UTC');
  });

  it('turns a wall-clock time in a zone into the instant, in winter and summer', () => {
    expect(instantOf({ date: '2026-11-24', time: '15:00' }, 'Europe/Amsterdam')?.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(instantOf({ date: '2026-07-01', time: '09:30' }, 'America/New_York')?.toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(instantOf({ date: '2026-07-01', time: '09:30' }, 'UTC')?.toISOString()).toBe('2026-07-01T09:30:00.000Z');
  });

  it('moves a time inside a DST gap forward, as calendars do', () => {
    // 02:30 does not exist in Amsterdam on 29 March 2026: clocks jump from 02:00 to 03:00.
    expect(instantOf({ date: '2026-03-29', time: '02:30' }, 'Europe/Amsterdam')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses malformed or impossible dates and times', () => {
    expect(instantOf({ date: '2026-02-30', time: '10:00' }, 'UTC')).toBeNull();
    expect(instantOf({ date: '24/11/2026', time: '10:00' }, 'UTC')).toBeNull();
    expect(instantOf({ date: '2026-11-24', time: '25:00' }, 'UTC')).toBeNull();
  });

  it('reads an instant back as wall-clock date and time', () => {
    expect(wallClockOf(new Date('2026-11-24T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-11-25', time: '08:30' });
    expect(offsetMinutes('Asia/Kolkata', new Date('2026-01-01T00:00:00Z'))).toBe(330);
  });

  it('gives the day around an instant in the zone', () => {
    const { from, to } = dayAround(new Date('2026-11-24T23:30:00Z'), 'America/Los_Angeles');
    expect(from.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-25T08:00:00.000Z');
  });

  it('knows real zone names from made-up ones', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
