import type { Server } from 'restify';
import type { JobHandlers } from '../jobs/job-runner';

/** What a capability gives the composition root: its routes, its jobs, and what runs while Rounds does. */
export interface Capability {
  registerRoutes(server: Server): void;
  jobHandlers?: Partial<JobHandlers>;
  /** Once Rounds listens. */
  start?(): Promise<void>;
  /** Before the database closes; must not throw. */
  stop?(): Promise<void>;
}

/** Stopping goes on when a part fails (the database may already be gone): the failure is logged. */
export const warnOnFailure =
  (logger: { warn(obj: object, msg: string): void }, what: string) =>
  (error: unknown): void =>
    logger.warn({ err: error }, `could not stop ${what}`);
