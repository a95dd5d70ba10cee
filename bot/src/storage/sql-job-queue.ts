/**
 * The job table: work that must happen once after a change commits (patient messages, reminders,
 * card updates). Jobs are claimed with FOR UPDATE SKIP LOCKED under a short lease that the runner
 * renews while the job runs, so two service instances on one PostgreSQL never run a job at the same
 * time, and a job held by a crashed instance is taken over as soon as its lease lapses (seconds).
 * Handlers are idempotent, which turns "at least once" into "once".
 */
import type { ClaimedJob, JobQueue, RoundsJob, ScheduledJob } from '../domain/shared/jobs';
import type { Database, Sql } from './database';

export const JOBS_CHANNEL = 'rounds_jobs';

/** Inserts jobs in the caller's transaction; a duplicate dedupe key is dropped. */
export async function insertJobs(tx: Sql, jobs: readonly ScheduledJob[]): Promise<void> {
  for (const { job, runAt, dedupeKey } of jobs) {
    await tx.query('INSERT INTO jobs (kind, payload, dedupe_key, run_at) VALUES ($1, $2::jsonb, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING', [
      job.kind,
      JSON.stringify(job),
      dedupeKey,
      runAt,
    ]);
  }
  // Wakes the runners (on every instance) so work due now does not wait for the next poll.
  if (jobs.length > 0) await tx.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, '']);
}

/** Moves a waiting job (by dedupe key) to `at` when it was due later, in the caller's transaction. */
export async function advanceJob(tx: Sql, dedupeKey: string, at: Date): Promise<void> {
  const moved = await tx.query('UPDATE jobs SET run_at = $2 WHERE dedupe_key = $1 AND done_at IS NULL AND failed_at IS NULL AND run_at > $2 RETURNING id', [dedupeKey, at]);
  if (moved.length > 0) await tx.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, '']);
}

export class SqlJobQueue implements JobQueue {
  constructor(private readonly db: Database) {}

  /** Takes up to `limit` due jobs for `leaseMs`, oldest first (UPDATE ... RETURNING alone keeps no order). */
  async claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const rows = await this.db.query<{ id: string; payload: RoundsJob; dedupe_key: string; attempts: number }>(
      `WITH claimed AS (
         UPDATE jobs SET locked_until = $3, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM jobs
           WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
           ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING id, payload, dedupe_key, attempts, run_at)
       SELECT id, payload, dedupe_key, attempts FROM claimed ORDER BY run_at, id`,
      [now, limit, new Date(now.getTime() + leaseMs)],
    );
    return rows.map((row) => ({ id: String(row.id), job: row.payload, dedupeKey: row.dedupe_key, attempts: row.attempts }));
  }

  /**
   * Keeps the leases of jobs still running alive until `until`: only this claim's (by its attempt
   * number), so a lease that expired and was taken over stays the other runner's. Returns the ids renewed.
   */
  async renew(claims: readonly { id: string; attempts: number }[], until: Date): Promise<string[]> {
    if (claims.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      `UPDATE jobs SET locked_until = $3
       WHERE done_at IS NULL AND failed_at IS NULL AND locked_until IS NOT NULL
         AND (id::text, attempts) IN (SELECT * FROM unnest($1::text[], $2::int[]))
       RETURNING id`,
      [claims.map((claim) => claim.id), claims.map((claim) => claim.attempts), until],
    );
    return rows.map((row) => String(row.id));
  }

  async complete(id: string): Promise<void> {
    await this.db.query('UPDATE jobs SET done_at = now(), locked_until = NULL WHERE id = $1', [id]);
  }

  /** Tries again at `retryAt`, or gives up (null). `reason` is a code, never error text. */
  async fail(id: string, reason: string, retryAt: Date | null): Promise<void> {
    await this.db.query(
      retryAt
        ? 'UPDATE jobs SET run_at = $3, locked_until = NULL, last_error = $2 WHERE id = $1'
        : 'UPDATE jobs SET failed_at = now(), locked_until = NULL, last_error = $2 WHERE id = $1',
      retryAt ? [id, reason, retryAt] : [id, reason],
    );
  }

  /** Jobs of a kind for tests and diagnostics: how many ran, failed or wait. */
  async counts(kind: RoundsJob['kind']): Promise<{ done: number; failed: number; waiting: number }> {
    const rows = await this.db.query<{ done: string; failed: string; waiting: string }>(
      `SELECT count(done_at) AS done, count(failed_at) AS failed, count(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL) AS waiting
       FROM jobs WHERE kind = $1`,
      [kind],
    );
    const row = rows[0];
    return { done: Number(row?.done ?? 0), failed: Number(row?.failed ?? 0), waiting: Number(row?.waiting ?? 0) };
  }
}
