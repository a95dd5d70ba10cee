/** Virtual visits: the domain's view, free of Teams, HTTP and SQL. */
import type { ScheduledJob } from '../shared/jobs';

/**
 * pending: saved, meeting not created yet (the provider failed; a retry completes it).
 * scheduled -> waiting (patient checked in) -> in_visit (admitted) -> completed; or no_show, cancelled.
 */
export type VisitStatus = 'pending' | 'scheduled' | 'waiting' | 'in_visit' | 'completed' | 'no_show' | 'cancelled';

export type NotifyChannel = 'sms' | 'email';

export interface VisitPatient {
  /** FHIR logical id when the patient comes from the EHR; null for demographics given by hand. */
  fhirId: string | null;
  name: string;
  givenName: string | null;
  mrn: string | null;
  birthDate: string | null;
}

export interface Clinician {
  /** Entra object id, when known (from the roster or the caller). */
  aadObjectId: string | null;
  name: string;
  email: string | null;
}

export interface PatientContact {
  /** E.164, e.g. +15551234567. */
  phone: string | null;
  email: string | null;
}

/**
 * Someone the patient brings: a family member, a carer, an interpreter (with the language). Each has
 * their own lobby link and identity check, and is told by SMS and/or email like the patient.
 */
export interface VisitGuest {
  id: string;
  name: string;
  relationship: string | null;
  /** An interpreter's language, e.g. "Spanish". */
  language: string | null;
  /** E.164. */
  phone: string | null;
  email: string | null;
}

export type NewVisitGuest = Omit<VisitGuest, 'id'>;

/** Who is in a visit's lobby: the patient, or one guest (by id). */
export type Participant = { kind: 'patient' } | { kind: 'guest'; guestId: string };

/** How a participant is keyed in lobby sessions and named as a timeline actor: 'patient' or 'guest:<id>'. */
export const participantKey = (participant: Participant): string => (participant.kind === 'patient' ? 'patient' : `guest:${participant.guestId}`);

export function participantOf(key: string): Participant {
  return key.startsWith('guest:') ? { kind: 'guest', guestId: key.slice('guest:'.length) } : { kind: 'patient' };
}

export interface VisitMeeting {
  provider: 'builtin' | 'graph';
  /** The provider's id (Graph onlineMeeting id, or the built-in room id). */
  meetingId: string;
  /** Graph: the organizer's Entra object id the meeting lives under. */
  organizerId: string | null;
  /** What clinicians open: a Teams meeting link, or the built-in room. */
  clinicianJoinUrl: string;
}

/** Where the visit was asked for, and where its card goes. */
export interface VisitOrigin {
  conversationId: string | null;
  teamId: string | null;
  channelId: string | null;
}

export interface Visit {
  id: string;
  tenantId: string;
  patient: VisitPatient;
  start: Date;
  durationMinutes: number;
  clinicians: Clinician[];
  reason: string | null;
  contact: PatientContact;
  notify: NotifyChannel[];
  status: VisitStatus;
  meeting: VisitMeeting | null;
  origin: VisitOrigin;
  /**
   * A conversation the bot posts the visit's card to once the meeting exists (e.g. the team's
   * care-coordination channel). Null when the card is shown where it was asked for (the confirm card
   * becomes the visit card) or there is no conversation (integration API).
   */
  announceIn: string | null;
  /** IANA time zone of the person who scheduled it: times in patient messages are written in it. */
  timeZone: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
  /** Bumped on every change (optimistic concurrency). */
  version: number;
  /** Bumped on reschedule and cancel: patient links and reminders of an older schedule stop working. */
  scheduleVersion: number;
  cancelledAt: Date | null;
  /** When the visit ended (status completed): by a clinician, an empty room, or its end time passing. */
  endedAt: Date | null;
  guests: VisitGuest[];
  /** "Let them in when I'm ready": a clinician of the visit entering its room admits everyone checked in. */
  admitWhenClinicianJoins: boolean;
  /** The visit type's key (visit-type-catalog.ts); null for visits booked before types existed. */
  visitType?: string | null;
  /** The Patients list entry it was scheduled from, so the patient's row can offer its bedside link. */
  listEntryId?: string | null;
}

export const visitEnd = (visit: Pick<Visit, 'start' | 'durationMinutes'>): Date => new Date(visit.start.getTime() + visit.durationMinutes * 60_000);

/** How one clinician is recognised across visits, for the overlap rule. */
export function clinicianKey(clinician: Clinician): string {
  if (clinician.aadObjectId) return `aad:${clinician.aadObjectId.toLowerCase()}`;
  if (clinician.email) return `email:${clinician.email.toLowerCase()}`;
  return `name:${clinician.name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/** Work done after a change commits, from the job table: none lost, none done twice. */
export type VisitJob =
  | { kind: 'visit.notify'; visitId: string; event: 'invite' | 'reschedule' | 'cancel' | 'reminder'; scheduleVersion: number }
  | { kind: 'visit.card'; visitId: string; version: number }
  | { kind: 'visit.post-card'; visitId: string; conversationId: string }
  /** A patient waits: alert the visit's clinicians (step 0), again (1), then the channel (2). */
  | { kind: 'lobby.alert'; visitId: string; checkedInAt: string; step: number }
  /** Ends a visit left open: at its end time plus the grace period, or once its room has stayed empty. */
  | { kind: 'visit.auto-end'; visitId: string; reason: 'end_time' | 'empty_room' }
  /** The visit ended: close its meeting (a Teams meeting is deleted, so its join link stops working). */
  | { kind: 'visit.meeting-end'; visitId: string }
  /**
   * The visit ended while people were in its built-in room: its `ended` timeline line, written once
   * those people's browsers have reported their call (`awaiting`: their timeline actors) or waiting
   * stopped being worth it, so the line carries the call's quality.
   */
  | { kind: 'visit.ended'; visitId: string; actor: string; reason: 'clinician' | 'empty_room' | 'end_time'; endedAt: string; lengthSeconds: number; admitted: boolean; awaiting: string[] };


/** What scheduling a visit asks for; the store adds the rest (id, status, meeting, versions, times). */
export type NewVisit = Pick<Visit, 'tenantId' | 'patient' | 'start' | 'durationMinutes' | 'clinicians' | 'reason' | 'contact' | 'notify' | 'origin' | 'timeZone' | 'createdBy'> &
  Partial<Pick<Visit, 'announceIn' | 'admitWhenClinicianJoins' | 'visitType' | 'listEntryId'>> & { guests?: NewVisitGuest[] };

export type VisitChanges = Partial<Pick<Visit, 'start' | 'durationMinutes' | 'status' | 'meeting' | 'scheduleVersion' | 'cancelledAt' | 'endedAt' | 'admitWhenClinicianJoins'>>;

/** A line for the visit's timeline, written in the same transaction as the change it records. */
export interface VisitEventRecord {
  kind: 'ended';
  actor: string;
  detail: Record<string, TimelineValue>;
}

/** A value of a timeline line's detail: plain values, or one level of them (the `quality` of `ended`). */
export type TimelineValue = string | number | boolean | null | { readonly [key: string]: string | number | boolean | null };

export interface VisitFilter {
  tenantId: string;
  from: Date;
  to: Date;
  /** Visits where this person is a clinician or the creator. */
  personId?: string;
  /** Visits asked for in this team channel. */
  channel?: { teamId: string; channelId: string };
  /** Visits asked for in any channel of this team (the team's queue). */
  teamId?: string;
  /** Visits scheduled from this Patients list entry. */
  listEntryId?: string;
  includeCancelled?: boolean;
}

/** A card the bot posted for a visit, updated in place when the visit changes. */
export interface VisitCard {
  visitId: string;
  conversationId: string;
  activityId: string;
}

export interface VisitStore {
  /**
   * Saves a new visit in status `pending`. With an idempotency key already used in the tenant, saves
   * nothing and returns the visit saved under it (`created: false`).
   */
  create(visit: NewVisit, idempotencyKey: string | null): Promise<{ visit: Visit; created: boolean }>;
  get(id: string): Promise<Visit | null>;
  byIdempotencyKey(tenantId: string, key: string): Promise<Visit | null>;
  /**
   * Applies the changes, enqueues the jobs and records `event` in one transaction; AppError('conflict')
   * if the version moved.
   */
  update(id: string, expectedVersion: number, changes: VisitChanges, jobs: readonly ScheduledJob[], event?: VisitEventRecord): Promise<Visit>;
  /** Enqueues jobs on their own (e.g. a resent invite). */
  enqueue(jobs: readonly ScheduledJob[]): Promise<void>;
  /** Live (not cancelled) visits of any of these clinicians that overlap [start, end). */
  overlapping(tenantId: string, clinicianKeys: readonly string[], start: Date, end: Date, excludeVisitId: string | null): Promise<Visit[]>;
  list(filter: VisitFilter): Promise<Visit[]>;
  cards(visitId: string): Promise<VisitCard[]>;
  /** Records (or moves) the card of a visit in a conversation. */
  saveCard(card: VisitCard): Promise<void>;
}

/** Creates, moves and removes the video meeting of a visit. Every call is idempotent per visit. */
export interface MeetingProvider {
  readonly kind: VisitMeeting['provider'];
  /** Creates the meeting, or returns the one already created for this visit. */
  create(visit: Visit): Promise<VisitMeeting>;
  reschedule(visit: Visit, meeting: VisitMeeting): Promise<void>;
  /** Removes the meeting; one already gone counts as removed. */
  cancel(visit: Visit, meeting: VisitMeeting): Promise<void>;
  /** Closes the meeting of a visit that ended, so its join link stops working; one already gone counts as closed. */
  end(visit: Visit, meeting: VisitMeeting): Promise<void>;
}

/**
 * Unguessable patient and guest links, tied to a visit's schedule version so a reschedule or cancel
 * revokes them. A guest's link also names the guest.
 */
export interface LinkTokens {
  issue(visitId: string, scheduleVersion: number, guestId?: string): string;
  /** Null for a forged or malformed token. */
  verify(token: string): { visitId: string; scheduleVersion: number; guestId: string | null } | null;
  /** The check-in code sent to a guest with their link (6 digits, tied to that link). */
  codeFor(token: string): string;
  /** Proof that whoever holds it passed the lobby's identity check for this link. */
  ticketFor(token: string): string;
  isTicketFor(token: string, ticket: string): boolean;
}

export interface VisitSettings {
  /** Minutes before the start when reminders go out, e.g. [1440, 15]. */
  reminderOffsetsMinutes: readonly number[];
  /** Where patient links and built-in rooms live. */
  publicUrl: string;
}
