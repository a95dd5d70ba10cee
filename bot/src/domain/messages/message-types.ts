/** Clinician messages and the on-call roster: the domain's view, free of Teams, HTTP and SQL. */
import type { ScheduledJob } from '../shared/jobs';

export type Priority = 'routine' | 'urgent' | 'stat';
export const PRIORITIES: readonly Priority[] = ['routine', 'urgent', 'stat'];

/** A clinician as Teams knows them: the Entra object id is what Rounds addresses. */
export interface Person {
  aadObjectId: string;
  name: string;
  /** The user principal name, when known: Teams' call deep link needs it. */
  email?: string | null | undefined;
}

/** Who a message is about: enough for the recipient's banner, no more. */
export interface MessagePatient {
  /** The source's id: FHIR logical id, or the manual list entry's id. */
  ref: string;
  source: 'ehr' | 'manual';
  name: string;
  mrn: string | null;
  location: string | null;
}

/** The team channel whose care team the message belongs to: its Patients tab shows the thread, its escalations land there. */
export interface CareTeam {
  teamId: string;
  channelId: string;
}

export type Addressee = { kind: 'person'; person: Person } | { kind: 'role'; role: string };

/**
 * What happened to a message, in order, as the sender's card lists it. `detail` is a code or a
 * role/person name, never message text or patient data.
 */
export type MessageEventKind =
  | 'sent'
  | 'delivered'
  | 'not_delivered'
  | 'installed'
  | 'realerted'
  | 'backup_alerted'
  | 'no_backup'
  | 'channel_alerted'
  | 'no_channel'
  | 'acknowledged'
  | 'replied';

export interface MessageEvent {
  kind: MessageEventKind;
  at: Date;
  by: Person | null;
  detail: string | null;
}

export interface ClinicianMessage {
  id: string;
  tenantId: string;
  /** The first message of the conversation; replies share it. */
  threadId: string;
  inReplyTo: string | null;
  sender: Person;
  recipient: Person;
  /** The role it was addressed to ("Cardiology on call"), when it was. */
  role: string | null;
  /** The role's backup on the shift that resolved it: the second step of an escalation. */
  backup: Person | null;
  priority: Priority;
  patient: MessagePatient | null;
  text: string;
  team: CareTeam | null;
  sentAt: Date;
  deliveredAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: Person | null;
  /** Why the recipient could not be reached (a code such as `not-installed`); null once delivered. */
  undeliverable: string | null;
  events: MessageEvent[];
  /** Bumped on every change: card updates run once per version. */
  version: number;
}

export type NewMessage = Pick<ClinicianMessage, 'tenantId' | 'sender' | 'recipient' | 'role' | 'backup' | 'priority' | 'patient' | 'text' | 'team' | 'sentAt'> & {
  id: string;
  threadId: string;
  inReplyTo: string | null;
};

/** Changes that come with an event; each is applied only while `when` holds (so a late step does nothing). */
export interface MessageChange {
  event: MessageEvent;
  set?: { deliveredAt?: Date; undeliverable?: string | null; acknowledgedAt?: Date; acknowledgedBy?: Person };
  when?: 'unacknowledged';
  jobs?: readonly ScheduledJob[];
}

/** A card the bot posted for a message, updated in place as the message moves on. */
export interface MessageCard {
  messageId: string;
  /** Whose view the card shows. */
  audience: 'sender' | 'recipient' | 'backup' | 'channel';
  conversationId: string;
  activityId: string;
}

export interface MessageStore {
  /** Saves the message and its jobs in one transaction; a known idempotency key returns the first message instead. */
  create(message: NewMessage, jobs: readonly ScheduledJob[], idempotencyKey: string | null): Promise<ClinicianMessage>;
  get(id: string): Promise<ClinicianMessage | null>;
  /** Oldest first. */
  thread(threadId: string): Promise<ClinicianMessage[]>;
  /** Every message about the patient in the care team, oldest first. */
  aboutPatient(tenantId: string, team: CareTeam, patientRef: string): Promise<ClinicianMessage[]>;
  /**
   * Records the event (and its changes and jobs) and queues the update of the message's cards, in one
   * transaction; null when `when` did not hold (or the message is gone).
   */
  change(id: string, change: MessageChange): Promise<ClinicianMessage | null>;
  enqueue(jobs: readonly ScheduledJob[]): Promise<void>;
  /** Runs the waiting job with this dedupe key at `at` if it was due later. */
  runSooner(dedupeKey: string, at: Date): Promise<void>;
  addCard(card: MessageCard): Promise<void>;
  cards(messageId: string): Promise<MessageCard[]>;
  /** Deletes messages (and their cards) sent before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

/** One on-call shift: who answers for a role between two times, and who backs them up. */
export interface OnCallShift {
  id: string;
  tenantId: string;
  role: string;
  person: Person;
  backup: Person | null;
  start: Date;
  end: Date;
  updatedBy: Person;
  updatedAt: Date;
}

export type ShiftInput = Pick<OnCallShift, 'role' | 'person' | 'backup' | 'start' | 'end'>;

export interface RosterStore {
  /** Shifts overlapping [from, to), by start. */
  shifts(tenantId: string, from: Date, to: Date): Promise<OnCallShift[]>;
  get(id: string): Promise<OnCallShift | null>;
  /** Shifts of the role (matched by `roleKey`) covering `at`, the latest start first. */
  covering(tenantId: string, roleKey: string, at: Date): Promise<OnCallShift[]>;
  /** Every role on the roster (display names), for suggestions. */
  roles(tenantId: string): Promise<string[]>;
  add(tenantId: string, shift: ShiftInput, by: Person, at: Date): Promise<OnCallShift>;
  update(id: string, shift: ShiftInput, by: Person, at: Date): Promise<OnCallShift | null>;
  remove(id: string): Promise<boolean>;
}

/** Finds clinicians of the organisation by name or email (the rosters of the teams Rounds is in). */
export interface PeopleDirectory {
  search(tenantId: string, query: string, limit: number): Promise<(Person & { email: string | null })[]>;
}

/** Installs Rounds for a clinician who does not have it, when the organisation permits (Graph teamsAppInstallation). */
export type InstallOutcome = { kind: 'installed' } | { kind: 'already-installed' } | { kind: 'not-permitted' } | { kind: 'unavailable'; retryAfterMs: number | null };

export interface BotInstaller {
  installFor(tenantId: string, aadObjectId: string): Promise<InstallOutcome>;
}

/** Minutes after sending when an unacknowledged message re-alerts the recipient, goes to the backup, then to the channel. */
export interface EscalationSettings {
  urgent: readonly [number, number, number];
  stat: readonly [number, number, number];
}

export interface MessageSettings {
  escalation: EscalationSettings;
  /** Messages older than this are purged. */
  retentionDays: number;
}

/** Jobs of clinician messages: delivery, escalation steps, card updates and the retention purge. */
export type MessageJob =
  | { kind: 'message.deliver'; messageId: string }
  /** 1: re-alert the recipient; 2: the role's backup; 3: the care team's channel. */
  | { kind: 'message.escalate'; messageId: string; step: 1 | 2 | 3 }
  | { kind: 'message.cards'; messageId: string; version: number }
  /** Tab-sent messages: the sender's status card goes to their personal chat. */
  | { kind: 'message.sender-card'; messageId: string }
  | { kind: 'message.purge'; day: string };
