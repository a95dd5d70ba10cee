/** The webhook dispatcher's port: its place in the visits' timeline, claimed under a lease. */

export type WebhookEventRow = {
  id: string;
  visit_id: string;
  kind: string;
  at: Date | string;
  actor: string;
  detail: Record<string, unknown>;
};

export interface WebhookCursor {
  /** Starts at the newest event when the webhook is first configured: history is not replayed. */
  ensure(): Promise<void>;
  /** The events after the cursor (oldest first, up to `limit`), when the lease was free and no backoff is pending; null otherwise. */
  claim(now: Date, leaseMs: number, limit: number): Promise<{ events: WebhookEventRow[]; attempts: number } | null>;
  /** Moves past `lastEventId` (acknowledged), clearing the attempts and the lease. */
  advance(lastEventId: string): Promise<void>;
  /** Counts a failed attempt and waits until `next`. */
  retryAt(next: Date, reason: string): Promise<void>;
}
