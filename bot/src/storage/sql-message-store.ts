/**
 * Clinician messages in SQL. A change appends its event, applies its fields and bumps the version in
 * one UPDATE (so two changes at once both land), and queues the update of the message's cards in the
 * same transaction.
 */
import type { ScheduledJob } from '../domain/shared/jobs';
import type { CareTeam, ClinicianMessage, MessageCard, MessageChange, MessageEvent, MessageStore, NewMessage, Person } from '../domain/messages/message-types';
import type { Database } from './database';
import { advanceJob, insertJobs } from './sql-job-queue';
import { toDate, toDateOrNull } from './sql-dates';

type MessageRow = {
  id: string;
  tenant_id: string;
  thread_id: string;
  in_reply_to: string | null;
  sender: Person;
  recipient: Person;
  role: string | null;
  backup: Person | null;
  priority: ClinicianMessage['priority'];
  patient: ClinicianMessage['patient'];
  text: string;
  team_id: string | null;
  channel_id: string | null;
  sent_at: Date | string;
  delivered_at: Date | string | null;
  acknowledged_at: Date | string | null;
  acknowledged_by: Person | null;
  undeliverable: string | null;
  events: (Omit<MessageEvent, 'at'> & { at: string })[];
  version: number;
};

function toMessage(row: MessageRow): ClinicianMessage {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    threadId: row.thread_id,
    inReplyTo: row.in_reply_to,
    sender: row.sender,
    recipient: row.recipient,
    role: row.role,
    backup: row.backup,
    priority: row.priority,
    patient: row.patient,
    text: row.text,
    team: row.team_id && row.channel_id ? { teamId: row.team_id, channelId: row.channel_id } : null,
    sentAt: toDate(row.sent_at),
    deliveredAt: toDateOrNull(row.delivered_at),
    acknowledgedAt: toDateOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    undeliverable: row.undeliverable,
    events: row.events.map((event) => ({ ...event, at: new Date(event.at) })),
    version: row.version,
  };
}

const cardsJob = (message: Pick<ClinicianMessage, 'id' | 'version'>, at: Date): ScheduledJob => ({
  job: { kind: 'message.cards', messageId: message.id, version: message.version },
  runAt: at,
  dedupeKey: `message-cards:${message.id}:${message.version}`,
});

export class SqlMessageStore implements MessageStore {
  constructor(private readonly db: Database) {}

  create(message: NewMessage, jobs: readonly ScheduledJob[], idempotencyKey: string | null): Promise<ClinicianMessage> {
    return this.db.transaction(async (tx) => {
      const sent: MessageEvent = { kind: 'sent', at: message.sentAt, by: message.sender, detail: message.role };
      const [inserted] = await tx.query<MessageRow>(
        `INSERT INTO clinician_messages (id, tenant_id, thread_id, in_reply_to, idempotency_key, sender, recipient, role, backup, priority, patient, patient_ref,
                                         text, team_id, channel_id, sent_at, events)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9::jsonb, $10, $11::jsonb, $12, $13, $14, $15, $16, $17::jsonb)
         ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *`,
        [
          message.id,
          message.tenantId,
          message.threadId,
          message.inReplyTo,
          idempotencyKey,
          JSON.stringify(message.sender),
          JSON.stringify(message.recipient),
          message.role,
          message.backup ? JSON.stringify(message.backup) : null,
          message.priority,
          message.patient ? JSON.stringify(message.patient) : null,
          message.patient?.ref ?? null,
          message.text,
          message.team?.teamId ?? null,
          message.team?.channelId ?? null,
          message.sentAt,
          JSON.stringify([sent]),
        ],
      );
      if (!inserted) {
        const [first] = await tx.query<MessageRow>('SELECT * FROM clinician_messages WHERE tenant_id = $1 AND idempotency_key = $2', [message.tenantId, idempotencyKey]);
        return toMessage(first!);
      }
      await insertJobs(tx, jobs);
      return toMessage(inserted);
    });
  }

  async get(id: string): Promise<ClinicianMessage | null> {
    const [row] = await this.db.query<MessageRow>('SELECT * FROM clinician_messages WHERE id = $1', [id]);
    return row ? toMessage(row) : null;
  }

  async thread(threadId: string): Promise<ClinicianMessage[]> {
    const rows = await this.db.query<MessageRow>('SELECT * FROM clinician_messages WHERE thread_id = $1 ORDER BY sent_at, id', [threadId]);
    return rows.map(toMessage);
  }

  async aboutPatient(tenantId: string, team: CareTeam, patientRef: string): Promise<ClinicianMessage[]> {
    const rows = await this.db.query<MessageRow>(
      'SELECT * FROM clinician_messages WHERE tenant_id = $1 AND team_id = $2 AND channel_id = $3 AND patient_ref = $4 ORDER BY sent_at, id',
      [tenantId, team.teamId, team.channelId, patientRef],
    );
    return rows.map(toMessage);
  }

  change(id: string, change: MessageChange): Promise<ClinicianMessage | null> {
    const set = change.set ?? {};
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<MessageRow>(
        `UPDATE clinician_messages SET
           events = events || $2::jsonb,
           version = version + 1,
           delivered_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE delivered_at END,
           undeliverable = CASE WHEN $5::boolean THEN $6::text ELSE undeliverable END,
           acknowledged_at = CASE WHEN $7::boolean THEN $8::timestamptz ELSE acknowledged_at END,
           acknowledged_by = CASE WHEN $7::boolean THEN $9::jsonb ELSE acknowledged_by END
         WHERE id = $1 ${change.when === 'unacknowledged' ? 'AND acknowledged_at IS NULL' : ''}
         RETURNING *`,
        [
          id,
          JSON.stringify([change.event]),
          set.deliveredAt !== undefined,
          set.deliveredAt ?? null,
          set.undeliverable !== undefined,
          set.undeliverable ?? null,
          set.acknowledgedAt !== undefined,
          set.acknowledgedAt ?? null,
          set.acknowledgedBy ? JSON.stringify(set.acknowledgedBy) : null,
        ],
      );
      if (!row) return null;
      const message = toMessage(row);
      await insertJobs(tx, [...(change.jobs ?? []), cardsJob(message, change.event.at)]);
      return message;
    });
  }

  async enqueue(jobs: readonly ScheduledJob[]): Promise<void> {
    await this.db.transaction((tx) => insertJobs(tx, jobs));
  }

  async runSooner(dedupeKey: string, at: Date): Promise<void> {
    await this.db.transaction((tx) => advanceJob(tx, dedupeKey, at));
  }

  async addCard(card: MessageCard): Promise<void> {
    await this.db.query(
      `INSERT INTO clinician_message_cards (message_id, audience, conversation_id, activity_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [card.messageId, card.audience, card.conversationId, card.activityId],
    );
  }

  async cards(messageId: string): Promise<MessageCard[]> {
    const rows = await this.db.query<{ audience: MessageCard['audience']; conversation_id: string; activity_id: string }>(
      'SELECT audience, conversation_id, activity_id FROM clinician_message_cards WHERE message_id = $1 ORDER BY audience, conversation_id',
      [messageId],
    );
    return rows.map((row) => ({ messageId, audience: row.audience, conversationId: row.conversation_id, activityId: row.activity_id }));
  }

  async purge(before: Date): Promise<number> {
    const rows = await this.db.query('DELETE FROM clinician_messages WHERE sent_at < $1 RETURNING id', [before]);
    return rows.length;
  }
}
