import type { NewOutboxMessage, OutboxMessage, OutboxStatus, OutboxStore, PatientReply, TemplateKey, VisitDeliveries, VisitDelivery } from '../domain/notifications/notification-types';
import type { NotifyChannel } from '../domain/visits/visit-types';
import type { Database } from './database';
import { insertJobs } from './sql-job-queue';
import { latestPatientReply } from './sql-sms-reply-store';
import { toDate } from './sql-dates';

type OutboxRow = {
  id: string;
  tenant_id: string;
  visit_id: string | null;
  source_key: string;
  channel: NotifyChannel;
  template: TemplateKey;
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  ics: string | null;
  status: OutboxStatus;
  attempts: number;
  next_try_at: Date | string;
  provider_id: string | null;
  last_error: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
};

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    visitId: row.visit_id,
    sourceKey: row.source_key,
    channel: row.channel,
    template: row.template,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    html: row.html,
    ics: row.ics,
    status: row.status,
    attempts: row.attempts,
    nextTryAt: toDate(row.next_try_at),
    providerId: row.provider_id,
    lastError: row.last_error,
    createdAt: toDate(row.created_at),
    sentAt: row.sent_at === null ? null : toDate(row.sent_at),
  };
}

/** Error texts are ours (safe), but keep a bound on what a provider's answer can make us store. */
const bounded = (text: string): string => text.slice(0, 500);

type DeliveryRow = Pick<OutboxRow, 'channel' | 'template' | 'status' | 'created_at' | 'sent_at' | 'last_error'>;

export class SqlOutboxStore implements OutboxStore, VisitDeliveries {
  constructor(private readonly db: Database) {}

  async insert(message: NewOutboxMessage): Promise<{ inserted: boolean }> {
    const rows = await this.db.query(
      `INSERT INTO outbox_messages (tenant_id, visit_id, source_key, channel, template, recipient, subject, body, html, ics, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (source_key) DO NOTHING
       RETURNING id`,
      [message.tenantId, message.visitId, message.sourceKey, message.channel, message.template, message.recipient, message.subject, message.body, message.html, message.ics, message.status],
    );
    return { inserted: rows.length > 0 };
  }

  async claimDue(now: Date, options: { limit: number; channels: readonly NotifyChannel[]; lockUntil: Date }): Promise<OutboxMessage[]> {
    if (options.channels.length === 0 || options.limit <= 0) return [];
    // One statement: the sub-select locks the rows it picks and skips rows another dispatcher holds.
    const rows = await this.db.query<OutboxRow>(
      `UPDATE outbox_messages SET attempts = attempts + 1, locked_until = $3
       WHERE id IN (
         SELECT id FROM outbox_messages
         WHERE status = 'queued' AND next_try_at <= $1 AND channel = ANY($2::text[])
           AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY next_try_at, created_at
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, [...options.channels], options.lockUntil, options.limit],
    );
    return rows.map(toMessage).sort((a, b) => a.nextTryAt.getTime() - b.nextTryAt.getTime());
  }

  async markSent(id: string, providerId: string | null, at: Date): Promise<void> {
    await this.settle(id, `UPDATE outbox_messages SET status = 'sent', provider_id = $2, sent_at = $3, locked_until = NULL, last_error = NULL WHERE id = $1 RETURNING visit_id`, [id, providerId, at], at);
  }

  async markRetry(id: string, nextTryAt: Date, error: string): Promise<void> {
    await this.db.query(`UPDATE outbox_messages SET status = 'queued', next_try_at = $2, last_error = $3, locked_until = NULL WHERE id = $1`, [id, nextTryAt, bounded(error)]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.settle(id, `UPDATE outbox_messages SET status = 'failed', last_error = $2, locked_until = NULL WHERE id = $1 RETURNING visit_id`, [id, bounded(error)], new Date());
  }

  async markSuppressed(id: string, reason: string): Promise<void> {
    await this.settle(id, `UPDATE outbox_messages SET status = 'suppressed', last_error = $2, locked_until = NULL WHERE id = $1 RETURNING visit_id`, [id, bounded(reason)], new Date());
  }

  /**
   * Settles the message and, for a visit's message, queues the refresh of the visit's cards, once per
   * message. It is due at `at`: the dispatcher's clock when it gives one, else at once.
   */
  private async settle(id: string, update: string, params: readonly unknown[], at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [settled] = await tx.query<{ visit_id: string | null }>(update, params);
      if (!settled?.visit_id) return;
      const [visit] = await tx.query<{ version: number }>('SELECT version FROM visits WHERE id = $1', [settled.visit_id]);
      if (!visit) return;
      await insertJobs(tx, [{ job: { kind: 'visit.card', visitId: settled.visit_id, version: visit.version }, runAt: at, dedupeKey: `card:delivered:${id}` }]);
    });
  }

  async get(id: string): Promise<OutboxMessage | null> {
    const rows = await this.db.query<OutboxRow>('SELECT * FROM outbox_messages WHERE id = $1', [id]);
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async listRecent(limit: number): Promise<OutboxMessage[]> {
    const rows = await this.db.query<OutboxRow>('SELECT * FROM outbox_messages ORDER BY created_at DESC, id DESC LIMIT $1', [limit]);
    return rows.map(toMessage);
  }

  patientReply(visitId: string, scheduleVersion: number): Promise<PatientReply | null> {
    return latestPatientReply(this.db, visitId, scheduleVersion);
  }

  async latestForVisit(visitId: string): Promise<VisitDelivery[]> {
    const rows = await this.db.query<DeliveryRow>(
      `SELECT DISTINCT ON (channel) channel, template, status, created_at, sent_at, last_error FROM outbox_messages
       WHERE visit_id = $1 ORDER BY channel DESC, created_at DESC, id DESC`,
      [visitId],
    );
    // 'sms' sorts after 'email': DESC puts the SMS first, as the card names it.
    return rows.map((row) => ({
      channel: row.channel,
      template: row.template,
      status: row.status,
      at: toDate(row.sent_at ?? row.created_at),
      lastError: row.last_error,
    }));
  }
}
