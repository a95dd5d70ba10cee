/**
 * Runs due jobs from the job table: woken by NOTIFY when a job is enqueued (on any instance) and by a
 * poll for jobs that come due later (reminders). A failing job is retried with exponential backoff,
 * then parked as failed; its error is logged as a code, never as text that could carry patient data.
 * A job that runs past its time budget counts as failed (and is retried), so one call that never gets
 * an answer (the Bot Connector's client has no timeout of its own) cannot hold up every job after it.
 */
import { types } from 'node:util';
import type { Logger } from 'pino';
import type { ClaimedJob, JobQueue, RoundsJob } from '../domain/shared/jobs';
import type { Database } from '../storage/database';
import { JOBS_CHANNEL, SqlJobQueue } from '../storage/sql-job-queue';

export interface JobMeta {
  dedupeKey: string;
  attempts: number;
}

export type JobHandlers = {
  [K in RoundsJob['kind']]: (job: Extract<RoundsJob, { kind: K }>, meta: JobMeta) => Promise<void>;
};

/** Thrown by a handler that knows when to try again (e.g. a 429 with Retry-After). */
export class RetryLater extends Error {
  constructor(readonly delayMs: number) {
    super('retry_later');
    this.name = 'RetryLater';
  }
}

export interface JobRunnerOptions {
  pollMs?: number;
  /** How long a claim holds a job without renewal: a dead instance's jobs are taken over after it (plus a poll). */
  leaseMs?: number;
  /** How often the leases of running jobs are renewed (a quarter of the lease by default). */
  heartbeatMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  /** How long one run of a job may take before it counts as failed. */
  budgetMs?: number;
  now?: () => Date;
}

const BATCH = 20;

export class JobRunner {
  private readonly queue: JobQueue;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Jobs this runner is running now, by id: their leases are renewed. */
  private readonly inFlight = new Map<string, { id: string; attempts: number }>();
  private readonly options: Required<JobRunnerOptions>;

  constructor(
    private readonly db: Database,
    private readonly handlers: Partial<JobHandlers>,
    private readonly logger: Logger,
    options: JobRunnerOptions = {},
  ) {
    this.queue = new SqlJobQueue(db);
    const leaseMs = options.leaseMs ?? 20_000;
    this.options = { pollMs: 5_000, leaseMs, heartbeatMs: Math.floor(leaseMs / 4), maxAttempts: 8, baseBackoffMs: 15_000, budgetMs: 120_000, now: () => new Date(), ...options };
  }

  /** Renews the leases of the jobs running now (the heartbeat; tests call it with their clock). */
  async renewLeases(): Promise<void> {
    const claims = [...this.inFlight.values()];
    if (claims.length === 0) return;
    await this.queue.renew(claims, new Date(this.options.now().getTime() + this.options.leaseMs));
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.db.listen(JOBS_CHANNEL, () => this.kick());
    this.schedulePoll();
    this.heartbeat = setInterval(() => {
      this.renewLeases().catch((error: unknown) => this.logger.warn({ code: errorCode(error) }, 'job leases could not be renewed'));
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.unlisten?.();
    await this.running;
  }

  /** Waits for the pass in flight (woken by NOTIFY or the poll), then runs whatever is still due. */
  async drain(): Promise<number> {
    while (this.running) await this.running;
    return this.runDue();
  }

  /** Runs everything due now; resolves when the queue has nothing due. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const claimed = await this.queue.claim(this.options.now(), BATCH, this.options.leaseMs);
      if (claimed.length === 0) return ran;
      // The whole batch is ours from the claim on: its leases are renewed until each job is done.
      for (const job of claimed) this.inFlight.set(job.id, { id: job.id, attempts: job.attempts });
      try {
        for (const job of claimed) await this.runOne(job);
      } finally {
        // A pass that broke off (the database went away) holds nothing: the leases lapse and another pass takes over.
        for (const job of claimed) this.inFlight.delete(job.id);
      }
      ran += claimed.length;
    }
  }

  /** Starts a pass now, or one more right after the current pass. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runDue()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'job pass failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedulePoll();
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async runOne(claimed: ClaimedJob): Promise<void> {
    const handler = this.handlers[claimed.job.kind] as ((job: RoundsJob, meta: JobMeta) => Promise<void>) | undefined;
    const log = this.logger.child({ jobId: claimed.id, kind: claimed.job.kind, attempt: claimed.attempts });
    if (!handler) {
      this.inFlight.delete(claimed.id);
      log.error('no handler for job kind');
      await this.queue.fail(claimed.id, 'no_handler', null);
      return;
    }
    try {
      await withinBudget(handler(claimed.job, { dedupeKey: claimed.dedupeKey, attempts: claimed.attempts }), this.options.budgetMs);
      this.inFlight.delete(claimed.id);
      await this.queue.complete(claimed.id);
    } catch (error) {
      this.inFlight.delete(claimed.id);
      const giveUp = claimed.attempts >= this.options.maxAttempts;
      const delay = error instanceof RetryLater ? error.delayMs : this.options.baseBackoffMs * 2 ** (claimed.attempts - 1);
      log.warn({ err: error, giveUp }, giveUp ? 'job failed for good' : 'job failed; will retry');
      await this.queue.fail(claimed.id, errorCode(error), giveUp ? null : new Date(this.options.now().getTime() + delay));
    }
  }
}

/** Thrown when a job's run takes longer than its budget. */
class OverBudget extends Error {
  readonly code = 'over_budget';
  constructor() {
    super('over_budget');
    this.name = 'OverBudget';
  }
}

/** The run, or OverBudget once `ms` pass; a run given up on may still end later, quietly. */
function withinBudget(run: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const over = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new OverBudget()), ms);
  });
  run.catch(() => undefined);
  return Promise.race([run, over]).finally(() => clearTimeout(timer));
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code.slice(0, 60);
  return types.isNativeError(error) ? error.name : 'unknown';
}
