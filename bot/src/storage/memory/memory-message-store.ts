import type { ScheduledJob } from '../../domain/shared/jobs';
import type { CareTeam, ClinicianMessage, MessageCard, MessageChange, MessageStore, NewMessage } from '../../domain/messages/message-types';
import { copy, MemoryTables } from './memory-tables';

type MessageRow = ClinicianMessage & { idempotencyKey: string | null };

const AUDIENCES: readonly MessageCard['audience'][] = ['backup', 'channel', 'recipient', 'sender'];
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The twin of SqlMessageStore: idempotent sends, each change appending its event and bumping the
 * version with the card update queued, acknowledgement kept once, cards and messages purged together.
 */
export class MemoryMessageStore implements MessageStore {
  private readonly rows = new Map<string, MessageRow>();
  private readonly cardRows: MessageCard[] = [];

  constructor(private readonly tables = new MemoryTables()) {}

  async create(message: NewMessage, jobs: readonly ScheduledJob[], idempotencyKey: string | null): Promise<ClinicianMessage> {
    const first = idempotencyKey === null ? undefined : [...this.rows.values()].find((row) => row.tenantId === message.tenantId && row.idempotencyKey === idempotencyKey);
    if (first) return toMessage(first);
    if (this.rows.has(message.id)) throw new Error('duplicate message id');
    const row: MessageRow = {
      ...copy(message),
      deliveredAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      undeliverable: null,
      events: [{ kind: 'sent', at: new Date(message.sentAt), by: copy(message.sender), detail: message.role }],
      version: 1,
      idempotencyKey,
    };
    this.rows.set(row.id, row);
    this.tables.insertJobs(jobs);
    return toMessage(row);
  }

  async get(id: string): Promise<ClinicianMessage | null> {
    const row = this.rows.get(id);
    return row ? toMessage(row) : null;
  }

  async thread(threadId: string): Promise<ClinicianMessage[]> {
    return this.sorted((row) => row.threadId === threadId);
  }

  async aboutPatient(tenantId: string, team: CareTeam, patientRef: string): Promise<ClinicianMessage[]> {
    return this.sorted((row) => row.tenantId === tenantId && row.team?.teamId === team.teamId && row.team.channelId === team.channelId && row.patient?.ref === patientRef);
  }

  async change(id: string, change: MessageChange): Promise<ClinicianMessage | null> {
    const row = this.rows.get(id);
    if (!row || (change.when === 'unacknowledged' && row.acknowledgedAt !== null)) return null;
    const set = change.set ?? {};
    row.events.push(copy(change.event));
    row.version += 1;
    if (set.deliveredAt !== undefined) row.deliveredAt = new Date(set.deliveredAt);
    if (set.undeliverable !== undefined) row.undeliverable = set.undeliverable;
    if (set.acknowledgedAt !== undefined) {
      row.acknowledgedAt = new Date(set.acknowledgedAt);
      row.acknowledgedBy = set.acknowledgedBy ? copy(set.acknowledgedBy) : null;
    }
    this.tables.insertJobs([
      ...(change.jobs ?? []),
      { job: { kind: 'message.cards', messageId: row.id, version: row.version }, runAt: change.event.at, dedupeKey: `message-cards:${row.id}:${row.version}` },
    ]);
    return toMessage(row);
  }

  async enqueue(jobs: readonly ScheduledJob[]): Promise<void> {
    this.tables.insertJobs(jobs);
  }

  async runSooner(dedupeKey: string, at: Date): Promise<void> {
    this.tables.advanceJob(dedupeKey, at);
  }

  async addCard(card: MessageCard): Promise<void> {
    if (!this.rows.has(card.messageId)) throw new Error('no such message');
    const known = this.cardRows.some((row) => row.messageId === card.messageId && row.conversationId === card.conversationId && row.activityId === card.activityId);
    if (!known) this.cardRows.push({ ...card });
  }

  async cards(messageId: string): Promise<MessageCard[]> {
    return this.cardRows
      .filter((card) => card.messageId === messageId)
      .sort((a, b) => AUDIENCES.indexOf(a.audience) - AUDIENCES.indexOf(b.audience) || byText(a.conversationId, b.conversationId))
      .map((card) => ({ ...card }));
  }

  async purge(before: Date): Promise<number> {
    const old = [...this.rows.values()].filter((row) => row.sentAt < before).map((row) => row.id);
    for (const id of old) this.rows.delete(id);
    for (let index = this.cardRows.length - 1; index >= 0; index--) if (old.includes(this.cardRows[index]!.messageId)) this.cardRows.splice(index, 1);
    return old.length;
  }

  private sorted(where: (row: MessageRow) => boolean): ClinicianMessage[] {
    return [...this.rows.values()]
      .filter(where)
      .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || byText(a.id, b.id))
      .map(toMessage);
  }
}

function toMessage(row: MessageRow): ClinicianMessage {
  const { idempotencyKey: _key, ...message } = row;
  return copy(message);
}
