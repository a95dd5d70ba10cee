import type { ClaimedJob, JobQueue, RoundsJob } from '../../domain/shared/jobs';
import { copy, type MemoryJob, type MemoryTables } from './memory-tables';

const waiting = (job: MemoryJob) => job.doneAt === null && job.failedAt === null;

/** The twin of SqlJobQueue over the shared tables: the jobs other twins enqueue are the ones it claims. */
export class MemoryJobQueue implements JobQueue {
  constructor(private readonly tables: MemoryTables) {}

  async claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const due = this.tables.jobs
      .filter((job) => waiting(job) && job.runAt <= now && (job.lockedUntil === null || job.lockedUntil < now))
      .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || Number(a.id) - Number(b.id))
      .slice(0, limit);
    return due.map((job) => {
      job.lockedUntil = new Date(now.getTime() + leaseMs);
      job.attempts += 1;
      return { id: job.id, job: copy(job.job), dedupeKey: job.dedupeKey, attempts: job.attempts };
    });
  }

  async renew(claims: readonly { id: string; attempts: number }[], until: Date): Promise<string[]> {
    const renewed: string[] = [];
    for (const job of this.tables.jobs) {
      if (!waiting(job) || job.lockedUntil === null) continue;
      if (!claims.some((claim) => claim.id === job.id && claim.attempts === job.attempts)) continue;
      job.lockedUntil = new Date(until);
      renewed.push(job.id);
    }
    return renewed;
  }

  async complete(id: string): Promise<void> {
    const job = this.find(id);
    if (job) Object.assign(job, { doneAt: this.tables.now(), lockedUntil: null });
  }

  async fail(id: string, reason: string, retryAt: Date | null): Promise<void> {
    const job = this.find(id);
    if (!job) return;
    if (retryAt) Object.assign(job, { runAt: new Date(retryAt), lockedUntil: null, lastError: reason });
    else Object.assign(job, { failedAt: this.tables.now(), lockedUntil: null, lastError: reason });
  }

  async counts(kind: RoundsJob['kind']): Promise<{ done: number; failed: number; waiting: number }> {
    const ofKind = this.tables.jobs.filter((job) => job.job.kind === kind);
    return {
      done: ofKind.filter((job) => job.doneAt !== null).length,
      failed: ofKind.filter((job) => job.failedAt !== null).length,
      waiting: ofKind.filter(waiting).length,
    };
  }

  private find(id: string): MemoryJob | undefined {
    return this.tables.jobs.find((job) => job.id === id);
  }
}
