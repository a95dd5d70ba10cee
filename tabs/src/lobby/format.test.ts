import { backoffDelay } from './backoff';
import { clockTime, namesOf, toldYouAreHere, visitTime, waitedFor } from './format';

const london = { now: () => 0, timeZone: 'Europe/London', locale: 'en-GB' };

describe('words and times on the lobby page', () => {
  it('writes the visit time in the given (the browser’s) zone', () => {
    expect(visitTime('2031-07-01T14:00:00Z', london)).toBe('Tuesday 1 July at 15:00 BST');
    expect(visitTime('2031-07-01T14:00:00Z', { now: () => 0, timeZone: 'America/New_York', locale: 'en-US' })).toBe('Tuesday, July 1 at 10:00 AM EDT');
    expect(clockTime('2031-07-01T14:05:00Z', london)).toBe('15:05');
  });

  it('names the clinicians, or the care team when none is named', () => {
    expect(namesOf([])).toBe('your care team');
    expect(namesOf(['Dr Lee'])).toBe('Dr Lee');
    expect(namesOf(['Dr Lee', ' Dr Okafor '])).toBe('Dr Lee and Dr Okafor');
    expect(namesOf(['Dr Lee', 'Dr Okafor', 'Dr Ng'])).toBe('Dr Lee, Dr Okafor and Dr Ng');
    expect(toldYouAreHere(['Dr Lee'])).toBe('Dr Lee has been told you are here.');
    expect(toldYouAreHere(['Dr Lee', 'Dr Ng'])).toBe('Dr Lee and Dr Ng have been told you are here.');
    expect(toldYouAreHere([])).toBe('Your care team has been told you are here.');
  });

  it('says how long the patient has waited in minutes', () => {
    expect(waitedFor(-5)).toBe('less than a minute');
    expect(waitedFor(59_999)).toBe('less than a minute');
    expect(waitedFor(60_000)).toBe('1 minute');
    expect(waitedFor(12 * 60_000 + 30_000)).toBe('12 minutes');
    expect(waitedFor(60 * 60_000)).toBe('1 hour');
    expect(waitedFor(125 * 60_000)).toBe('2 hours 5 minutes');
  });

  it('backs off 1, 2, 4, 8 then 15 seconds, spread ±20 %', () => {
    expect([0, 1, 2, 3, 4, 9].map((attempt) => backoffDelay(attempt, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
  });
});
