/**
 * Runs due jobs from the job table: woken by NOTIFY when a job is enqueued (on any instance) and by a
 * poll for jobs that come due later (reminders). A failing job is retried with exponential backoff,
 * then parked as failed; its error is logged as a code, never as text that could carry patient data.
 */
import type { Logger } from 'pino';
import type { RoundsJob } from '../domain/jobs';
import type { Database } from '../storage/database';
import { JOBS_CHANNEL, SqlJobQueue, type ClaimedJob } from '../storage/sql-job-queue';

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
  leaseMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  now?: () => Date;
}

const BATCH = 20;

export class JobRunner {
  private readonly queue: SqlJobQueue;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly options: Required<JobRunnerOptions>;

  constructor(
    private readonly db: Database,
    private readonly handlers: Partial<JobHandlers>,
    private readonly logger: Logger,
    options: JobRunnerOptions = {},
  ) {
    this.queue = new SqlJobQueue(db);
    this.options = { pollMs: 5_000, leaseMs: 120_000, maxAttempts: 8, baseBackoffMs: 15_000, now: () => new Date(), ...options };
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.db.listen(JOBS_CHANNEL, () => this.kick());
    this.schedulePoll();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
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
      for (const job of claimed) await this.runOne(job);
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
      log.error('no handler for job kind');
      await this.queue.fail(claimed.id, 'no_handler', null);
      return;
    }
    try {
      await handler(claimed.job, { dedupeKey: claimed.dedupeKey, attempts: claimed.attempts });
      await this.queue.complete(claimed.id);
    } catch (error) {
      const giveUp = claimed.attempts >= this.options.maxAttempts;
      const delay = error instanceof RetryLater ? error.delayMs : this.options.baseBackoffMs * 2 ** (claimed.attempts - 1);
      log.warn({ err: error, giveUp }, giveUp ? 'job failed for good' : 'job failed; will retry');
      await this.queue.fail(claimed.id, errorCode(error), giveUp ? null : new Date(this.options.now().getTime() + delay));
    }
  }
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code.slice(0, 60);
  return error instanceof Error ? error.name : 'unknown';
}
