/** The virtual lobby: a patient's way from the link to the visit, as the domain sees it. */
import type { TimelineValue, Visit } from '../visits/visit-types';

export type DeviceCheckItem = 'ok' | 'failed' | 'skipped';

/** What the patient's device check found; reported to the clinicians. */
export interface DeviceCheckResult {
  camera: DeviceCheckItem;
  microphone: DeviceCheckItem;
  speaker: DeviceCheckItem;
  browser: DeviceCheckItem;
  connection: DeviceCheckItem;
  rttMs: number | null;
  userAgent: string | null;
}

export interface LobbyMessage {
  text: string;
  at: Date;
  /** The clinician's name, or the sender's short name for a message from the waiting room. */
  from: string;
  /** Who in the waiting room wrote it ('patient' or 'guest:<id>'); null for the clinic's messages. */
  participant: string | null;
}

/** One participant's place (the patient's, or a guest's) in the lobby of one visit (for one schedule version of it). */
export interface LobbySession {
  visitId: string;
  scheduleVersion: number;
  /** 'patient' or 'guest:<id>' (participantKey). */
  participant: string;
  identifiedAt: Date | null;
  deviceCheck: (DeviceCheckResult & { at: Date }) | null;
  checkedInAt: Date | null;
  clinicianNotifiedAt: Date | null;
  admittedAt: Date | null;
  admittedBy: { id: string; name: string } | null;
  messages: LobbyMessage[];
}

export type TimelineKind =
  | 'created'
  | 'rescheduled'
  | 'cancelled'
  | 'link_opened'
  | 'identified'
  | 'identity_failed'
  | 'device_check'
  | 'checked_in'
  | 'clinicians_alerted'
  | 'escalated_to_channel'
  | 'alert_failed'
  | 'message_to_patient'
  | 'message_from_patient'
  | 'admitted'
  | 'ended'
  | 'no_show'
  | 'patient_confirmed'
  | 'cancel_requested'
  | 'feedback'
  | 'call_quality';

/** A patient's (or a guest's) rating of a completed visit, 1 (very poor) to 5 (very good), with an optional comment. */
export interface VisitFeedback {
  /** 'patient' or 'guest:<id>': one answer per link. */
  participant: string;
  rating: number;
  comment: string | null;
  at: Date;
}

export interface TimelineEvent {
  visitId: string;
  kind: TimelineKind;
  at: Date;
  /** Who did it: a clinician's id, or 'patient' / 'guest:<id>' / 'system'. */
  actor: string;
  detail: Record<string, TimelineValue>;
}

/**
 * Why an alert step reached none of the people it was for: nobody with a Teams account, Rounds not
 * added for them, the client does not know them, a refusal, or no answer within the retry budget.
 */
export type AlertFailure = 'no-clinician' | 'not-installed' | 'unknown-user' | 'refused' | 'no-answer';

export interface LobbyStore {
  /** One participant's session of this visit's current schedule (default: the patient's), empty when missing. */
  session(visitId: string, scheduleVersion: number, participant?: string): Promise<LobbySession>;
  /** Every participant's session that exists for this schedule, the patient's first. */
  sessions(visitId: string, scheduleVersion: number): Promise<LobbySession[]>;
  /**
   * Applies `change` to one participant's session (default: the patient's) under a row lock and
   * records the timeline event in the same transaction; `change` returns null to leave the session as
   * it is (e.g. already admitted).
   */
  change(
    visitId: string,
    scheduleVersion: number,
    change: (session: LobbySession) => Partial<LobbySession> | null,
    event: Omit<TimelineEvent, 'visitId' | 'at'> | null,
    participant?: string,
  ): Promise<{ session: LobbySession; changed: boolean }>;
  timeline(visitId: string): Promise<TimelineEvent[]>;
  /** The visit's feedback, oldest first. */
  feedback(visitId: string): Promise<VisitFeedback[]>;
  /**
   * Stores one participant's feedback with a `feedback` timeline event carrying the rating only (the
   * comment stays out of the timeline and so out of the webhook), in one transaction; false when
   * this participant already answered.
   */
  addFeedback(visitId: string, feedback: VisitFeedback): Promise<boolean>;
}

/** Tells everyone watching a visit's lobby (the patient's page, clinicians' views) that it changed. */
export interface LobbyEvents {
  publish(visitId: string): Promise<void>;
}

export interface LobbySettings {
  /** The link works from this long before the start... */
  opensBeforeMinutes: number;
  /** ...until this long after the end. */
  closesAfterMinutes: number;
  identity: { firstName: boolean; birthYear: boolean };
  /** A patient waiting this long re-alerts the clinicians, and as long again alerts the channel. */
  escalateAfterMinutes: number;
  /** An admitted visit whose room stays empty this long ends by itself. */
  emptyRoomEndMinutes: number;
  /** A visit still open this long after its end time ends by itself. */
  endGraceMinutes: number;
}

/** Who is in a visit's video room, where Rounds can tell (its built-in rooms); null where it cannot (Teams meetings). */
export interface RoomPresence {
  presence(visit: Visit, now: Date): Promise<{ present: boolean; lastSeenAt: Date | null } | null>;
  /** Whether a clinician is in the visit's room now; false where Rounds cannot tell (Teams meetings). */
  clinicianPresent(visit: Visit): Promise<boolean>;
  /** Who is in the visit's room now, as the timeline names them (a clinician's id, 'patient', 'guest:<id>'); none where Rounds cannot tell. */
  inRoom(visit: Visit): Promise<string[]>;
}
