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
