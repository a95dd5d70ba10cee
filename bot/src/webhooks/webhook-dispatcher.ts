/**
 * Relays visit events (the timeline: link opened, device check, checked in, admitted, no-show...) to
 * a configured URL, as the seeds' relay of device results and call data to third-party systems.
 * JSON, one POST per event in order, signed with HMAC-SHA256 over "<timestamp>.<body>"
 * (X-Rounds-Signature: t=<unix seconds>,v1=<hex>), retried with exponential backoff, at least once:
 * receivers deduplicate by X-Rounds-Event-Id. Events carry ids and codes, never patient names.
 */
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { WebhookCursor, WebhookEventRow } from './webhook-cursor';

export interface WebhookConfig {
  url: string;
  secret: string;
}

export interface WebhookDispatcherOptions {
  pollMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const BATCH = 50;
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function eventBody(event: WebhookEventRow): string {
  const at = event.at instanceof Date ? event.at : new Date(event.at);
  return JSON.stringify({ id: String(event.id), type: `visit.${event.kind}`, visitId: event.visit_id, at: at.toISOString(), actor: event.actor, data: event.detail });
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly now: () => Date;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly config: WebhookConfig,
    private readonly cursor: WebhookCursor,
    private readonly logger: Logger,
    private readonly options: WebhookDispatcherOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.fetch = options.fetch ?? fetch;
  }

  async start(): Promise<void> {
    await this.cursor.ensure();
    const tick = () => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'webhook pass failed'))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, this.options.pollMs ?? 2000).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delivers what is due; returns how many events the receiver acknowledged. */
  async runOnce(): Promise<number> {
    const claimed = await this.cursor.claim(this.now(), LEASE_MS, BATCH);
    if (!claimed || claimed.events.length === 0) return 0;
    let delivered = 0;
    for (const event of claimed.events) {
      const problem = await this.deliver(event);
      if (problem) {
        const backoff = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** claimed.attempts);
        if (delivered > 0) await this.cursor.advance(String(claimed.events[delivered - 1]?.id));
        await this.cursor.retryAt(new Date(this.now().getTime() + backoff), problem);
        this.logger.warn({ eventId: String(event.id), problem, attempt: claimed.attempts + 1 }, 'webhook delivery failed; will retry');
        return delivered;
      }
      delivered += 1;
    }
    await this.cursor.advance(String(claimed.events[claimed.events.length - 1]?.id));
    return delivered;
  }

  /** Null when acknowledged (2xx); otherwise a short code for the log and the cursor. */
  private async deliver(event: WebhookEventRow): Promise<string | null> {
    const body = eventBody(event);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    try {
      const response = await this.fetch(this.config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rounds-Webhooks/1',
          'x-rounds-event-id': String(event.id),
          'x-rounds-signature': signature(this.config.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      return response.ok ? null : `http_${response.status}`;
    } catch (error) {
      return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
    }
  }
}
