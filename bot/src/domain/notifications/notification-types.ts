/**
 * Patient notifications: the ports. Every message to a patient is rendered once into the outbox, then
 * delivered (or kept there, when no provider is configured) by the dispatcher.
 */
import type { NotifyChannel, VisitJob } from '../visits/visit-types';

export type NotifyEvent = Extract<VisitJob, { kind: 'visit.notify' }>['event'];
export const NOTIFY_EVENTS: readonly NotifyEvent[] = ['invite', 'reschedule', 'cancel', 'reminder'];
export const NOTIFY_CHANNELS: readonly NotifyChannel[] = ['sms', 'email'];

/** e.g. `invite.sms`: one template per event and channel. */
export type TemplateKey = `${NotifyEvent}.${NotifyChannel}`;

/**
 * stored: kept in the outbox only (no provider configured for its channel); queued: waiting for the
 * dispatcher; suppressed: not sent because the number opted out.
 */
export type OutboxStatus = 'stored' | 'queued' | 'sent' | 'failed' | 'suppressed';

export interface NewOutboxMessage {
  tenantId: string;
  visitId: string | null;
  /** Who wrote it (job dedupe key + channel): the same key twice writes once. */
  sourceKey: string;
  channel: NotifyChannel;
  template: TemplateKey;
  /** E.164 phone or email address. */
  recipient: string;
  subject: string | null;
  /** Plain text (the SMS, or the text part of the email). */
  body: string;
  html: string | null;
  /** RFC 5545 calendar object sent with the email. */
  ics: string | null;
  status: Extract<OutboxStatus, 'stored' | 'queued' | 'suppressed'>;
}

export interface OutboxMessage extends Omit<NewOutboxMessage, 'status'> {
  id: string;
  status: OutboxStatus;
  attempts: number;
  nextTryAt: Date;
  providerId: string | null;
  /** Safe to show: never exception text or message content. */
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The newest message to a visit's patient on one channel: what the visit's card says of how they were told. */
export interface VisitDelivery {
  channel: NotifyChannel;
  template: TemplateKey;
  status: OutboxStatus;
  /** When it was sent; for any other status, when it was written. */
  at: Date;
  /** Safe to show (see OutboxMessage.lastError). */
  lastError: string | null;
}

export interface OutboxStore {
  /** Inserts the message unless one with its sourceKey exists. */
  insert(message: NewOutboxMessage): Promise<{ inserted: boolean }>;
  /**
   * Claims up to `limit` queued messages of these channels due at `now`, counting an attempt and
   * locking each until `lockUntil`; two dispatchers never claim the same message (SKIP LOCKED).
   */
  claimDue(now: Date, options: { limit: number; channels: readonly NotifyChannel[]; lockUntil: Date }): Promise<OutboxMessage[]>;
  /**
   * markSent, markFailed and markSuppressed settle a message; for a visit's message they also queue,
   * in the same transaction, the refresh of the visit's cards (which say how the patient was told).
   */
  markSent(id: string, providerId: string | null, at: Date): Promise<void>;
  /** Back to queued, due again at `nextTryAt`. */
  markRetry(id: string, nextTryAt: Date, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  markSuppressed(id: string, reason: string): Promise<void>;
  get(id: string): Promise<OutboxMessage | null>;
  /** Newest first. */
  listRecent(limit: number): Promise<OutboxMessage[]>;
}

/** How a visit's patient was told, as the visit's card shows it. */
export interface VisitDeliveries {
  /** The newest message of the visit on each channel (SMS first); none when nothing was written. */
  latestForVisit(visitId: string): Promise<VisitDelivery[]>;
  /** What the patient last answered by SMS for this schedule of the visit (a reschedule asks afresh). */
  patientReply(visitId: string, scheduleVersion: number): Promise<PatientReply | null>;
}

/** A patient's answer to the invitation SMS, as recorded on the visit's timeline. */
export type PatientReply = 'patient_confirmed' | 'cancel_requested';

/** The next visit a number that replied by SMS may mean: the soonest not yet over, still scheduled. */
export interface ReplyVisit {
  visitId: string;
  scheduleVersion: number;
  start: Date;
  timeZone: string;
}

/** Answers to the invitation SMS, and how often Rounds answered back. */
export interface SmsReplyStore {
  nextVisitFor(phone: string, now: Date): Promise<ReplyVisit | null>;
  /**
   * Records the reply on the visit's timeline and queues the refresh of its cards, in one
   * transaction; false (nothing written) when it is already the visit's latest reply.
   */
  record(visit: ReplyVisit, reply: PatientReply, at: Date): Promise<boolean>;
  /** True, and remembered, when no answer of this kind went to this number for this visit in the last 24 hours. */
  claimAnswer(phone: string, visitId: string | null, kind: string, now: Date): Promise<boolean>;
}

/** Phone numbers (E.164) that answered STOP. */
/** Numbers are kept as E.164; spaces, dashes and brackets someone typed around them do not make a new number. */
export const normalisePhone = (phone: string): string => phone.replace(/[\s\-().]/g, '');

export interface OptOutStore {
  optOut(phone: string): Promise<void>;
  optIn(phone: string): Promise<void>;
  isOptedOut(phone: string): Promise<boolean>;
}

export interface MessageTemplate {
  /** Email only; null for SMS. */
  subject: string | null;
  body: string;
}

export interface StoredTemplate extends MessageTemplate {
  key: TemplateKey;
  updatedBy: string;
  updatedAt: Date;
}

/** A tenant's edited templates; a key without a row uses the built-in text. */
export interface TemplateStore {
  get(tenantId: string, key: TemplateKey): Promise<StoredTemplate | null>;
  set(tenantId: string, key: TemplateKey, template: MessageTemplate, updatedBy: string): Promise<void>;
  remove(tenantId: string, key: TemplateKey): Promise<void>;
  list(tenantId: string): Promise<StoredTemplate[]>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Sent as a text/calendar alternative with this method, so mail clients offer Accept/Decline. */
  calendar: { method: 'REQUEST' | 'CANCEL'; ics: string } | null;
}

/** Throws AppError: rate_limited/unavailable/internal are worth retrying, anything else is permanent. */
export interface EmailTransport {
  send(message: EmailMessage): Promise<{ providerId: string | null }>;
}

export interface SmsMessage {
  to: string;
  body: string;
  /** Stable across retries (the outbox message id), for providers that deduplicate. */
  idempotencyKey: string;
  firstAttemptAt: Date;
}

/** A number that unsubscribed at the provider is an outcome, not an error: the dispatcher records it. */
export type SmsSendResult = { kind: 'sent'; providerId: string } | { kind: 'opted_out' };

/** Throws AppError like EmailTransport. */
export interface SmsTransport {
  send(message: SmsMessage): Promise<SmsSendResult>;
}
