import type { Visit } from '../domain/visits/visit-types';
import { allowedVariables, formatDuration, messageValues } from './message-variables';

const visit = {
  id: 'v1',
  patient: { fhirId: null, name: 'Maria Jones', givenName: 'Maria', mrn: 'MRN-1', birthDate: '1961-03-14' },
  start: new Date('2026-11-24T04:30:00Z'),
  durationMinutes: 30,
  clinicians: [{ aadObjectId: null, name: 'Dr Lee', email: null }],
  reason: 'Wound check',
  timeZone: 'Australia/Adelaide',
} as Visit;

describe('message variables', () => {
  it("writes times in the visit's time zone and names it, e.g. Tue 24 Nov, 3:00 PM GMT+10:30", () => {
    const values = messageValues(visit, { joinUrl: 'https://r.example/lobby/t', organisationName: 'Care' });
    expect(values['visit.start_time']).toBe('Tue 24 Nov, 3:00 PM GMT+10:30');
    expect(values['visit.date']).toBe('Tuesday 24 November 2026');
    expect(values['visit.time']).toBe('3:00 PM');
    expect(values['visit.time_zone']).toBe('GMT+10:30');
    expect(values['visit.duration']).toBe('30 minutes');
  });

  it('falls back to UTC for a time zone the runtime does not know', () => {
    const values = messageValues({ ...visit, timeZone: 'Mars/Olympus' }, { joinUrl: 'x', organisationName: 'Care' });
    expect(values['visit.start_time']).toBe('Tue 24 Nov, 4:30 AM UTC');
  });

  it("uses the first word of the patient's name when no given name is known", () => {
    const values = messageValues({ ...visit, patient: { ...visit.patient, givenName: null } }, { joinUrl: 'x', organisationName: 'Care' });
    expect(values['patient.given_name']).toBe('Maria');
  });

  it('names the organisation when the visit has no clinician', () => {
    expect(messageValues({ ...visit, clinicians: [] }, { joinUrl: 'x', organisationName: 'Care' })['clinician.name']).toBe('Care');
  });

  it('offers no clinical variable at all, and no join link in a cancellation', () => {
    const all = [...allowedVariables('invite', 'sms'), ...allowedVariables('invite', 'email')];
    expect(all.some((name) => /reason|mrn|birth|diagnos/.test(name))).toBe(false);
    expect(allowedVariables('cancel', 'email')).not.toContain('visit.join_url');
    expect(allowedVariables('invite', 'sms')).not.toContain('patient.name');
  });

  it('writes durations in words', () => {
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(90)).toBe('1 hour 30 minutes');
    expect(formatDuration(1)).toBe('1 minute');
  });
});
