/**
 * Clinician messages' use cases, shared by the bot and the tabs. A message is saved with its jobs
 * (delivery now; for urgent and STAT, the escalation steps at their times) in one transaction, so a
 * restart or a second instance loses none and runs each once. Every later change is an event on the
 * message that also queues the update of its cards.
 */
import { AppError } from '../shared/app-error';
import type { ScheduledJob } from '../shared/jobs';
import type { Actor, TeamMembership } from '../shared/actor';
import type { AuditAction, AuditLog } from '../shared/audit';
import type {
  Addressee,
  CareTeam,
  ClinicianMessage,
  MessageCard,
  MessageChange,
  MessageEventKind,
  MessagePatient,
  MessageSettings,
  MessageStore,
  Person,
  Priority,
} from './message-types';
import { actorPerson, type OnCallRoster } from './on-call-roster';

export interface SendRequest {
  to: Addressee;
  priority: Priority;
  text: string;
  patient: MessagePatient | null;
  /** The care team (team channel) the patient belongs to: its tab shows the thread, escalations end there. */
  team: CareTeam | null;
  /** The same key again returns the first message (a double click sends once). */
  idempotencyKey: string | null;
  /** The sender's user principal name when the edge knows it (the recipient's Call button needs it). */
  senderEmail?: string | null;
  /** Sent from a tab: the sender's status card goes to their personal chat with Rounds (from the bot it is the reply). */
  senderCardInPersonalChat?: boolean;
}

export interface MessageServiceDeps {
  store: MessageStore;
  roster: OnCallRoster;
  membership: TeamMembership;
  audit: AuditLog;
  settings: MessageSettings;
  now(): Date;
  /** A new random id (a UUID): the domain does not reach for crypto itself. */
  newId(): string;
}

export const MAX_MESSAGE_TEXT = 2000;

/** What an escalation step should do now; the edge does it and then records it. */
export type EscalationAction =
  | { kind: 'nothing' }
  | { kind: 'realert'; message: ClinicianMessage }
  | { kind: 'backup'; message: ClinicianMessage; backup: Person }
  | { kind: 'channel'; message: ClinicianMessage; team: CareTeam };

const STEP_EVENT: Record<1 | 2 | 3, MessageEventKind> = { 1: 'realerted', 2: 'backup_alerted', 3: 'channel_alerted' };
const STEP_TARGET: Record<1 | 2 | 3, string> = { 1: 'recipient', 2: 'backup', 3: 'channel' };

export class MessageService {
  constructor(private readonly deps: MessageServiceDeps) {}

  async send(actor: Actor, request: SendRequest): Promise<ClinicianMessage> {
    const text = checkedText(request.text);
    if (request.team && !(await this.deps.membership.isMember(actor, request.team.teamId))) {
      throw new AppError('forbidden', "Only members of this patient's care team can message about them from here.");
    }
    const { recipient, role, backup } = await this.resolve(actor, request.to);
    const sender = { ...actorPerson(actor), email: request.senderEmail ?? null };
    if (sameId(recipient.aadObjectId, sender.aadObjectId)) {
      throw new AppError('validation', role ? `You are the one on call as ${role} right now.` : 'You cannot send a message to yourself.', { field: 'to' });
    }
    const sentAt = this.deps.now();
    const id = this.deps.newId();
    const message = await this.deps.store.create(
      { id, threadId: id, inReplyTo: null, tenantId: actor.tenantId, sender, recipient, role, backup, priority: request.priority, patient: request.patient, text, team: request.team, sentAt },
      [
        deliverJob(id, sentAt),
        ...this.escalationJobs(id, request.priority, sentAt),
        ...(request.senderCardInPersonalChat ? [{ job: { kind: 'message.sender-card', messageId: id }, runAt: sentAt, dedupeKey: `message-sender-card:${id}` } satisfies ScheduledJob] : []),
      ],
      request.idempotencyKey,
    );
    await this.audit(actor, 'message.send', message);
    return message;
  }

  /** The recipient (or the backup, or the care team once it reached the channel) has read it. Twice is harmless. */
  async acknowledge(actor: Actor, id: string): Promise<{ message: ClinicianMessage; first: boolean }> {
    const message = await this.readable(actor, id, 'answer');
    const at = this.deps.now();
    const by = actorPerson(actor);
    const changed = await this.deps.store.change(id, { event: { kind: 'acknowledged', at, by, detail: null }, set: { acknowledgedAt: at, acknowledgedBy: by }, when: 'unacknowledged' });
    if (changed) await this.audit(actor, 'message.acknowledge', changed);
    return changed ? { message: changed, first: true } : { message: (await this.deps.store.get(id)) ?? message, first: false };
  }

  /** Answers in the same thread, to the other side; answering also acknowledges. */
  async reply(actor: Actor, id: string, text: string): Promise<{ reply: ClinicianMessage; parent: ClinicianMessage }> {
    const body = checkedText(text);
    const parent = await this.readable(actor, id, 'answer');
    // As the thread knows them (with their email for the Call button), else as they signed in.
    const me = [parent.sender, parent.recipient, parent.backup].find((person) => person && sameId(person.aadObjectId, actor.userId)) ?? actorPerson(actor);
    const to = sameId(parent.sender.aadObjectId, me.aadObjectId) ? parent.recipient : parent.sender;
    const at = this.deps.now();
    const replyId = this.deps.newId();
    const reply = await this.deps.store.create(
      { id: replyId, threadId: parent.threadId, inReplyTo: parent.id, tenantId: parent.tenantId, sender: me, recipient: to, role: null, backup: null, priority: 'routine', patient: parent.patient, text: body, team: parent.team, sentAt: at },
      [deliverJob(replyId, at)],
      null,
    );
    if (!sameId(parent.sender.aadObjectId, me.aadObjectId)) {
      await this.deps.store.change(id, { event: { kind: 'acknowledged', at, by: me, detail: 'reply' }, set: { acknowledgedAt: at, acknowledgedBy: me }, when: 'unacknowledged' });
    }
    const updated = (await this.deps.store.change(id, { event: { kind: 'replied', at, by: me, detail: null } })) ?? parent;
    await this.audit(actor, 'message.reply', reply);
    return { reply, parent: updated };
  }

  /** A message for one of its people (or its care team): for cards and the tab. */
  async view(actor: Actor, id: string): Promise<ClinicianMessage> {
    const message = await this.readable(actor, id, 'read');
    await this.audit(actor, 'message.view', message);
    return message;
  }

  /** The thread a message belongs to, oldest first. */
  async thread(actor: Actor, id: string): Promise<ClinicianMessage[]> {
    const message = await this.readable(actor, id, 'read');
    const thread = await this.deps.store.thread(message.threadId);
    await this.audit(actor, 'message.thread', message);
    return thread;
  }

  /** Every message about a patient in a care team, for the Patients tab's panel: members of the team only. */
  async aboutPatient(actor: Actor, team: CareTeam, patientRef: string): Promise<ClinicianMessage[]> {
    if (!(await this.deps.membership.isMember(actor, team.teamId))) throw new AppError('forbidden', 'Only members of this care team can read its messages.');
    const messages = await this.deps.store.aboutPatient(actor.tenantId, team, patientRef);
    await this.deps.audit.record({ actor, action: 'message.thread', channel: { tenantId: actor.tenantId, ...team }, patientRef, detail: { count: messages.length } });
    return messages;
  }

  /** For jobs: a message as stored, without an actor (nothing is shown to anyone by this). */
  byId(id: string): Promise<ClinicianMessage | null> {
    return this.deps.store.get(id);
  }

  /** For jobs: the message's thread, for the cards of the people it is between. */
  threadOf(message: ClinicianMessage): Promise<ClinicianMessage[]> {
    return this.deps.store.thread(message.threadId);
  }

  cards(id: string): Promise<MessageCard[]> {
    return this.deps.store.cards(id);
  }

  recordCard(card: MessageCard): Promise<void> {
    return this.deps.store.addCard(card);
  }

  /** What escalation step `step` should do now: nothing once acknowledged (or for routine messages). */
  async escalation(id: string, step: 1 | 2 | 3): Promise<EscalationAction> {
    const message = await this.deps.store.get(id);
    if (!message || message.acknowledgedAt || message.priority === 'routine') return { kind: 'nothing' };
    if (step === 1) return { kind: 'realert', message };
    if (step === 2) {
      if (message.backup) return { kind: 'backup', message, backup: message.backup };
      await this.note(id, 'no_backup', message.role ? 'role-without-backup' : 'person');
      return { kind: 'nothing' };
    }
    if (message.team) return { kind: 'channel', message, team: message.team };
    await this.note(id, 'no_channel', null);
    return { kind: 'nothing' };
  }

  /** The step could not reach anyone (Teams refused): the sender's card says so, the next step still follows. */
  async escalationFailed(id: string, step: 1 | 2 | 3): Promise<void> {
    await this.note(id, 'not_delivered', STEP_TARGET[step]);
  }

  /** The step reached someone: it shows on the sender's card. */
  async escalated(id: string, step: 1 | 2 | 3): Promise<void> {
    await this.note(id, STEP_EVENT[step], null);
  }

  async delivered(id: string): Promise<void> {
    await this.deps.store.change(id, { event: { kind: 'delivered', at: this.deps.now(), by: null, detail: null }, set: { deliveredAt: this.deps.now(), undeliverable: null } });
  }

  /** The recipient could not be reached (`reason` is a code); the sender's card says so. */
  async notDelivered(id: string, reason: string): Promise<void> {
    const message = await this.deps.store.change(id, { event: { kind: 'not_delivered', at: this.deps.now(), by: null, detail: reason }, set: { undeliverable: reason } });
    // Nobody reads an urgent message where it cannot arrive: its next useful step (backup, else the channel) runs now.
    const next = message && message.priority !== 'routine' && !message.acknowledgedAt ? (message.backup ? 2 : message.team ? 3 : null) : null;
    if (next) await this.deps.store.runSooner(escalationKey(id, next), this.deps.now());
  }

  async installedForRecipient(id: string): Promise<void> {
    await this.deps.store.change(id, { event: { kind: 'installed', at: this.deps.now(), by: null, detail: null } });
  }

  /** Deletes messages past the retention period; queues tomorrow's run. */
  async purgeExpired(): Promise<number> {
    const now = this.deps.now();
    const purged = await this.deps.store.purge(new Date(now.getTime() - this.deps.settings.retentionDays * 86_400_000));
    await this.schedulePurge(new Date(now.getTime() + 86_400_000));
    return purged;
  }

  /** Queues the daily purge for `at`'s day (once per day, whichever instance asks). */
  async schedulePurge(at: Date = this.deps.now()): Promise<void> {
    const day = at.toISOString().slice(0, 10);
    await this.deps.store.enqueue([{ job: { kind: 'message.purge', day }, runAt: at, dedupeKey: `message-purge:${day}` }]);
  }

  private async note(id: string, kind: MessageEventKind, detail: string | null): Promise<void> {
    const change: MessageChange = { event: { kind, at: this.deps.now(), by: null, detail }, when: 'unacknowledged' };
    await this.deps.store.change(id, change);
  }

  private escalationJobs(id: string, priority: Priority, sentAt: Date): ScheduledJob[] {
    if (priority === 'routine') return [];
    const minutes = this.deps.settings.escalation[priority];
    return ([1, 2, 3] as const).map((step) => ({
      job: { kind: 'message.escalate', messageId: id, step },
      runAt: new Date(sentAt.getTime() + minutes[step - 1]! * 60_000),
      dedupeKey: escalationKey(id, step),
    }));
  }

  private async resolve(actor: Actor, to: Addressee): Promise<{ recipient: Person; role: string | null; backup: Person | null }> {
    if (to.kind === 'person') return { recipient: to.person, role: null, backup: null };
    const shift = await this.deps.roster.onDuty(actor.tenantId, to.role);
    if (!shift) {
      throw new AppError('not_found', `No one is on call as "${to.role}" right now, so nothing was sent. Message a person instead, or add a shift in the On-call tab.`, { field: 'to' });
    }
    return { recipient: shift.person, role: shift.role, backup: shift.backup };
  }

  /** The message, for someone allowed: its sender, recipient or backup, or (once it reached the channel, or to read) its care team. */
  private async readable(actor: Actor, id: string, purpose: 'read' | 'answer'): Promise<ClinicianMessage> {
    const message = await this.deps.store.get(id);
    if (!message || message.tenantId !== actor.tenantId) throw new AppError('not_found', 'This message is no longer available (messages are kept for a limited time).');
    const people = [message.sender, message.recipient, message.backup, message.acknowledgedBy].flatMap((person) => (person ? [person.aadObjectId] : []));
    if (people.some((person) => sameId(person, actor.userId))) return message;
    const teamMayAnswer = purpose === 'read' || message.events.some((event) => event.kind === 'channel_alerted');
    if (message.team && teamMayAnswer && (await this.deps.membership.isMember(actor, message.team.teamId))) return message;
    throw new AppError('forbidden', 'Only the people this message is between (and its care team once it was escalated to them) can do this.');
  }

  private async audit(actor: Actor, action: AuditAction, message: ClinicianMessage): Promise<void> {
    if (!message.patient) return;
    await this.deps.audit.record({
      actor,
      action,
      channel: message.team ? { tenantId: message.tenantId, ...message.team } : null,
      patientRef: message.patient.ref,
      detail: { messageId: message.id },
    });
  }
}

function checkedText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new AppError('validation', 'Write the message.', { field: 'text' });
  if (trimmed.length > MAX_MESSAGE_TEXT) throw new AppError('validation', `Keep the message under ${MAX_MESSAGE_TEXT} characters.`, { field: 'text' });
  return trimmed;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const escalationKey = (messageId: string, step: 1 | 2 | 3): string => `message-escalate:${messageId}:${step}`;

const deliverJob = (messageId: string, at: Date): ScheduledJob => ({ job: { kind: 'message.deliver', messageId }, runAt: at, dedupeKey: `message-deliver:${messageId}` });
