/**
 * The schedule form as it travels in a card: what the user typed (inputs) plus what the bot resolved
 * when it drew the card (patient, clinicians, time zone, idempotency key) in the action data.
 */
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';
import type { NewVisitGuest, NotifyChannel, PatientContact, VisitPatient } from '../../domain/visits/visit-types';
import { instantOf } from '../../domain/visits/zoned-time';
import { cardText, readCardData } from './card-data';
import type { CardClinician } from './clinician-match';

export interface VisitForm {
  /** Random per card: a double-clicked confirm schedules one visit. */
  key: string;
  timeZone: string;
  /** False when Teams did not tell the user's zone and UTC is assumed. */
  zoneKnown: boolean;
  patient: VisitPatient | null;
  date: string;
  time: string;
  /** Empty: the visit type's default. */
  durationMinutes: string;
  /** The chosen visit type's key, and the types the card offers (drawn when the form was first made). */
  visitType: string;
  visitTypes: FormVisitType[];
  clinicianNames: string;
  /** Resolved from `clinicianNames` when the card was drawn. */
  clinicians: CardClinician[];
  reason: string;
  phone: string;
  email: string;
  notifySms: boolean;
  notifyEmail: boolean;
  /** "Let them in when I'm ready": a clinician entering the room admits everyone checked in. */
  admitWhenClinicianJoins: boolean;
  /** One guest (family, carer, interpreter), optional: their own link goes to their mobile or email. */
  guestName: string;
  guestRelationship: string;
  guestPhone: string;
  guestEmail: string;
}

const visitTypeSchema = z.object({ key: z.string().max(40), name: z.string().max(100), defaultDurationMinutes: z.number().int() });
export type FormVisitType = z.infer<typeof visitTypeSchema>;

const patientSchema = z.object({
  fhirId: z.string().max(200).nullable(),
  name: z.string().max(200),
  givenName: z.string().max(200).nullable(),
  mrn: z.string().max(100).nullable(),
  birthDate: z.string().max(20).nullable(),
});

const clinicianSchema = z.object({
  aadObjectId: z.string().max(100).nullable(),
  name: z.string().max(200),
  email: z.string().max(320).nullable(),
  teamsUserId: z.string().max(200).nullable(),
});

/** What the card carries beside its inputs. */
export const formCarrySchema = z.object({
  key: z.string().min(8).max(100),
  timeZone: z.string().max(100),
  zoneKnown: z.boolean(),
  patient: patientSchema.nullable(),
  clinicians: z.array(clinicianSchema).max(30),
  clinicianNames: z.string().max(1000),
  visitTypes: z.array(visitTypeSchema).max(50).default([]),
});

export type FormCarry = z.infer<typeof formCarrySchema>;

// A toggle: Teams sends "true" or "false" (sometimes a boolean); absent reads as off.
const toggle = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((value) => value === true || value === 'true');

export const submissionSchema = z.object({
  form: formCarrySchema,
  patientId: cardText,
  date: cardText,
  time: cardText,
  durationMinutes: cardText,
  visitType: cardText,
  clinicianNames: cardText,
  reason: cardText,
  phone: cardText,
  email: cardText,
  notifySms: toggle,
  notifyEmail: toggle,
  admitWhenClinicianJoins: toggle,
  guestName: cardText,
  guestRelationship: cardText,
  guestPhone: cardText,
  guestEmail: cardText,
});

export function carryOf(form: VisitForm): FormCarry {
  const { key, timeZone, zoneKnown, patient, clinicians, clinicianNames, visitTypes } = form;
  return { key, timeZone, zoneKnown, patient, clinicians, clinicianNames, visitTypes };
}

/** Reads a submitted form card; `cliniciansChanged` tells that the names were edited since it was drawn. */
export function readSubmission(data: unknown): { form: VisitForm; patientId: string; cliniciansChanged: boolean } {
  const { form: carry, patientId, ...inputs } = readCardData(submissionSchema, data, 'Type "schedule" to start again.');
  const form: VisitForm = { ...carry, ...inputs };
  return { form, patientId, cliniciansChanged: inputs.clinicianNames !== carry.clinicianNames.trim() };
}

/** The visit's start from the form's date and time, in the form's zone. */
export function startOf(form: Pick<VisitForm, 'date' | 'time' | 'timeZone'>): Date {
  if (!form.date) throw new AppError('validation', 'Choose the date of the visit.', { field: 'start' });
  if (!form.time) throw new AppError('validation', 'Choose the time of the visit.', { field: 'start' });
  const start = instantOf({ date: form.date, time: form.time }, form.timeZone);
  if (!start) throw new AppError('validation', 'The date or time is not valid.', { field: 'start' });
  return start;
}

/** The duration typed; undefined when left empty (the visit type's default applies). */
export function durationOf(form: Pick<VisitForm, 'durationMinutes'>): number | undefined {
  if (!form.durationMinutes.trim()) return undefined;
  const minutes = Number(form.durationMinutes);
  if (!Number.isInteger(minutes)) throw new AppError('validation', 'The duration is a whole number of minutes.', { field: 'durationMinutes' });
  return minutes;
}

export function contactOf(form: Pick<VisitForm, 'phone' | 'email' | 'notifySms' | 'notifyEmail'>): { contact: PatientContact; notify: NotifyChannel[] } {
  const phone = form.phone ? normalisePhone(form.phone, 'patientContact.phone') : null;
  const email = form.email ? checkedEmail(form.email, 'patientContact.email') : null;
  const notify: NotifyChannel[] = [...(form.notifySms ? (['sms'] as const) : []), ...(form.notifyEmail ? (['email'] as const) : [])];
  return { contact: { phone, email }, notify };
}

/** The form's guest, if one was named: told by their mobile and/or email, so one of them is needed. */
export function guestsOf(form: Pick<VisitForm, 'guestName' | 'guestRelationship' | 'guestPhone' | 'guestEmail'>): NewVisitGuest[] {
  const name = form.guestName.trim().replace(/\s+/g, ' ');
  if (!name) return [];
  const phone = form.guestPhone ? normalisePhone(form.guestPhone, 'guests.0.phone') : null;
  const email = form.guestEmail ? checkedEmail(form.guestEmail, 'guests.0.email') : null;
  if (!phone && !email) throw new AppError('validation', "Add the guest's mobile or email, so they get their own link.", { field: 'guests.0.phone' });
  return [{ name, relationship: form.guestRelationship.trim() || null, language: null, phone, email }];
}

function checkedEmail(typed: string, field: string): string {
  const email = typed.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('validation', 'This email address does not look right.', { field });
  return email;
}

function normalisePhone(typed: string, field: string): string {
  const compact = typed.replace(/[\s\-().]/g, '').replace(/^00/, '+');
  if (!/^\+[1-9]\d{7,14}$/.test(compact)) {
    throw new AppError('validation', 'Enter the mobile number with its country code, e.g. +15551234567.', { field });
  }
  return compact;
}
