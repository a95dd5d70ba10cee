/**
 * How a contract sees the job table under a store that writes jobs in its own transactions (visits,
 * messages, replies): what waits, by dedupe key. Each backend answers it its own way.
 */
import type { ScheduledJob } from '../../domain/shared/jobs';
import type { MemoryTables } from '../memory/memory-tables';

export interface WaitingJob {
  kind: string;
  dedupeKey: string;
  runAt: Date;
}

export interface JobsProbe {
  /** Jobs neither done nor failed, by dedupe key. */
  waiting(): Promise<WaitingJob[]>;
  /** Marks the job with this key done, as a runner would after running it. */
  finish(dedupeKey: string): Promise<void>;
  enqueue(jobs: readonly ScheduledJob[]): Promise<void>;
}

export function memoryJobsProbe(tables: MemoryTables): JobsProbe {
  return {
    waiting: async () => tables.waitingJobs().map((job) => ({ kind: job.job.kind, dedupeKey: job.dedupeKey, runAt: job.runAt })),
    finish: async (dedupeKey) => {
      const job = tables.jobs.find((candidate) => candidate.dedupeKey === dedupeKey);
      if (job) job.doneAt = tables.now();
    },
    enqueue: async (jobs) => tables.insertJobs(jobs),
  };
}
