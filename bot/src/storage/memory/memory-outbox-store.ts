import type { NewOutboxMessage, OutboxMessage, OutboxStore, PatientReply, VisitDeliveries, VisitDelivery } from '../../domain/notifications/notification-types';
import type { NotifyChannel } from '../../domain/visits/visit-types';
import { latestPatientReply } from './memory-sms-reply-store';
import { copy, MemoryTables } from './memory-tables';

type OutboxRow = OutboxMessage & { lockedUntil: Date | null; seq: number };

const bounded = (text: string): string => text.slice(0, 500);

/**
 * The twin of SqlOutboxStore: one message per source key, claims under a lock, and a settled visit
 * message queueing the refresh of the visit's cards (the visit as the shared tables hold it).
 */
export class MemoryOutboxStore implements OutboxStore, VisitDeliveries {
  private readonly rows = new Map<string, OutboxRow>();

  constructor(private readonly tables = new MemoryTables()) {}

  async insert(message: NewOutboxMessage): Promise<{ inserted: boolean }> {
    if ([...this.rows.values()].some((row) => row.sourceKey === message.sourceKey)) return { inserted: false };
    if (message.visitId !== null) this.tables.requireVisit(message.visitId);
    const now = this.tables.now();
    const row: OutboxRow = { ...copy(message), id: this.tables.nextId(), attempts: 0, nextTryAt: now, providerId: null, lastError: null, createdAt: now, sentAt: null, lockedUntil: null, seq: this.tables.nextSequence() };
    this.rows.set(row.id, row);
    return { inserted: true };
  }

  async claimDue(now: Date, options: { limit: number; channels: readonly NotifyChannel[]; lockUntil: Date }): Promise<OutboxMessage[]> {
    if (options.channels.length === 0 || options.limit <= 0) return [];
    return [...this.rows.values()]
      .filter((row) => row.status === 'queued' && row.nextTryAt <= now && options.channels.includes(row.channel) && (row.lockedUntil === null || row.lockedUntil <= now))
      .sort((a, b) => a.nextTryAt.getTime() - b.nextTryAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq)
      .slice(0, options.limit)
      .map((row) => {
        row.attempts += 1;
        row.lockedUntil = new Date(options.lockUntil);
        return toMessage(row);
      });
  }

  async markSent(id: string, providerId: string | null, at: Date): Promise<void> {
    this.settle(id, { status: 'sent', providerId, sentAt: new Date(at), lastError: null }, at);
  }

  async markRetry(id: string, nextTryAt: Date, error: string): Promise<void> {
    const row = this.rows.get(id);
    if (row) Object.assign(row, { status: 'queued', nextTryAt: new Date(nextTryAt), lastError: bounded(error), lockedUntil: null });
  }

  async markFailed(id: string, error: string): Promise<void> {
    this.settle(id, { status: 'failed', lastError: bounded(error) }, this.tables.now());
  }

  async markSuppressed(id: string, reason: string): Promise<void> {
    this.settle(id, { status: 'suppressed', lastError: bounded(reason) }, this.tables.now());
  }

  async get(id: string): Promise<OutboxMessage | null> {
    const row = this.rows.get(id);
    return row ? toMessage(row) : null;
  }

  async listRecent(limit: number): Promise<OutboxMessage[]> {
    return this.newestFirst(() => true)
      .slice(0, limit)
      .map(toMessage);
  }

  async patientReply(visitId: string, scheduleVersion: number): Promise<PatientReply | null> {
    return latestPatientReply(this.tables, visitId, scheduleVersion);
  }

  async latestForVisit(visitId: string): Promise<VisitDelivery[]> {
    const latest: VisitDelivery[] = [];
    // SMS first, as the card names it.
    for (const channel of ['sms', 'email'] as const) {
      const [row] = this.newestFirst((candidate) => candidate.visitId === visitId && candidate.channel === channel);
      if (row) latest.push({ channel, template: row.template, status: row.status, at: new Date(row.sentAt ?? row.createdAt), lastError: row.lastError });
    }
    return latest;
  }

  private newestFirst(where: (row: OutboxRow) => boolean): OutboxRow[] {
    return [...this.rows.values()].filter(where).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.seq - a.seq);
  }

  private settle(id: string, changes: Partial<OutboxMessage>, at: Date): void {
    const row = this.rows.get(id);
    if (!row) return;
    Object.assign(row, changes, { lockedUntil: null });
    const visit = row.visitId === null ? undefined : this.tables.visits.get(row.visitId);
    if (visit) this.tables.insertJobs([{ job: { kind: 'visit.card', visitId: visit.id, version: visit.version }, runAt: at, dedupeKey: `card:delivered:${id}` }]);
  }
}

const toMessage = ({ lockedUntil: _lockedUntil, seq: _seq, ...message }: OutboxRow): OutboxMessage => copy(message);
