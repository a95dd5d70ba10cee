import type { WebhookCursor, WebhookEventRow } from '../../webhooks/webhook-cursor';
import type { MemoryTables } from './memory-tables';

/** The twin of SqlWebhookCursor over the shared timeline. */
export class MemoryWebhookCursor implements WebhookCursor {
  private cursor: { lastEventId: number; attempts: number; nextTryAt: Date | null; lockedUntil: Date | null; lastError: string | null } | null = null;

  constructor(private readonly tables: MemoryTables) {}

  async ensure(): Promise<void> {
    // No backoff pending (the database's '-infinity').
    this.cursor ??= { lastEventId: Math.max(0, ...this.tables.visitEvents.map((event) => event.id)), attempts: 0, nextTryAt: null, lockedUntil: null, lastError: null };
  }

  async claim(now: Date, leaseMs: number, limit: number): Promise<{ events: WebhookEventRow[]; attempts: number } | null> {
    const cursor = this.cursor;
    if (!cursor || (cursor.nextTryAt !== null && cursor.nextTryAt > now) || (cursor.lockedUntil !== null && cursor.lockedUntil >= now)) return null;
    cursor.lockedUntil = new Date(now.getTime() + leaseMs);
    const events = this.tables.visitEvents
      .filter((event) => event.id > cursor.lastEventId)
      .sort((a, b) => a.id - b.id)
      .slice(0, limit)
      .map((event) => ({ id: String(event.id), visit_id: event.visitId, kind: event.kind, at: new Date(event.at), actor: event.actor, detail: { ...event.detail } }));
    if (events.length === 0) cursor.lockedUntil = null;
    return { events, attempts: cursor.attempts };
  }

  async advance(lastEventId: string): Promise<void> {
    if (this.cursor) Object.assign(this.cursor, { lastEventId: Number(lastEventId), attempts: 0, lockedUntil: null, lastError: null });
  }

  async retryAt(next: Date, reason: string): Promise<void> {
    if (this.cursor) Object.assign(this.cursor, { attempts: this.cursor.attempts + 1, nextTryAt: new Date(next), lockedUntil: null, lastError: reason });
  }
}
