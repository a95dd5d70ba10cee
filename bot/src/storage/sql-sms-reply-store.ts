import { normalisePhone, type PatientReply, type ReplyVisit, type SmsReplyStore } from '../domain/notifications/notification-types';
import type { Database, Sql } from './database';
import { insertJobs } from './sql-job-queue';
import { toDate } from './sql-dates';

const REPLY_KINDS: readonly PatientReply[] = ['patient_confirmed', 'cancel_requested'];
const ANSWER_EVERY = '24 hours';

/** The patient's latest reply to this schedule of the visit (replies to an older schedule do not count). */
export async function latestPatientReply(db: Sql, visitId: string, scheduleVersion: number): Promise<PatientReply | null> {
  const rows = await db.query<{ kind: PatientReply }>(
    `SELECT kind FROM visit_events WHERE visit_id = $1 AND kind = ANY($2::text[]) AND (detail->>'scheduleVersion')::int = $3 ORDER BY id DESC LIMIT 1`,
    [visitId, REPLY_KINDS, scheduleVersion],
  );
  return rows[0]?.kind ?? null;
}

export class SqlSmsReplyStore implements SmsReplyStore {
  constructor(private readonly db: Database) {}

  async nextVisitFor(phone: string, now: Date): Promise<ReplyVisit | null> {
    // The same expression as the visits_contact_phone index: numbers typed with spaces or dashes still match.
    const rows = await this.db.query<{ id: string; schedule_version: number; start_at: Date | string; time_zone: string }>(
      `SELECT id, schedule_version, start_at, time_zone FROM visits
       WHERE regexp_replace(contact->>'phone', '[\\s().-]', '', 'g') = $1 AND status = 'scheduled'
         AND start_at + duration_minutes * interval '1 minute' > $2
       ORDER BY start_at, id LIMIT 1`,
      [normalisePhone(phone), now],
    );
    const row = rows[0];
    return row ? { visitId: row.id, scheduleVersion: row.schedule_version, start: toDate(row.start_at), timeZone: row.time_zone } : null;
  }

  record(visit: ReplyVisit, reply: PatientReply, at: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // The visit's row lock orders two replies arriving together.
      const [locked] = await tx.query<{ version: number }>('SELECT version FROM visits WHERE id = $1 FOR UPDATE', [visit.visitId]);
      if (!locked) return false;
      if ((await latestPatientReply(tx, visit.visitId, visit.scheduleVersion)) === reply) return false;
      const [event] = await tx.query<{ id: string }>(
        `INSERT INTO visit_events (visit_id, kind, at, actor, detail) VALUES ($1, $2, $3, 'patient', $4::jsonb) RETURNING id`,
        [visit.visitId, reply, at, JSON.stringify({ scheduleVersion: visit.scheduleVersion, channel: 'sms' })],
      );
      await insertJobs(tx, [{ job: { kind: 'visit.card', visitId: visit.visitId, version: locked.version }, runAt: at, dedupeKey: `card:reply:${event!.id}` }]);
      return true;
    });
  }

  async claimAnswer(phone: string, visitId: string | null, kind: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO sms_reply_answers (phone, visit_key, kind, answered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (phone, visit_key, kind) DO UPDATE SET answered_at = EXCLUDED.answered_at
       WHERE sms_reply_answers.answered_at <= EXCLUDED.answered_at - interval '${ANSWER_EVERY}'
       RETURNING 1`,
      [normalisePhone(phone), visitId ?? '', kind, now],
    );
    return rows.length > 0;
  }
}
