/**
 * The outbound webhook's place in visit_events. Claiming takes a lease, so with two instances one
 * delivers at a time; the cursor moves only after the receiver acknowledged, so every event is
 * delivered at least once, in order.
 */
import type { WebhookCursor, WebhookEventRow } from '../webhooks/webhook-cursor';
import type { Database } from './database';

export class SqlWebhookCursor implements WebhookCursor {
  constructor(private readonly db: Database) {}

  async ensure(): Promise<void> {
    await this.db.query(
      "INSERT INTO webhook_cursor (id, last_event_id, next_try_at) SELECT 1, coalesce(max(id), 0), '-infinity' FROM visit_events ON CONFLICT (id) DO NOTHING",
    );
  }

  async claim(now: Date, leaseMs: number, limit: number): Promise<{ events: WebhookEventRow[]; attempts: number } | null> {
    const claimed = await this.db.query<{ last_event_id: string; attempts: number }>(
      `UPDATE webhook_cursor SET locked_until = $2
       WHERE id = 1 AND next_try_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
       RETURNING last_event_id, attempts`,
      [now, new Date(now.getTime() + leaseMs)],
    );
    const cursor = claimed[0];
    if (!cursor) return null;
    const events = await this.db.query<WebhookEventRow>('SELECT id, visit_id, kind, at, actor, detail FROM visit_events WHERE id > $1 ORDER BY id LIMIT $2', [
      cursor.last_event_id,
      limit,
    ]);
    if (events.length === 0) await this.release();
    return { events, attempts: cursor.attempts };
  }

  async advance(lastEventId: string): Promise<void> {
    await this.db.query('UPDATE webhook_cursor SET last_event_id = $1, attempts = 0, locked_until = NULL, last_error = NULL WHERE id = 1', [lastEventId]);
  }

  async retryAt(next: Date, reason: string): Promise<void> {
    await this.db.query('UPDATE webhook_cursor SET attempts = attempts + 1, next_try_at = $1, locked_until = NULL, last_error = $2 WHERE id = 1', [next, reason]);
  }

  private async release(): Promise<void> {
    await this.db.query('UPDATE webhook_cursor SET locked_until = NULL WHERE id = 1');
  }
}
