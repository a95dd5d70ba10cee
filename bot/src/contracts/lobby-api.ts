/**
 * HTTP contract of the patient's lobby (public, no Teams): the page at /lobby/<token> calls these with
 * the token from its own URL. Nothing here carries clinical detail: the visit's time and clinicians'
 * names are all a patient's link reveals.
 */
import { z } from 'zod/v4';

/** Where the patient is: before the window opens, checking identity, in the lobby, admitted, or done. */
export const lobbyPhase = z.enum(['too_early', 'identify', 'device_check', 'waiting', 'admitted', 'ended']);
export type LobbyPhase = z.infer<typeof lobbyPhase>;

export const deviceCheckItem = z.enum(['ok', 'failed', 'skipped']);
export const deviceCheckResult = z.object({
  camera: deviceCheckItem,
  microphone: deviceCheckItem,
  speaker: deviceCheckItem,
  browser: deviceCheckItem,
  connection: deviceCheckItem,
  /** Round-trip to the service in ms, when measured. */
  rttMs: z.number().int().min(0).max(60_000).nullable(),
  userAgent: z.string().max(300).nullable(),
});
export type DeviceCheckResult = z.infer<typeof deviceCheckResult>;

/** One message of a lobby's conversation: `participant` is null for the clinic's, else who in the waiting room wrote it. */
export const lobbyMessage = z.object({ text: z.string(), at: z.string(), from: z.string(), participant: z.string().nullable() });
export type LobbyMessageDto = z.infer<typeof lobbyMessage>;

export const lobbyView = z.object({
  phase: lobbyPhase,
  /** ISO instant of the visit's start. */
  start: z.string(),
  durationMinutes: z.number(),
  /** e.g. ["Dr Lee"]; no other detail. */
  clinicians: z.array(z.string()),
  /** When the waiting room opens (ISO). */
  opensAt: z.string(),
  /** What the identity check asks for: a guest gives their first name and the code sent with their link. */
  identity: z.object({ firstName: z.boolean(), birthYear: z.boolean(), code: z.boolean() }),
  /** Set on a guest's link (family, carer, interpreter): their own name, for the page to greet them. */
  guest: z.object({ name: z.string() }).nullable(),
  /** Waiting: when the patient checked in (ISO), and the conversation with the clinic, newest last. */
  checkedInAt: z.string().nullable(),
  messages: z.array(lobbyMessage),
  /** "Dr Lee has been told you are here" once a clinician was alerted. */
  clinicianNotified: z.boolean(),
  /** Admitted: where to go now (the Teams meeting or the built-in room). */
  joinUrl: z.string().nullable(),
  /** A completed visit asks for a rating: null before (or for a no-show), `rating` null until this link answered. */
  feedback: z.object({ rating: z.number().int().nullable() }).nullable(),
});
export type LobbyView = z.infer<typeof lobbyView>;

export const identifyInput = z.object({
  firstName: z.string().trim().max(100).optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  /** A guest's check-in code, from their message. */
  code: z.string().trim().regex(/^\d{6}$/, 'code must be the 6 digits from your message').optional(),
});
export type IdentifyInput = z.infer<typeof identifyInput>;

/** Body of `POST /api/lobby/<token>/feedback`: 1 "Very poor" ... 5 "Very good", and an optional comment. */
export const FEEDBACK_COMMENT_MAX = 500;
export const feedbackInput = z.object({
  rating: z.number({ error: 'rating must be a whole number from 1 to 5' }).int('rating must be a whole number from 1 to 5').min(1, 'rating must be a whole number from 1 to 5').max(5, 'rating must be a whole number from 1 to 5'),
  comment: z.string().trim().max(FEEDBACK_COMMENT_MAX, `comment must be at most ${FEEDBACK_COMMENT_MAX} characters`).optional(),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

/** Answer of identify: a ticket the page sends as `X-Lobby-Ticket` from then on. */
export const lobbyTicket = z.object({ ticket: z.string() });

/** One person of a visit's lobby (the patient, or a guest) as the clinicians see them. */
export const lobbyPerson = z.object({
  /** 'patient' or 'guest:<id>': what `POST /api/me/visits/<id>/admit` takes as `who`. */
  participant: z.string(),
  name: z.string(),
  relationship: z.string().nullable(),
  language: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  deviceCheck: deviceCheckResult.extend({ at: z.string() }).nullable(),
  admittedAt: z.string().nullable(),
});
export type LobbyPerson = z.infer<typeof lobbyPerson>;

/** Body of `POST /api/me/visits/<id>/admit`: one person, or everyone waiting; without a body, the patient. */
export const admitInput = z.object({
  who: z
    .string({ error: "who must be 'patient', 'everyone' or a guest's participant id" })
    .regex(/^(?:patient|everyone|guest:[0-9a-f-]{36})$/i, "who must be 'patient', 'everyone' or a guest's participant id")
    .default('patient'),
});

/** "Margaret O. and 2 guests waiting": who waits for one visit, the patient by a short name. */
export function waitingLabel(patientShortName: string, people: readonly Pick<LobbyPerson, 'participant' | 'checkedInAt' | 'admittedAt'>[]): string | null {
  const waiting = people.filter((person) => person.checkedInAt && !person.admittedAt);
  const patient = waiting.some((person) => person.participant === 'patient');
  const guests = waiting.length - (patient ? 1 : 0);
  const guestText = `${guests} ${guests === 1 ? 'guest' : 'guests'}`;
  if (patient) return guests > 0 ? `${patientShortName} and ${guestText} waiting` : `${patientShortName} waiting`;
  return guests > 0 ? `${guestText} of ${patientShortName} waiting` : null;
}

/** The lobby of one visit as its clinicians see it (tab lobby view). */
export const clinicianLobbyView = z.object({
  visitId: z.string(),
  status: z.string(),
  checkedInAt: z.string().nullable(),
  deviceCheck: deviceCheckResult.extend({ at: z.string() }).nullable(),
  admittedAt: z.string().nullable(),
  admittedBy: z.string().nullable(),
  /** The conversation with everyone waiting, both directions, oldest first. */
  messages: z.array(lobbyMessage),
  timeline: z.array(z.object({ kind: z.string(), at: z.string(), actor: z.string(), detail: z.record(z.string(), z.unknown()) })),
  /** Everyone of the visit's lobby: the patient first, then each guest. */
  people: z.array(lobbyPerson),
  /** e.g. "Margaret O. and 2 guests waiting"; null when nobody waits. */
  waiting: z.string().nullable(),
  admitWhenClinicianJoins: z.boolean(),
  /** What the patient and guests said after the visit, oldest first. */
  feedback: z.array(z.object({ participant: z.string(), rating: z.number(), comment: z.string().nullable(), at: z.string() })),
});
export type ClinicianLobbyView = z.infer<typeof clinicianLobbyView>;

export const messagePatientInput = z.object({ text: z.string({ error: 'text is required' }).trim().min(1, 'text is required').max(300, 'text must be at most 300 characters') });

/** Body of `POST /api/lobby/<token>/message`: the waiting room's message to the clinic, as short as the clinic's. */
export const messageClinicInput = messagePatientInput;
