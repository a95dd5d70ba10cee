/** Work done after a change commits, from the job table: none lost, none done twice. */
import type { MessageJob } from '../messages/message-types';
import type { VisitJob } from '../visits/visit-types';

export type RoundsJob = VisitJob | MessageJob;

export interface ScheduledJob {
  job: RoundsJob;
  runAt: Date;
  /** A second job with the same key is dropped: that is what makes a retried change enqueue once. */
  dedupeKey: string;
}

export interface ClaimedJob {
  id: string;
  job: RoundsJob;
  dedupeKey: string;
  /** Including this run. */
  attempts: number;
}

/** The job table as the job runner uses it: claims under a lease, completion, retry or parking. */
export interface JobQueue {
  /** Takes up to `limit` due jobs (the earliest, returned in no particular order) for `leaseMs`; a job under another live lease is not due. */
  claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  /** Renews only the leases still held by these claims (id and attempt); returns the ids renewed. */
  renew(claims: readonly { id: string; attempts: number }[], until: Date): Promise<string[]>;
  complete(id: string): Promise<void>;
  /** Tries again at `retryAt`, or gives up (null). `reason` is a code, never error text. */
  fail(id: string, reason: string, retryAt: Date | null): Promise<void>;
  /** Jobs of a kind for tests and diagnostics: how many ran, failed or wait. */
  counts(kind: RoundsJob['kind']): Promise<{ done: number; failed: number; waiting: number }>;
}
