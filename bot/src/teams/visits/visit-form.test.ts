import { AppError } from '../../domain/shared/app-error';
import { contactOf, guestsOf, readSubmission, startOf } from './visit-form';

const carry = { key: 'key-1234567890', timeZone: 'Europe/Amsterdam', zoneKnown: true, patient: null, clinicians: [], clinicianNames: 'Dr Lee' };

const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.field;
    throw error;
  }
  return 'no error';
};

describe('visit form', () => {
  it('reads a submitted card: inputs as Teams sends them, and whether the clinician names were edited', () => {
    const read = readSubmission({ form: carry, patientId: 'pat-1', date: '2026-11-24', time: '15:00', durationMinutes: 45, clinicianNames: ' Dr Lee ', notifySms: 'true' });
    expect(read).toMatchObject({ patientId: 'pat-1', cliniciansChanged: false, form: { durationMinutes: '45', notifySms: true, notifyEmail: false, phone: '' } });
    expect(readSubmission({ form: carry, clinicianNames: 'Dr Patel' }).cliniciansChanged).toBe(true);
  });

  it('refuses a card whose data was not made by Rounds', () => {
    expect(() => readSubmission({ form: { key: 'x' } })).toThrow(AppError);
  });

  it('reads the start in the form’s zone, and names the field when date or time is missing', () => {
    expect(startOf({ date: '2026-11-24', time: '15:00', timeZone: 'Europe/Amsterdam' })).toEqual(new Date('2026-11-24T14:00:00Z'));
    expect(fieldOf(() => startOf({ date: '', time: '15:00', timeZone: 'UTC' }))).toBe('start');
    expect(fieldOf(() => startOf({ date: '2026-11-24', time: '', timeZone: 'UTC' }))).toBe('start');
  });

  it('normalises the mobile number to E.164 and checks the email address', () => {
    expect(contactOf({ phone: '+1 (555) 123-4567', email: 'pat@example.org', notifySms: true, notifyEmail: true })).toEqual({
      contact: { phone: '+15551234567', email: 'pat@example.org' },
      notify: ['sms', 'email'],
    });
    expect(contactOf({ phone: '0044 20 7946 0958', email: '', notifySms: false, notifyEmail: false }).contact.phone).toBe('+442079460958');
    expect(fieldOf(() => contactOf({ phone: '555-1234', email: '', notifySms: true, notifyEmail: false }))).toBe('patientContact.phone');
    expect(fieldOf(() => contactOf({ phone: '', email: 'not-an-address', notifySms: false, notifyEmail: true }))).toBe('patientContact.email');
  });

  it('reads the optional guest: none without a name; a mobile or an email needed to tell them', () => {
    const blank = { guestName: '', guestRelationship: '', guestPhone: '', guestEmail: '' };
    expect(guestsOf(blank)).toEqual([]);
    expect(guestsOf({ ...blank, guestName: ' Ana  Okafor ', guestRelationship: 'daughter', guestPhone: '+1 555 000 1111' })).toEqual([
      { name: 'Ana Okafor', relationship: 'daughter', language: null, phone: '+15550001111', email: null },
    ]);
    expect(fieldOf(() => guestsOf({ ...blank, guestName: 'Ana Okafor' }))).toBe('guests.0.phone');
    expect(fieldOf(() => guestsOf({ ...blank, guestName: 'Ana Okafor', guestPhone: '555' }))).toBe('guests.0.phone');
    expect(fieldOf(() => guestsOf({ ...blank, guestName: 'Ana Okafor', guestEmail: 'nope' }))).toBe('guests.0.email');
  });
});
