import { AppError } from '../../domain/shared/app-error';
import type { ScheduledJob } from '../../domain/shared/jobs';
import { clinicianKey, visitEnd, type NewVisit, type Visit, type VisitCard, type VisitChanges, type VisitEventRecord, type VisitFilter, type VisitStore } from '../../domain/visits/visit-types';
import { copy, MemoryTables } from './memory-tables';

const CLOSED: readonly Visit['status'][] = ['cancelled', 'completed', 'no_show'];

/**
 * The twin of SqlVisitStore: idempotent creation per tenant and key, optimistic versions, and each
 * change written with its timeline lines and jobs at once (the shared tables stand in for the transaction).
 */
export class MemoryVisitStore implements VisitStore {
  private readonly cardRows: (VisitCard & { seq: number })[] = [];

  constructor(private readonly tables = new MemoryTables()) {}

  async create(visit: NewVisit, idempotencyKey: string | null): Promise<{ visit: Visit; created: boolean }> {
    if (idempotencyKey !== null) {
      const existing = await this.byIdempotencyKey(visit.tenantId, idempotencyKey);
      if (existing) return { visit: existing, created: false };
    }
    const now = this.tables.now();
    const row: Visit = {
      id: this.tables.nextId(),
      tenantId: visit.tenantId,
      patient: copy(visit.patient),
      start: new Date(visit.start),
      durationMinutes: visit.durationMinutes,
      clinicians: copy(visit.clinicians),
      reason: visit.reason,
      contact: copy(visit.contact),
      notify: [...visit.notify],
      status: 'pending',
      meeting: null,
      origin: copy(visit.origin),
      announceIn: visit.announceIn ?? null,
      visitType: visit.visitType ?? null,
      listEntryId: visit.listEntryId ?? null,
      timeZone: visit.timeZone,
      createdBy: copy(visit.createdBy),
      createdAt: now,
      updatedAt: now,
      version: 1,
      scheduleVersion: 1,
      cancelledAt: null,
      endedAt: null,
      guests: (visit.guests ?? []).map((guest) => ({ id: this.tables.nextId(), ...copy(guest) })),
      admitWhenClinicianJoins: visit.admitWhenClinicianJoins ?? false,
    };
    if (!(row.durationMinutes > 0)) throw new Error('a visit lasts at least a minute');
    this.tables.visits.set(row.id, { ...row, idempotencyKey, clinicianKeys: [...new Set(visit.clinicians.map(clinicianKey))] });
    this.tables.recordEvent({ visitId: row.id, kind: 'created', actor: visit.createdBy.id, detail: { durationMinutes: visit.durationMinutes } });
    return { visit: copy(row), created: true };
  }

  async get(id: string): Promise<Visit | null> {
    const row = this.tables.visits.get(id);
    return row ? toVisit(row) : null;
  }

  async byIdempotencyKey(tenantId: string, key: string): Promise<Visit | null> {
    const row = [...this.tables.visits.values()].find((visit) => visit.tenantId === tenantId && visit.idempotencyKey === key);
    return row ? toVisit(row) : null;
  }

  async update(id: string, expectedVersion: number, changes: VisitChanges, jobs: readonly ScheduledJob[], event?: VisitEventRecord): Promise<Visit> {
    const row = this.tables.visits.get(id);
    if (!row || row.version !== expectedVersion) throw new AppError('conflict', 'Someone else changed this visit at the same moment. Look at it again and retry.');
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as VisitChanges;
    Object.assign(row, copy(defined), { version: row.version + 1, updatedAt: this.tables.now() });
    if (changes.status === 'cancelled') this.tables.recordEvent({ visitId: id, kind: 'cancelled', actor: 'system', detail: {} });
    else if (changes.start !== undefined || changes.durationMinutes !== undefined) {
      this.tables.recordEvent({ visitId: id, kind: 'rescheduled', actor: 'system', detail: { start: row.start.toISOString(), durationMinutes: row.durationMinutes } });
    }
    if (event) this.tables.recordEvent({ visitId: id, kind: event.kind, actor: event.actor, detail: event.detail });
    this.tables.insertJobs(jobs);
    return toVisit(row);
  }

  async enqueue(jobs: readonly ScheduledJob[]): Promise<void> {
    this.tables.insertJobs(jobs);
  }

  async overlapping(tenantId: string, clinicianKeys: readonly string[], start: Date, end: Date, excludeVisitId: string | null): Promise<Visit[]> {
    return this.sorted(
      (visit) =>
        visit.tenantId === tenantId &&
        visit.clinicianKeys.some((key) => clinicianKeys.includes(key)) &&
        !CLOSED.includes(visit.status) &&
        visit.start < end &&
        visitEnd(visit) > start &&
        visit.id !== excludeVisitId,
    );
  }

  async list(filter: VisitFilter): Promise<Visit[]> {
    const personKey = filter.personId ? clinicianKey({ aadObjectId: filter.personId, name: '', email: null }) : null;
    return this.sorted(
      (visit) =>
        visit.tenantId === filter.tenantId &&
        visit.start >= filter.from &&
        visit.start < filter.to &&
        (filter.includeCancelled === true || visit.status !== 'cancelled') &&
        (!filter.channel || (visit.origin.teamId === filter.channel.teamId && visit.origin.channelId === filter.channel.channelId)) &&
        (filter.teamId === undefined || visit.origin.teamId === filter.teamId) &&
        (!filter.listEntryId || visit.listEntryId === filter.listEntryId) &&
        (personKey === null || visit.createdBy.id === filter.personId || visit.clinicianKeys.includes(personKey)),
    );
  }

  async cards(visitId: string): Promise<VisitCard[]> {
    return this.cardRows
      .filter((card) => card.visitId === visitId)
      .sort((a, b) => a.seq - b.seq)
      .map(({ visitId: id, conversationId, activityId }) => ({ visitId: id, conversationId, activityId }));
  }

  async saveCard(card: VisitCard): Promise<void> {
    this.tables.requireVisit(card.visitId);
    const existing = this.cardRows.find((row) => row.visitId === card.visitId && row.conversationId === card.conversationId);
    if (existing) existing.activityId = card.activityId;
    else this.cardRows.push({ ...card, seq: this.tables.nextSequence() });
  }

  private sorted(where: (visit: Visit & { clinicianKeys: string[] }) => boolean): Visit[] {
    return [...this.tables.visits.values()]
      .filter(where)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : 1))
      .map(toVisit);
  }
}

function toVisit(row: Visit & { idempotencyKey: string | null; clinicianKeys: string[] }): Visit {
  const { idempotencyKey: _key, clinicianKeys: _keys, ...visit } = row;
  return copy(visit);
}
