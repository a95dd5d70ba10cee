import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { addDays, dayHeading, dayOf, groupByDay, matchesPatient, presetRange } from './visit-days';

const visit = (id: string, start: string, patient: Partial<VisitDto['patient']> = {}) =>
  ({ id, start, end: start, patient: { id: null, name: 'Ada Lovelace', mrn: null, birthDate: null, ...patient } }) as VisitDto;

describe('visit days', () => {
  it('reads the day an instant falls on in the viewer’s zone', () => {
    expect(dayOf(new Date('2031-03-10T23:30:00Z'), 'UTC')).toBe('2031-03-10');
    expect(dayOf(new Date('2031-03-10T23:30:00Z'), 'Asia/Tokyo')).toBe('2031-03-11');
    expect(dayOf(new Date('2031-03-10T03:00:00Z'), 'America/Los_Angeles')).toBe('2031-03-09');
  });

  it('turns presets into days, both ends included, across month and year ends', () => {
    const now = new Date('2031-12-30T10:00:00Z');
    expect(presetRange('today', now, 'UTC')).toEqual({ from: '2031-12-30', to: '2031-12-30' });
    expect(presetRange('next7', now, 'UTC')).toEqual({ from: '2031-12-30', to: '2032-01-06' });
    expect(presetRange('past7', now, 'UTC')).toEqual({ from: '2031-12-23', to: '2031-12-30' });
    expect(addDays('2032-03-01', -1)).toBe('2032-02-29');
  });

  it('groups visits by the viewer’s day, in start order, newest day first when asked', () => {
    const visits = [visit('b', '2031-03-11T09:00:00Z'), visit('late', '2031-03-10T23:30:00Z'), visit('a', '2031-03-10T08:00:00Z')];

    expect(groupByDay(visits, 'UTC', false).map((day) => [day.day, day.items.map((v) => v.id)])).toEqual([
      ['2031-03-10', ['a', 'late']],
      ['2031-03-11', ['b']],
    ]);
    expect(groupByDay(visits, 'Europe/Berlin', true).map((day) => [day.day, day.items.map((v) => v.id)])).toEqual([
      ['2031-03-11', ['late', 'b']],
      ['2031-03-10', ['a']],
    ]);
  });

  it('names today, tomorrow and yesterday', () => {
    expect(dayHeading('2031-03-10', '2031-03-10', 'en-GB')).toBe('Today, Monday 10 March');
    expect(dayHeading('2031-03-11', '2031-03-10', 'en-GB')).toBe('Tomorrow, Tuesday 11 March');
    expect(dayHeading('2031-03-09', '2031-03-10', 'en-GB')).toBe('Yesterday, Sunday 9 March');
    expect(dayHeading('2031-03-14', '2031-03-10', 'en-GB')).toBe('Friday 14 March');
  });

  it('matches the patient’s name or MRN, ignoring case and accents', () => {
    const zoe = visit('z', '2031-03-10T08:00:00Z', { name: 'Zoë Ångström', mrn: 'MRN-77' });
    expect(matchesPatient(zoe, ' angstrom ')).toBe(true);
    expect(matchesPatient(zoe, 'mrn-7')).toBe(true);
    expect(matchesPatient(zoe, 'Lovelace')).toBe(false);
    expect(matchesPatient(zoe, '')).toBe(true);
  });
});
