import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/shared/app-error';
import { clinicianKey, type NewVisit, type Visit, type VisitCard, type VisitChanges, type VisitEventRecord, type VisitFilter, type VisitStore } from '../domain/visits/visit-types';
import type { ScheduledJob } from '../domain/shared/jobs';
import type { TimelineKind } from '../domain/lobby/lobby-types';
import type { Database, Sql } from './database';
import { isUuid } from './is-uuid';
import { insertJobs } from './sql-job-queue';
import { toDate } from './sql-dates';

type VisitRow = {
  id: string;
  tenant_id: string;
  patient: Visit['patient'];
  start_at: Date | string;
  duration_minutes: number;
  clinicians: Visit['clinicians'];
  reason: string | null;
  contact: Visit['contact'];
  notify: Visit['notify'];
  status: Visit['status'];
  meeting: Visit['meeting'];
  conversation_id: string | null;
  team_id: string | null;
  channel_id: string | null;
  announce_in: string | null;
  time_zone: string;
  created_by: Visit['createdBy'];
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  schedule_version: number;
  cancelled_at: Date | string | null;
  ended_at: Date | string | null;
  guests: Visit['guests'];
  admit_when_clinician_joins: boolean;
  visit_type: string | null;
  list_entry_id: string | null;
};

function toVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    patient: row.patient,
    start: toDate(row.start_at),
    durationMinutes: row.duration_minutes,
    clinicians: row.clinicians,
    reason: row.reason,
    contact: row.contact,
    notify: row.notify,
    status: row.status,
    meeting: row.meeting,
    origin: { conversationId: row.conversation_id, teamId: row.team_id, channelId: row.channel_id },
    announceIn: row.announce_in,
    timeZone: row.time_zone,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    version: row.version,
    scheduleVersion: row.schedule_version,
    cancelledAt: row.cancelled_at === null ? null : toDate(row.cancelled_at),
    endedAt: row.ended_at === null ? null : toDate(row.ended_at),
    guests: row.guests,
    admitWhenClinicianJoins: row.admit_when_clinician_joins,
    visitType: row.visit_type,
    listEntryId: row.list_entry_id,
  };
}

/** Column and value of each change a use case may make. */
const CHANGE_COLUMNS: { [K in keyof Required<VisitChanges>]: [string, (value: NonNullable<VisitChanges[K]> | null) => unknown] } = {
  start: ['start_at', (value) => value],
  durationMinutes: ['duration_minutes', (value) => value],
  status: ['status', (value) => value],
  meeting: ['meeting', (value) => (value === null ? null : JSON.stringify(value))],
  scheduleVersion: ['schedule_version', (value) => value],
  cancelledAt: ['cancelled_at', (value) => value],
  endedAt: ['ended_at', (value) => value],
  admitWhenClinicianJoins: ['admit_when_clinician_joins', (value) => value],
};

export class SqlVisitStore implements VisitStore {
  constructor(private readonly db: Database) {}

  create(visit: NewVisit, idempotencyKey: string | null): Promise<{ visit: Visit; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<VisitRow>(
        `INSERT INTO visits (tenant_id, idempotency_key, patient, start_at, duration_minutes, clinicians, reason, contact, notify, status,
                             conversation_id, team_id, channel_id, time_zone, created_by, announce_in, guests, admit_when_clinician_joins,
                             visit_type, list_entry_id)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8::jsonb, $9::jsonb, 'pending', $10, $11, $12, $13, $14::jsonb, $15, $16::jsonb, $17, $18, $19)
         ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *`,
        [
          visit.tenantId,
          idempotencyKey,
          JSON.stringify(visit.patient),
          visit.start,
          visit.durationMinutes,
          JSON.stringify(visit.clinicians),
          visit.reason,
          JSON.stringify(visit.contact),
          JSON.stringify(visit.notify),
          visit.origin.conversationId,
          visit.origin.teamId,
          visit.origin.channelId,
          visit.timeZone,
          JSON.stringify(visit.createdBy),
          visit.announceIn ?? null,
          JSON.stringify((visit.guests ?? []).map((guest) => ({ id: randomUUID(), ...guest }))),
          visit.admitWhenClinicianJoins ?? false,
          visit.visitType ?? null,
          visit.listEntryId ?? null,
        ],
      );
      const row = inserted[0];
      if (!row) {
        const existing = await tx.query<VisitRow>('SELECT * FROM visits WHERE tenant_id = $1 AND idempotency_key = $2', [visit.tenantId, idempotencyKey]);
        if (!existing[0]) throw new AppError('conflict', 'This request is being processed. Try again in a moment.');
        return { visit: toVisit(existing[0]), created: false };
      }
      await this.writeClinicians(tx, row.id, visit.clinicians);
      await recordEvent(tx, row.id, 'created', visit.createdBy.id, { durationMinutes: visit.durationMinutes });
      return { visit: toVisit(row), created: true };
    });
  }

  async get(id: string): Promise<Visit | null> {
    if (!isUuid(id)) return null;
    const rows = await this.db.query<VisitRow>('SELECT * FROM visits WHERE id = $1', [id]);
    return rows[0] ? toVisit(rows[0]) : null;
  }

  async byIdempotencyKey(tenantId: string, key: string): Promise<Visit | null> {
    const rows = await this.db.query<VisitRow>('SELECT * FROM visits WHERE tenant_id = $1 AND idempotency_key = $2', [tenantId, key]);
    return rows[0] ? toVisit(rows[0]) : null;
  }

  update(id: string, expectedVersion: number, changes: VisitChanges, jobs: readonly ScheduledJob[], event?: VisitEventRecord): Promise<Visit> {
    const sets: string[] = [];
    const params: unknown[] = [id, expectedVersion];
    for (const [key, value] of Object.entries(changes) as [keyof VisitChanges, VisitChanges[keyof VisitChanges]][]) {
      if (value === undefined) continue;
      const [column, encode] = CHANGE_COLUMNS[key] as [string, (value: unknown) => unknown];
      params.push(encode(value));
      sets.push(`${column} = $${params.length}${column === 'meeting' ? '::jsonb' : ''}`);
    }
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<VisitRow>(
        `UPDATE visits SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2 RETURNING *`,
        params,
      );
      const row = rows[0];
      if (!row) throw new AppError('conflict', 'Someone else changed this visit at the same moment. Look at it again and retry.');
      if (changes.status === 'cancelled') await recordEvent(tx, id, 'cancelled', 'system', {});
      else if (changes.start !== undefined || changes.durationMinutes !== undefined) {
        await recordEvent(tx, id, 'rescheduled', 'system', { start: row.start_at instanceof Date ? row.start_at.toISOString() : row.start_at, durationMinutes: row.duration_minutes });
      }
      if (event) await recordEvent(tx, id, event.kind, event.actor, event.detail);
      await insertJobs(tx, jobs);
      return toVisit(row);
    });
  }

  enqueue(jobs: readonly ScheduledJob[]): Promise<void> {
    return this.db.transaction((tx) => insertJobs(tx, jobs));
  }

  async overlapping(tenantId: string, clinicianKeys: readonly string[], start: Date, end: Date, excludeVisitId: string | null): Promise<Visit[]> {
    const rows = await this.db.query<VisitRow>(
      `SELECT DISTINCT v.* FROM visits v JOIN visit_clinicians c ON c.visit_id = v.id
       WHERE v.tenant_id = $1 AND c.clinician_key = ANY($2::text[]) AND v.status NOT IN ('cancelled', 'completed', 'no_show')
         AND v.start_at < $4 AND v.start_at + make_interval(mins => v.duration_minutes) > $3
         AND ($5::uuid IS NULL OR v.id <> $5::uuid)
       ORDER BY v.start_at`,
      [tenantId, clinicianKeys, start, end, excludeVisitId],
    );
    return rows.map(toVisit);
  }

  async list(filter: VisitFilter): Promise<Visit[]> {
    const params: unknown[] = [filter.tenantId, filter.from, filter.to];
    const where = ['v.tenant_id = $1', 'v.start_at >= $2', 'v.start_at < $3'];
    if (!filter.includeCancelled) where.push("v.status <> 'cancelled'");
    if (filter.channel) {
      params.push(filter.channel.teamId, filter.channel.channelId);
      where.push(`v.team_id = $${params.length - 1} AND v.channel_id = $${params.length}`);
    }
    if (filter.teamId !== undefined) {
      params.push(filter.teamId);
      where.push(`v.team_id = $${params.length}`);
    }
    if (filter.listEntryId) {
      if (!isUuid(filter.listEntryId)) return [];
      params.push(filter.listEntryId);
      where.push(`v.list_entry_id = $${params.length}`);
    }
    if (filter.personId) {
      params.push(filter.personId, clinicianKey({ aadObjectId: filter.personId, name: '', email: null }));
      where.push(
        `(v.created_by->>'id' = $${params.length - 1} OR EXISTS (SELECT 1 FROM visit_clinicians c WHERE c.visit_id = v.id AND c.clinician_key = $${params.length}))`,
      );
    }
    const rows = await this.db.query<VisitRow>(`SELECT v.* FROM visits v WHERE ${where.join(' AND ')} ORDER BY v.start_at, v.id`, params);
    return rows.map(toVisit);
  }

  async cards(visitId: string): Promise<VisitCard[]> {
    const rows = await this.db.query<{ conversation_id: string; activity_id: string }>(
      'SELECT conversation_id, activity_id FROM visit_cards WHERE visit_id = $1 ORDER BY created_at',
      [visitId],
    );
    return rows.map((row) => ({ visitId, conversationId: row.conversation_id, activityId: row.activity_id }));
  }

  async saveCard(card: VisitCard): Promise<void> {
    await this.db.query(
      `INSERT INTO visit_cards (visit_id, conversation_id, activity_id) VALUES ($1, $2, $3)
       ON CONFLICT (visit_id, conversation_id) DO UPDATE SET activity_id = EXCLUDED.activity_id`,
      [card.visitId, card.conversationId, card.activityId],
    );
  }

  private async writeClinicians(tx: Sql, visitId: string, clinicians: Visit['clinicians']): Promise<void> {
    for (const key of new Set(clinicians.map(clinicianKey))) {
      await tx.query('INSERT INTO visit_clinicians (visit_id, clinician_key) VALUES ($1, $2)', [visitId, key]);
    }
  }
}

/** The visit's timeline (visit_events), which the lobby also writes and the webhook relays. */
async function recordEvent(tx: Sql, visitId: string, kind: TimelineKind, actor: string, detail: VisitEventRecord['detail']): Promise<void> {
  await tx.query('INSERT INTO visit_events (visit_id, kind, actor, detail) VALUES ($1, $2, $3, $4::jsonb)', [visitId, kind, actor, JSON.stringify(detail)]);
}
