/** Starts the real service on an ephemeral port with its own database. */
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../bot/src/config';
import { createLogger } from '../../bot/src/logging';
import { startRounds, type RoundsService, type StartOptions } from '../../bot/src/rounds-service';
import { copyMigratedPglite } from './pglite-template';
import { createScratchDatabase, postgresUrl } from './postgres';
import { makeTempDir } from './test-temp';

/**
 * A configured EHR that is never reached: tests that read no patient from the EHR spare the service
 * starting the local FHIR sandbox (seconds per suite).
 */
export const NO_SANDBOX = { FHIR_BASE_URL: 'http://127.0.0.1:9/fhir', FHIR_CLIENT_ID: 'unused', FHIR_CLIENT_SECRET: 'unused' } as const;

/** A loopback port free right now: for a service whose PUBLIC_URL (links, rooms) must name its real port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function makeDataDir(): Promise<string> {
  return makeTempDir('rounds-data-');
}

/** Every log line the service wrote (JSON text), for tests that check logs carry no patient data. */
export interface CapturedLogs {
  lines: string[];
}

/**
 * The service on embedded PGlite even when the run has a PostgreSQL server: for tests of what PGlite
 * itself shows (its health line, a database closed under the service). A blank DATABASE_URL is unset.
 */
export const EMBEDDED_DATABASE = { DATABASE_URL: '' } as const;

/**
 * The service on PGlite, or, when the run has a PostgreSQL server (DATABASE_URL, as in CI), in a
 * migrated database of its own there: about a second of CPU less per start than PGlite's (measured),
 * and the backend a hospital runs. A test that keeps its data folder across restarts (DATA_DIR) or
 * names its database (DATABASE_URL, EMBEDDED_DATABASE) gets what it asks for.
 */
export async function startRoundsForTest(env: Record<string, string> = {}, logs?: CapturedLogs, options: StartOptions = {}): Promise<RoundsService> {
  const dataDir = env.DATA_DIR ?? (await makeDataDir());
  const scratch = postgresUrl && env.DATA_DIR === undefined && env.DATABASE_URL === undefined ? await createScratchDatabase(postgresUrl, { migrated: true }) : null;
  // The dev user is the built-in Dev Clinician unless a test asks for the Agents Playground's (DEV_USER_FILE).
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, DEV_USER_FILE: 'none', ...(scratch ? { DATABASE_URL: scratch.url } : {}), ...env });
  // A folder with no database yet starts from the migrated template rather than initdb (pglite-template.ts).
  if (config.database.kind === 'pglite' && !(await fs.stat(config.database.dataDir).catch(() => null))) await copyMigratedPglite(config.database.dataDir);
  const logger = logs
    ? createLogger(
        'debug',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logs.lines.push(chunk.toString('utf8'));
            done();
          },
        }),
      )
    : pino({ level: 'silent' });
  const service = await startRounds(config, logger, options);
  if (!scratch) return service;
  // Dropped as the suite closes its service, beside the other suites' work, rather than all at the
  // run's end (its teardown drops only what a suite left).
  return {
    ...service,
    close: async () => {
      await service.close();
      await scratch.drop();
    },
  };
}

export async function postActivity(service: RoundsService, activity: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${service.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

/**
 * Runs the jobs due on the service's clock (`now`) until none is left: the runner's own pass, woken
 * by NOTIFY, may hold some, so it waits for those too.
 */
export async function runJobsUntilIdle(service: RoundsService, now: () => Date = () => new Date()): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await service.runDueJobs();
    const [row] = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $1', [now()]);
    if (row?.n === 0) return;
    if (Date.now() > deadline) throw new Error('jobs still due after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
