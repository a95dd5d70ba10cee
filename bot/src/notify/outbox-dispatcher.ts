/**
 * Delivers queued outbox messages through the configured transports. Each claim counts an attempt
 * and locks the row for a while, so a crash mid-send retries later and two instances never send the
 * same row. Logs carry ids, channels and error codes only: never recipients or text.
 */
import type { Logger } from 'pino';
import { toAppError, type AppError } from '../domain/shared/app-error';
import type { EmailTransport, OptOutStore, OutboxMessage, OutboxStore, SmsTransport } from '../domain/notifications/notification-types';
import type { NotifyChannel } from '../domain/visits/visit-types';
import { icsMethod } from './ics';

export interface DispatcherOptions {
  pollIntervalMs: number;
  batchSize: number;
  /** Attempts before a message that keeps failing is marked failed. */
  maxAttempts: number;
  /** Wait before the next try after `attempts` failed tries. */
  backoffMs: (attempts: number) => number;
  /** How long a claimed message stays locked to this instance. */
  lockMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  pollIntervalMs: 5_000,
  batchSize: 20,
  maxAttempts: 6,
  // 30 s, 1 min, 2 min, 4 min, 8 min: about a quarter of an hour before giving up.
  backoffMs: (attempts) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000),
  lockMs: 120_000,
};

export interface DispatcherDeps {
  outbox: OutboxStore;
  optOuts: OptOutStore;
  email: EmailTransport | null;
  sms: SmsTransport | null;
  logger: Logger;
  now?: () => Date;
  options?: Partial<DispatcherOptions>;
}

const RETRYABLE: ReadonlySet<AppError['code']> = new Set(['rate_limited', 'unavailable', 'internal']);

export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;

  constructor(private readonly deps: DispatcherDeps) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options };
    this.now = deps.now ?? (() => new Date());
  }

  /** Channels this instance can deliver; messages of the others stay queued for one that can. */
  get channels(): NotifyChannel[] {
    return [...(this.deps.email ? (['email'] as const) : []), ...(this.deps.sms ? (['sms'] as const) : [])];
  }

  start(): void {
    if (!this.stopped || this.channels.length === 0) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Claims and delivers one batch; returns how many messages it handled. Runs are never concurrent. */
  runOnce(): Promise<number> {
    if (this.running) return this.running;
    const run = this.deliverBatch().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce()
        .catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'outbox dispatch failed');
          return 0;
        })
        // A full batch suggests more are due: go again at once.
        .then((handled) => this.schedule(handled >= this.options.batchSize ? 0 : this.options.pollIntervalMs))
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbox dispatch could not reschedule'));
    }, delayMs);
    this.timer.unref();
  }

  private async deliverBatch(): Promise<number> {
    const now = this.now();
    const claimed = await this.deps.outbox.claimDue(now, { limit: this.options.batchSize, channels: this.channels, lockUntil: new Date(now.getTime() + this.options.lockMs) });
    for (const message of claimed) await this.deliver(message);
    return claimed.length;
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const log = { messageId: message.id, channel: message.channel, attempts: message.attempts };
    try {
      if (message.channel === 'sms') {
        await this.deliverSms(message);
      } else {
        await this.deliverEmail(message);
      }
    } catch (error) {
      const failure = toAppError(error);
      const retry = RETRYABLE.has(failure.code) && message.attempts < this.options.maxAttempts;
      if (retry) {
        await this.deps.outbox.markRetry(message.id, new Date(this.now().getTime() + this.options.backoffMs(message.attempts)), failure.userMessage);
        this.deps.logger.warn({ ...log, code: failure.code, err: failure.cause ?? failure }, 'patient message not delivered; will retry');
      } else {
        await this.deps.outbox.markFailed(message.id, failure.userMessage);
        this.deps.logger.error({ ...log, code: failure.code, err: failure.cause ?? failure }, 'patient message failed');
      }
    }
  }

  private async deliverSms(message: OutboxMessage): Promise<void> {
    const sms = this.deps.sms;
    if (!sms) throw new Error('no SMS transport');
    // The patient may have answered STOP after this message was queued.
    if (await this.deps.optOuts.isOptedOut(message.recipient)) {
      await this.deps.outbox.markSuppressed(message.id, 'The number has opted out of text messages.');
      this.deps.logger.info({ messageId: message.id, channel: 'sms' }, 'patient message suppressed: opted out');
      return;
    }
    const result = await sms.send({ to: message.recipient, body: message.body, idempotencyKey: message.id, firstAttemptAt: message.createdAt });
    if (result.kind === 'opted_out') {
      await this.deps.optOuts.optOut(message.recipient);
      await this.deps.outbox.markSuppressed(message.id, 'The SMS provider reports that the number has unsubscribed.');
      this.deps.logger.info({ messageId: message.id, channel: 'sms' }, 'patient message suppressed: unsubscribed at the provider');
      return;
    }
    await this.deps.outbox.markSent(message.id, result.providerId, this.now());
  }

  private async deliverEmail(message: OutboxMessage): Promise<void> {
    const email = this.deps.email;
    if (!email) throw new Error('no email transport');
    const result = await email.send({
      to: message.recipient,
      subject: message.subject ?? '',
      text: message.body,
      html: message.html,
      calendar: message.ics ? { method: icsMethod(message.ics), ics: message.ics } : null,
    });
    await this.deps.outbox.markSent(message.id, result.providerId, this.now());
  }
}
