/**
 * The state the in-memory twins share, as the SQL stores share one database: the job table (which a
 * visit, message or reply store writes in the same transaction as its change) and a visit's timeline
 * (which the visit store and the lobby store both write). Twins are for tests: fast, no database, the
 * same contract as their SQL counterparts (storage/contract-suites). Pure TypeScript: domain tests use them.
 */
import type { ScheduledJob } from '../../domain/shared/jobs';
import type { TimelineEvent, VisitFeedback } from '../../domain/lobby/lobby-types';
import type { Visit } from '../../domain/visits/visit-types';

export interface MemoryJob extends ScheduledJob {
  id: string;
  attempts: number;
  lockedUntil: Date | null;
  doneAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

export class MemoryTables {
  readonly jobs: MemoryJob[] = [];
  /** visit_events: each line numbered as its bigserial id numbers it. */
  readonly visitEvents: (TimelineEvent & { id: number })[] = [];
  /** visit_feedback, which the lobby twin writes and the figures read. */
  readonly visitFeedback: (VisitFeedback & { visitId: string })[] = [];
  /** The visits table: the lobby twin refuses sessions, events and feedback of a visit that does not exist, as the foreign keys do. */
  readonly visits = new Map<string, Visit & { idempotencyKey: string | null; clinicianKeys: string[] }>();
  private sequence = 0;

  /** `now` stands in for the database's clock (created_at, updated_at, done_at...). */
  constructor(readonly now: () => Date = () => new Date()) {}

  /** A fresh uuid-shaped id, so ids look like the database's and `isUuid` checks treat them alike. */
  nextId(): string {
    this.sequence += 1;
    return `00000000-0000-4000-8000-${this.sequence.toString(16).padStart(12, '0')}`;
  }

  /** A number that orders rows as a bigserial would. */
  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** insertJobs: a duplicate dedupe key is dropped, whatever state the first job is in. */
  insertJobs(jobs: readonly ScheduledJob[]): void {
    for (const { job, runAt, dedupeKey } of jobs) {
      if (this.jobs.some((existing) => existing.dedupeKey === dedupeKey)) continue;
      this.jobs.push({ id: String(this.nextSequence()), job: copy(job), runAt: new Date(runAt), dedupeKey, attempts: 0, lockedUntil: null, doneAt: null, failedAt: null, lastError: null });
    }
  }

  /** advanceJob: a waiting job due later than `at` moves to `at`. */
  advanceJob(dedupeKey: string, at: Date): void {
    const job = this.jobs.find((candidate) => candidate.dedupeKey === dedupeKey && candidate.doneAt === null && candidate.failedAt === null);
    if (job && job.runAt > at) job.runAt = new Date(at);
  }

  /** Jobs neither done nor failed, by dedupe key: what tests look at after a change. */
  waitingJobs(): MemoryJob[] {
    return this.jobs
      .filter((job) => job.doneAt === null && job.failedAt === null)
      .sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0))
      .map((job) => copy(job));
  }

  /** A line on the visit's timeline, at the clock's time unless the writer gives one. */
  recordEvent(event: Omit<TimelineEvent, 'at'>, at: Date = this.now()): void {
    this.requireVisit(event.visitId);
    this.visitEvents.push({ ...copy(event), at: new Date(at), id: this.nextSequence() });
  }

  requireVisit(visitId: string): void {
    if (!this.visits.has(visitId)) throw new Error('no such visit');
  }
}

/**
 * A deep copy of a stored value: what a store hands out or takes in must not share objects with what
 * it keeps, as rows read back from SQL do not.
 */
export function copy<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => copy(item)) as T;
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = copy(item);
    return result as T;
  }
  return value;
}
