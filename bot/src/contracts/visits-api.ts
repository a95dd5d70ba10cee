/**
 * HTTP contract of virtual visits: the integration API (`/api/visits`, for an EHR or booking system)
 * and the visit as every API returns it. Shared by the service (validation) and tabs/ (types).
 */
import { z } from 'zod/v4';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (name: string, max: number) => z.string({ error: `${name} must be text` }).trim().min(1, `${name} must not be empty`).max(max, `${name} must be at most ${max} characters`);

export const e164 = z.string({ error: 'phone must be text' }).trim().regex(/^\+[1-9]\d{6,14}$/, 'phone must be in international format, e.g. +15551234567');
export const startTime = z.iso.datetime({ offset: true, error: 'start must be an ISO 8601 date-time with a time zone, e.g. 2026-11-24T15:00:00Z' });
export const durationMinutes = z
  .number({ error: 'durationMinutes must be a number of minutes' })
  .int('durationMinutes must be a whole number of minutes');

const patientInput = z
  .object({
    id: text('patient.id', 64).optional(),
    name: text('patient.name', 200).optional(),
    mrn: text('patient.mrn', 64).optional(),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'patient.birthDate must be YYYY-MM-DD').optional(),
  })
  .refine((patient) => patient.id !== undefined || patient.name !== undefined, { error: "patient needs an EHR id, or the patient's name", path: ['id'] });

const clinicianInput = z
  .object({
    aadObjectId: z.string().regex(guid, 'aadObjectId must be an Entra object id (GUID)').optional(),
    name: text('clinician name', 200).optional(),
    email: z.email('clinician email is not a valid address').optional(),
  })
  .refine((clinician) => clinician.aadObjectId !== undefined || clinician.name !== undefined || clinician.email !== undefined, {
    error: 'each clinician needs an aadObjectId, a name or an email',
  });

/** How many guests (family, carer, interpreter) one visit may have: a video call of more is not a visit. */
export const MAX_GUESTS = 6;

export const guestInput = z
  .object({
    name: text('guest name', 200),
    /** e.g. "daughter", "carer", "interpreter". */
    relationship: text('guest relationship', 100).optional(),
    /** An interpreter's language, e.g. "Spanish". */
    language: text('guest language', 100).optional(),
    phone: e164.optional(),
    email: z.email('guest email is not a valid address').optional(),
  })
  .refine((guest) => guest.phone !== undefined || guest.email !== undefined, { error: 'each guest needs a phone or an email, to be sent their link', path: ['phone'] });
export type GuestInput = z.infer<typeof guestInput>;

export const notifyChannel = z.enum(['sms', 'email'], { error: "notify may contain 'sms' and 'email'" });

/** A visit type's key (`GET /api/visit-types`), e.g. "family-call". */
export const visitTypeKey = z.string({ error: 'visitType must be text' }).trim().min(1, 'visitType must not be empty').max(40, 'visitType must be at most 40 characters');

export const createVisitInput = z.object({
  patient: patientInput,
  start: startTime,
  /** Default: the visit type's default duration. */
  durationMinutes: durationMinutes.optional(),
  /** Default: "video". Its default duration and templates apply. */
  visitType: visitTypeKey.optional(),
  clinicians: z.array(clinicianInput).max(20, 'at most 20 clinicians').optional(),
  reason: text('reason', 500).optional(),
  patientContact: z.object({ phone: e164.optional(), email: z.email('patientContact.email is not a valid address').optional() }).optional(),
  /** How to tell the patient; default: every channel a contact was given for. */
  notify: z.array(notifyChannel).optional(),
  /** IANA time zone in which patient messages state the time; default UTC. */
  timeZone: z.string().max(64).optional(),
  /** Family, carer, interpreter: each gets their own lobby link and check-in code by SMS and/or email. */
  guests: z.array(guestInput).max(MAX_GUESTS, `at most ${MAX_GUESTS} guests`).optional(),
  /** "Let them in when I'm ready": a clinician of the visit entering the built-in room admits everyone checked in. */
  admitWhenClinicianJoins: z.boolean({ error: 'admitWhenClinicianJoins must be true or false' }).optional(),
  /**
   * The care team the visit belongs to (the Teams team id, as the tabs' context gives it) and its
   * channel: the team's members may act on the visit and its Dashboard counts it.
   */
  teamId: text('teamId', 200).optional(),
  channelId: text('channelId', 200).optional(),
});
export type CreateVisitInput = z.infer<typeof createVisitInput>;

export const rescheduleVisitInput = z
  .object({
    start: startTime.optional(),
    durationMinutes: durationMinutes.optional(),
    admitWhenClinicianJoins: z.boolean({ error: 'admitWhenClinicianJoins must be true or false' }).optional(),
  })
  .refine((value) => value.start !== undefined || value.durationMinutes !== undefined || value.admitWhenClinicianJoins !== undefined, {
    error: 'give start, durationMinutes or admitWhenClinicianJoins to change',
  });
export type RescheduleVisitInput = z.infer<typeof rescheduleVisitInput>;

export const visitStatus = z.enum(['pending', 'scheduled', 'waiting', 'in_visit', 'completed', 'no_show', 'cancelled']);

export const visitDto = z.object({
  id: z.string(),
  status: visitStatus,
  start: z.string(),
  end: z.string(),
  durationMinutes: z.number(),
  /** The visit type's key; null for visits booked before types existed. */
  visitType: z.string().nullable(),
  patient: z.object({ id: z.string().nullable(), name: z.string(), mrn: z.string().nullable(), birthDate: z.string().nullable() }),
  clinicians: z.array(z.object({ aadObjectId: z.string().nullable(), name: z.string(), email: z.string().nullable() })),
  reason: z.string().nullable(),
  notify: z.array(notifyChannel),
  meetingProvider: z.enum(['builtin', 'graph']).nullable(),
  /** The Rounds lobby link to give the patient. */
  patientJoinUrl: z.string(),
  /** Each guest's own lobby link (`/lobby/<token>`), distinct from the patient's; revoked like it. */
  guests: z.array(z.object({ id: z.string(), name: z.string(), relationship: z.string().nullable(), language: z.string().nullable(), joinUrl: z.string() })),
  admitWhenClinicianJoins: z.boolean(),
  /** Null until the meeting exists (status pending). */
  clinicianJoinUrl: z.string().nullable(),
  teamId: z.string().nullable(),
  channelId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  /** When the visit ended (status completed). */
  endedAt: z.string().nullable(),
});
export type VisitDto = z.infer<typeof visitDto>;

const callGrade = z.enum(['good', 'fair', 'poor']);

/**
 * A visit as the integration API gives it: the visit, and how it went once it ended, as the `ended`
 * timeline line (and webhook event) says it (null until that line is written: at the end, or up to
 * 30 s later while the built-in room's browsers report their call), with the patient's and guests'
 * ratings.
 */
export const integrationVisitDto = visitDto.extend({
  /** First admission -> end, whole seconds; 0 for a visit nobody was admitted to. */
  lengthSeconds: z.number().int().nullable(),
  /** The built-in room's call: the worst participant's median grade and typical measures; null when nobody's call was measured (Teams meetings). */
  quality: z
    .object({ grade: callGrade, rttMs: z.number().nullable(), packetLossPercent: z.number().nullable(), inboundKbps: z.number().nullable(), participants: z.number().int() })
    .nullable(),
  /** One answer per link (`patient`, `guest:<id>`), oldest first. */
  feedback: z.array(z.object({ participant: z.string(), rating: z.number().int(), comment: z.string().nullable(), at: z.string() })),
});
export type IntegrationVisitDto = z.infer<typeof integrationVisitDto>;
/** What a list entry's schedule dialog starts from: the patient's contact details as the EHR has them, and the types to choose from. */
export const visitTypeDto = z.object({
  key: z.string(),
  name: z.string(),
  defaultDurationMinutes: z.number(),
  telehealth: z.boolean(),
  /** Whether the type sends the organisation's SMS templates, and its email templates. */
  templates: z.object({ sms: z.boolean(), email: z.boolean() }),
  builtIn: z.boolean(),
  edited: z.object({ by: z.string(), at: z.string() }).nullable(),
});
export type VisitTypeDto = z.infer<typeof visitTypeDto>;

export const visitTypesResponse = z.object({ visitTypes: z.array(visitTypeDto) });
export type VisitTypesResponse = z.infer<typeof visitTypesResponse>;

export const visitTypeSettingsInput = z.object({
  name: text('name', 100),
  defaultDurationMinutes: durationMinutes,
  telehealth: z.boolean({ error: 'telehealth must be true or false' }),
  templates: z.object({ sms: z.boolean({ error: 'templates.sms must be true or false' }), email: z.boolean({ error: 'templates.email must be true or false' }) }),
});
export type VisitTypeSettingsInput = z.infer<typeof visitTypeSettingsInput>;

export const createVisitTypeInput = visitTypeSettingsInput.extend({ key: z.string().max(40).optional() });

export const visitDraftDto = z.object({
  patient: z.object({ name: z.string(), source: z.enum(['ehr', 'manual']) }),
  /** From the EHR's Patient.telecom (a mobile first), or empty for a patient entered by hand. */
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }),
  visitTypes: z.array(visitTypeDto),
});
export type VisitDraftDto = z.infer<typeof visitDraftDto>;

/** `POST /api/lists/<listId>/patients/<entryId>/visits`: the patient comes from the list entry, never the browser. */
export const scheduleFromListInput = z.object({
  visitType: visitTypeKey,
  start: startTime,
  durationMinutes: durationMinutes.optional(),
  /** IANA time zone in which patient and guest messages state the time. */
  timeZone: z.string().max(64),
  reason: text('reason', 500).optional(),
  patientContact: z.object({ phone: e164.optional(), email: z.email('patientContact.email is not a valid address').optional() }).optional(),
  notify: z.array(notifyChannel).optional(),
  guests: z.array(guestInput).max(MAX_GUESTS, `at most ${MAX_GUESTS} guests`).optional(),
  admitWhenClinicianJoins: z.boolean().optional(),
  /** One per opening of the dialog: a double click or a retry books once. */
  idempotencyKey: z.string().regex(/^[\w.:-]{1,100}$/, 'idempotencyKey must be 1-100 letters, digits, or . _ : -'),
});
export type ScheduleFromListInput = z.infer<typeof scheduleFromListInput>;

export const entryVisitsResponse = z.object({ visits: z.array(visitDto) });
export type EntryVisitsResponse = z.infer<typeof entryVisitsResponse>;
