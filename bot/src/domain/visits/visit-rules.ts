/** The rules a visit request must meet, as pure functions: each failure names the field to fix. */
import { AppError } from '../shared/app-error';
import type { NewVisit } from './visit-types';

export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;
/** How far ahead a visit can be booked. */
export const MAX_DAYS_AHEAD = 366;
/** A visit "now" typed a few seconds late is not in the past. */
const PAST_GRACE_MS = 60_000;

export function checkTiming(start: Date, durationMinutes: number, now: Date): void {
  if (Number.isNaN(start.getTime())) throw new AppError('validation', 'The start time is not a valid date and time.', { field: 'start' });
  if (start.getTime() < now.getTime() - PAST_GRACE_MS) {
    throw new AppError('validation', 'The visit time is in the past. Choose a time from now on.', { field: 'start' });
  }
  if (start.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
    throw new AppError('validation', 'Visits can be booked up to a year ahead.', { field: 'start' });
  }
  if (!Number.isInteger(durationMinutes) || durationMinutes < MIN_DURATION_MINUTES || durationMinutes > MAX_DURATION_MINUTES) {
    throw new AppError('validation', `The duration must be between ${MIN_DURATION_MINUTES} and ${MAX_DURATION_MINUTES} minutes.`, {
      field: 'durationMinutes',
    });
  }
}

export function checkRequest(visit: NewVisit, now: Date): void {
  if (!visit.patient.name.trim()) throw new AppError('validation', 'Choose the patient for this visit.', { field: 'patient' });
  checkTiming(visit.start, visit.durationMinutes, now);
  if (visit.notify.includes('sms') && !visit.contact.phone) {
    throw new AppError('validation', "Add the patient's mobile number to tell them by SMS, or untick SMS.", { field: 'patientContact.phone' });
  }
  if (visit.notify.includes('email') && !visit.contact.email) {
    throw new AppError('validation', "Add the patient's email address to tell them by email, or untick email.", { field: 'patientContact.email' });
  }
}

/** Reminder times still in the future, latest offset first. */
export function reminderTimes(start: Date, offsetsMinutes: readonly number[], now: Date): { offset: number; at: Date }[] {
  return offsetsMinutes
    .map((offset) => ({ offset, at: new Date(start.getTime() - offset * 60_000) }))
    .filter((reminder) => reminder.at.getTime() > now.getTime());
}
