import { parseVisitRequest, withoutTitle } from './parse-visit-request';

// Monday 23 November 2026, 10:00 UTC (11:00 in Amsterdam, 05:00 in New York).
const now = new Date('2026-11-23T10:00:00Z');

describe('parseVisitRequest', () => {
  it('reads the example request of the issue', () => {
    expect(parseVisitRequest('schedule a visit with Jane Doe tomorrow at 3pm for 30 minutes with Dr Lee about wound check', now, 'Europe/Amsterdam')).toEqual({
      patientName: 'Jane Doe',
      clinicianNames: ['Dr Lee'],
      date: '2026-11-24',
      time: '15:00',
      durationMinutes: 30,
      reason: 'wound check',
    });
  });

  it('reads dates relative to the user’s own day, not the server’s', () => {
    // 23:30 in New York is already the 24th in UTC: "tomorrow" is still the 24th for this user.
    const late = new Date('2026-11-24T04:30:00Z');
    expect(parseVisitRequest('schedule with Jane Doe tomorrow at 9am', late, 'America/New_York')).toMatchObject({ date: '2026-11-24', time: '09:00' });
    expect(parseVisitRequest('schedule with Jane Doe tomorrow at 9am', late, 'UTC')).toMatchObject({ date: '2026-11-25', time: '09:00' });
  });

  it('takes several clinicians, joined by "with", "and" or commas', () => {
    expect(parseVisitRequest('schedule with Dr Lee and Dr. Patel, Nurse Kim with Margaret Okafor on Friday at 10:30', now, 'UTC')).toMatchObject({
      patientName: 'Margaret Okafor',
      clinicianNames: ['Dr Lee', 'Dr. Patel', 'Nurse Kim'],
      date: '2026-11-27',
      time: '10:30',
    });
  });

  it('does not read a month in a patient’s name as the date', () => {
    expect(parseVisitRequest('schedule a visit with June Smith tomorrow at 2pm for an hour', now, 'UTC')).toMatchObject({
      patientName: 'June Smith',
      date: '2026-11-24',
      time: '14:00',
      durationMinutes: 60,
    });
  });

  it('leaves out what was not said: no time, no length, no reason, no clinician', () => {
    expect(parseVisitRequest('schedule a visit with Jane Doe on Thursday', now, 'UTC')).toEqual({
      patientName: 'Jane Doe',
      clinicianNames: [],
      date: '2026-11-26',
      time: null,
      durationMinutes: null,
      reason: null,
    });
  });

  it('reads a patient named without "with", and a duration without "for"', () => {
    expect(parseVisitRequest('schedule Margaret Okafor 24 Nov at 15:00 45 min', now, 'UTC')).toMatchObject({
      patientName: 'Margaret Okafor',
      date: '2026-11-24',
      time: '15:00',
      durationMinutes: 45,
    });
  });

  it('keeps a reason that comes before the clinician', () => {
    expect(parseVisitRequest('schedule with Jane Doe at 4pm about pain review with Dr Lee', now, 'UTC')).toMatchObject({
      patientName: 'Jane Doe',
      clinicianNames: ['Dr Lee'],
      reason: 'pain review',
      time: '16:00',
    });
  });

  it('reads "schedule" alone as an empty request', () => {
    expect(parseVisitRequest('schedule', now, 'UTC')).toEqual({ patientName: null, clinicianNames: [], date: null, time: null, durationMinutes: null, reason: null });
  });
});

describe('withoutTitle', () => {
  it('drops the clinician title', () => {
    expect(withoutTitle('Dr. Amy Lee')).toBe('Amy Lee');
    expect(withoutTitle('Nurse Kim')).toBe('Kim');
    expect(withoutTitle('Alex Lee')).toBe('Alex Lee');
  });
});
