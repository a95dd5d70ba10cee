/**
 * The composition root: each capability composes itself (its services, jobs and routes, see
 * composition/) and this assembles them into one service on one HTTP server and one job runner.
 */
import type { Logger } from 'pino';
import { composeLists } from './composition/lists';
import { composeMessages } from './composition/messages';
import { composeNotifications } from './composition/notifications';
import { composePlatform } from './composition/platform';
import { composeTeamsBot } from './composition/teams-bot';
import { composeVisits } from './composition/visits';
import { warnOnFailure, type Capability } from './composition/capability';
import type { Config } from './config';
import { createHttpServer, routeRegistryOf } from './http/create-http-server';
import type { RouteRegistry } from './http/route-registry';
import { registerStaticRoutes } from './http/static-routes';
import { JobRunner, type JobHandlers } from './jobs/job-runner';
import type { Database } from './storage/database';

export interface RoundsService {
  /** Base URL the service listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  db: Database;
  /** The local FHIR sandbox's base URL when no EHR is configured. */
  sandboxUrl: string | null;
  /** Every route the service answers, with its auth kind (the security tests are driven from it). */
  routes: RouteRegistry;
  /** Finishes the job pass in flight and runs every job due now (tests use it instead of waiting for the next pass). */
  runDueJobs(): Promise<number>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The service's clock: tests move it to make reminders come due. */
  now?: () => Date;
}

/** Builds every capability from the configuration and starts listening. */
export async function startRounds(config: Config, logger: Logger, options: StartOptions = {}): Promise<RoundsService> {
  const now = options.now ?? (() => new Date());
  const platform = await composePlatform(config, logger, now);
  const lists = await composeLists(platform);
  const visits = await composeVisits(platform, lists);
  const messages = composeMessages(platform, lists);
  const capabilities: Capability[] = [lists, visits, composeNotifications(platform, visits), messages, composeTeamsBot(platform, visits, messages)];
  const jobHandlers = capabilities.reduce<Partial<JobHandlers>>((all, capability) => ({ ...all, ...capability.jobHandlers }), {});
  const jobs = new JobRunner(platform.db, jobHandlers, logger, { now });

  const server = createHttpServer(logger, { publicUrl: config.publicUrl });
  platform.registerRoutes(server);
  for (const capability of capabilities) capability.registerRoutes(server);
  registerStaticRoutes(server, config.tabsDir, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  await jobs.start();
  for (const capability of capabilities) await capability.start?.();
  const { address, port } = server.address();
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  platform.listening(url);

  return {
    url,
    db: platform.db,
    sandboxUrl: platform.sandboxUrl,
    routes: routeRegistryOf(server),
    runDueJobs: () => jobs.drain(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (and event streams) would hold close() open.
        server.server.closeAllConnections();
      });
      // Shut down everything even when the database is already gone.
      await jobs.stop().catch(warnOnFailure(logger, 'the job runner'));
      for (const capability of capabilities.slice().reverse()) await capability.stop?.();
      await platform.close();
    },
  };
}
