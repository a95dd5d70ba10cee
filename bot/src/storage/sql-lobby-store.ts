import type { LobbySession, LobbyStore, TimelineEvent, VisitFeedback } from '../domain/lobby/lobby-types';
import type { Database, Sql } from './database';

type SessionRow = {
  visit_id: string;
  schedule_version: number;
  participant: string;
  identified_at: Date | string | null;
  device_check: (Omit<NonNullable<LobbySession['deviceCheck']>, 'at'> & { at: string }) | null;
  checked_in_at: Date | string | null;
  clinician_notified_at: Date | string | null;
  admitted_at: Date | string | null;
  admitted_by: LobbySession['admittedBy'];
  messages: { text: string; at: string; from: string; participant?: string | null }[];
};

const date = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

function toSession(row: SessionRow): LobbySession {
  return {
    visitId: row.visit_id,
    scheduleVersion: row.schedule_version,
    participant: row.participant,
    identifiedAt: date(row.identified_at),
    deviceCheck: row.device_check ? { ...row.device_check, at: new Date(row.device_check.at) } : null,
    checkedInAt: date(row.checked_in_at),
    clinicianNotifiedAt: date(row.clinician_notified_at),
    admittedAt: date(row.admitted_at),
    admittedBy: row.admitted_by,
    // Messages stored before the waiting room could write were all the clinic's.
    messages: row.messages.map((message) => ({ ...message, at: new Date(message.at), participant: message.participant ?? null })),
  };
}

async function lockedSession(tx: Sql, visitId: string, scheduleVersion: number, participant: string): Promise<SessionRow> {
  await tx.query('INSERT INTO lobby_sessions (visit_id, schedule_version, participant) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [visitId, scheduleVersion, participant]);
  const rows = await tx.query<SessionRow>('SELECT * FROM lobby_sessions WHERE visit_id = $1 AND schedule_version = $2 AND participant = $3 FOR UPDATE', [
    visitId,
    scheduleVersion,
    participant,
  ]);
  const row = rows[0];
  if (!row) throw new Error('lobby session vanished');
  return row;
}

export class SqlLobbyStore implements LobbyStore {
  constructor(private readonly db: Database) {}

  async session(visitId: string, scheduleVersion: number, participant = 'patient'): Promise<LobbySession> {
    const rows = await this.db.query<SessionRow>('SELECT * FROM lobby_sessions WHERE visit_id = $1 AND schedule_version = $2 AND participant = $3', [
      visitId,
      scheduleVersion,
      participant,
    ]);
    return rows[0]
      ? toSession(rows[0])
      : { visitId, scheduleVersion, participant, identifiedAt: null, deviceCheck: null, checkedInAt: null, clinicianNotifiedAt: null, admittedAt: null, admittedBy: null, messages: [] };
  }

  async sessions(visitId: string, scheduleVersion: number): Promise<LobbySession[]> {
    const rows = await this.db.query<SessionRow>(
      `SELECT * FROM lobby_sessions WHERE visit_id = $1 AND schedule_version = $2 ORDER BY participant <> 'patient', participant`,
      [visitId, scheduleVersion],
    );
    return rows.map(toSession);
  }

  change(
    visitId: string,
    scheduleVersion: number,
    change: (session: LobbySession) => Partial<LobbySession> | null,
    event: Omit<TimelineEvent, 'visitId' | 'at'> | null,
    participant = 'patient',
  ): Promise<{ session: LobbySession; changed: boolean }> {
    return this.db.transaction(async (tx) => {
      const before = toSession(await lockedSession(tx, visitId, scheduleVersion, participant));
      const patch = change(before);
      if (patch) {
        const after = { ...before, ...patch };
        await tx.query(
          `UPDATE lobby_sessions SET identified_at = $3, device_check = $4::jsonb, checked_in_at = $5, clinician_notified_at = $6,
             admitted_at = $7, admitted_by = $8::jsonb, messages = $9::jsonb
           WHERE visit_id = $1 AND schedule_version = $2 AND participant = $10`,
          [
            visitId,
            scheduleVersion,
            after.identifiedAt,
            after.deviceCheck ? JSON.stringify(after.deviceCheck) : null,
            after.checkedInAt,
            after.clinicianNotifiedAt,
            after.admittedAt,
            after.admittedBy ? JSON.stringify(after.admittedBy) : null,
            JSON.stringify(after.messages),
            participant,
          ],
        );
      }
      // A refused change (e.g. a failed identity check) is still worth a line in the timeline.
      if (event && (patch || ['identity_failed', 'no_show', 'link_opened'].includes(event.kind))) {
        await tx.query('INSERT INTO visit_events (visit_id, kind, actor, detail) VALUES ($1, $2, $3, $4::jsonb)', [
          visitId,
          event.kind,
          event.actor,
          JSON.stringify(event.detail),
        ]);
      }
      return { session: patch ? { ...before, ...patch } : before, changed: patch !== null };
    });
  }

  async timeline(visitId: string): Promise<TimelineEvent[]> {
    const rows = await this.db.query<{ kind: TimelineEvent['kind']; at: Date | string; actor: string; detail: TimelineEvent['detail'] }>(
      'SELECT kind, at, actor, detail FROM visit_events WHERE visit_id = $1 ORDER BY id',
      [visitId],
    );
    return rows.map((row) => ({ visitId, kind: row.kind, at: date(row.at) ?? new Date(0), actor: row.actor, detail: row.detail }));
  }

  async feedback(visitId: string): Promise<VisitFeedback[]> {
    const rows = await this.db.query<{ participant: string; rating: number; comment: string | null; given_at: Date | string }>(
      'SELECT participant, rating, comment, given_at FROM visit_feedback WHERE visit_id = $1 ORDER BY given_at, participant',
      [visitId],
    );
    return rows.map((row) => ({ participant: row.participant, rating: Number(row.rating), comment: row.comment, at: date(row.given_at) ?? new Date(0) }));
  }

  addFeedback(visitId: string, feedback: VisitFeedback): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ participant: string }>(
        `INSERT INTO visit_feedback (visit_id, participant, rating, comment, given_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING participant`,
        [visitId, feedback.participant, feedback.rating, feedback.comment, feedback.at],
      );
      if (inserted.length === 0) return false;
      await tx.query('INSERT INTO visit_events (visit_id, kind, actor, detail) VALUES ($1, $2, $3, $4::jsonb)', [
        visitId,
        'feedback',
        feedback.participant,
        JSON.stringify({ rating: feedback.rating }),
      ]);
      return true;
    });
  }
}
