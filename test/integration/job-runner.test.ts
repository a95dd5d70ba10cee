/**
 * The job table under real databases: a job runs once even with two runners (two service instances)
 * on one PostgreSQL, a job due later waits for its time, and a failing job is retried with backoff
 * and then parked. PGlite always; PostgreSQL too when DATABASE_URL is set.
 */
import path from 'node:path';
import pino from 'pino';
import type { Database } from '../../bot/src/storage/database';
import { JobRunner, RetryLater, type JobHandlers } from '../../bot/src/jobs/job-runner';
import { openDatabase } from '../../bot/src/storage/open-database';
import { insertJobs, SqlJobQueue } from '../../bot/src/storage/sql-job-queue';
import type { ScheduledJob } from '../../bot/src/domain/shared/jobs';
import { makeDataDir } from '../support/rounds-under-test';
import { copyMigratedPglite } from '../support/pglite-template';
import { createScratchDatabase, postgresUrl } from '../support/postgres';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const silent = pino({ level: 'silent' });
const T0 = new Date('2026-11-24T09:00:00Z');

const cardJob = (visitId: string, runAt = T0): ScheduledJob => ({ job: { kind: 'visit.card', visitId, version: 2 }, runAt, dedupeKey: `card:${visitId}` });

function recordingHandlers(seen: string[], behaviour: (visitId: string) => Promise<void> = async () => undefined): Partial<JobHandlers> {
  return {
    'visit.card': async (job) => {
      seen.push(job.visitId);
      await behaviour(job.visitId);
    },
  };
}

const backends: [string, () => Promise<{ open: () => Promise<Database>; drop: () => Promise<void> }>][] = [
  [
    'PGlite',
    async () => {
      const dir = path.join(await makeDataDir(), 'pglite');
      await copyMigratedPglite(dir);
      let shared: Database | null = null;
      // PGlite is one process's database: "two instances" share the handle.
      return { open: async () => (shared ??= await openDatabase({ kind: 'pglite', dataDir: dir }, () => undefined)), drop: async () => shared?.close() };
    },
  ],
];
if (postgresUrl) {
  const adminUrl = postgresUrl;
  backends.push([
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase(adminUrl);
      const opened: Database[] = [];
      return {
        open: async () => {
          const db = await openDatabase({ kind: 'postgres', url: scratch.url }, () => undefined);
          opened.push(db);
          return db;
        },
        drop: async () => {
          for (const db of opened) await db.close();
          await scratch.drop();
        },
      };
    },
  ]);
}

describe.each(backends)('job runner on %s', (_name, makeBackend) => {
  let backend: Awaited<ReturnType<typeof makeBackend>>;
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    backend = await makeBackend();
    first = await backend.open();
    second = await backend.open();
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(() => backend.drop());

  it('runs each job once when two instances race for it', async () => {
    const seen: string[] = [];
    const slow = async () => new Promise<void>((resolve) => setTimeout(resolve, 20));
    const a = new JobRunner(first, recordingHandlers(seen, slow), silent, { now: () => T0 });
    const b = new JobRunner(second, recordingHandlers(seen, slow), silent, { now: () => T0 });
    const ids = Array.from({ length: 12 }, (_, i) => `race-${i}`);
    await first.transaction((tx) => insertJobs(tx, ids.map((id) => cardJob(id))));
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranA + ranB).toBe(12);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('drops a second job with the same dedupe key', async () => {
    const seen: string[] = [];
    await first.transaction((tx) => insertJobs(tx, [cardJob('dup'), cardJob('dup')]));
    await second.transaction((tx) => insertJobs(tx, [cardJob('dup')]));
    await new JobRunner(first, recordingHandlers(seen), silent, { now: () => T0 }).runDue();
    expect(seen).toEqual(['dup']);
  });

  it('leaves a job due later until the clock reaches it', async () => {
    const seen: string[] = [];
    let now = T0;
    const runner = new JobRunner(first, recordingHandlers(seen), silent, { now: () => now });
    await first.transaction((tx) => insertJobs(tx, [cardJob('later', new Date(T0.getTime() + 3_600_000))]));
    await runner.runDue();
    expect(seen).toEqual([]);
    now = new Date(T0.getTime() + 3_600_001);
    await runner.runDue();
    await runner.runDue();
    expect(seen).toEqual(['later']);
  });

  it('retries a failing job after its backoff, then parks it as failed', async () => {
    const seen: string[] = [];
    let now = T0;
    const failing = async () => {
      throw new RetryLater(60_000);
    };
    const runner = new JobRunner(first, recordingHandlers(seen, failing), silent, { now: () => now, maxAttempts: 2 });
    await first.transaction((tx) => insertJobs(tx, [cardJob('flaky')]));
    await runner.runDue();
    await runner.runDue();
    expect(seen).toEqual(['flaky']);
    now = new Date(T0.getTime() + 60_001);
    await runner.runDue();
    now = new Date(T0.getTime() + 10 * 3_600_000);
    await runner.runDue();
    expect(seen).toEqual(['flaky', 'flaky']);
    const rows = await first.query<{ failed_at: Date | null; last_error: string }>("SELECT failed_at, last_error FROM jobs WHERE dedupe_key = 'card:flaky'");
    expect(rows[0]?.failed_at).not.toBeNull();
    expect(rows[0]?.last_error).toBe('RetryLater');
  });

  it('runs due jobs oldest first, as they were enqueued (a visit’s card before its alerts)', async () => {
    const seen: string[] = [];
    const ids = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e'];
    await first.transaction((tx) => insertJobs(tx, ids.map((id) => cardJob(id))));
    await new JobRunner(first, recordingHandlers(seen), silent, { now: () => T0 }).runDue();
    expect(seen).toEqual(ids);
  });

  it('gives up on a run that outlasts its budget (a call that never gets an answer), goes on with the next job, and retries it later', async () => {
    const seen: string[] = [];
    const neverAnswered = async (visitId: string) => {
      if (visitId === 'hung') await new Promise(() => undefined);
    };
    const runner = new JobRunner(first, recordingHandlers(seen, neverAnswered), silent, { now: () => T0, budgetMs: 50 });
    await first.transaction((tx) => insertJobs(tx, [cardJob('hung'), cardJob('next')]));
    await runner.runDue();
    expect(seen).toEqual(['hung', 'next']);
    const rows = await first.query<{ attempts: number; last_error: string; failed_at: Date | null; done_at: Date | null; run_at: Date | string }>(
      "SELECT attempts, last_error, failed_at, done_at, run_at FROM jobs WHERE dedupe_key = 'card:hung'",
    );
    expect(rows[0]).toMatchObject({ attempts: 1, last_error: 'over_budget', failed_at: null, done_at: null });
    expect(new Date(rows[0]!.run_at).getTime()).toBeGreaterThan(T0.getTime());
  });

  it('wakes a started runner as soon as a job is enqueued, from any instance', async () => {
    const seen: string[] = [];
    const runner = new JobRunner(first, recordingHandlers(seen), silent, { pollMs: 60_000 });
    await runner.start();
    try {
      await second.transaction((tx) => insertJobs(tx, [{ ...cardJob('wake'), runAt: new Date(Date.now() - 1000) }]));
      const deadline = Date.now() + 5000;
      while (!seen.includes('wake') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toContain('wake');
    } finally {
      await runner.stop();
    }
    expect((await new SqlJobQueue(first).counts('visit.card')).failed).toBe(1);
  });
});

describe.each(backends)('job leases on %s', (_name, makeBackend) => {
  let backend: Awaited<ReturnType<typeof makeBackend>>;
  let db: Database;

  beforeAll(async () => {
    backend = await makeBackend();
    db = await backend.open();
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(() => backend.drop());

  it('takes over a job held by a dead instance within 30 s of its last renewal, and runs it once', async () => {
    let now = T0;
    const seen: string[] = [];
    await db.transaction((tx) => insertJobs(tx, [cardJob('orphan')]));
    // The dead instance claimed the job (a 20 s lease, as the runner takes) and then renewed nothing.
    const [held] = await new SqlJobQueue(db).claim(now, 1, 20_000);
    expect(held?.dedupeKey).toBe('card:orphan');

    const survivor = new JobRunner(db, recordingHandlers(seen), silent, { now: () => now });
    now = new Date(T0.getTime() + 19_000);
    await survivor.runDue();
    expect(seen).toEqual([]);

    now = new Date(T0.getTime() + 20_001);
    await survivor.runDue();
    await survivor.runDue();
    expect(seen).toEqual(['orphan']);
    now = new Date(T0.getTime() + 3_600_000);
    await survivor.runDue();
    expect(seen).toEqual(['orphan']);
  });

  it('keeps the lease of a job that runs long alive, so no other instance runs it meanwhile', async () => {
    let now = T0;
    const seen: string[] = [];
    let finish = () => undefined as void;
    const running = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let started = () => undefined as void;
    const hasStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = new JobRunner(
      db,
      recordingHandlers(seen, async () => {
        started();
        await running;
      }),
      silent,
      { now: () => now },
    );
    const other = new JobRunner(db, recordingHandlers(seen), silent, { now: () => now });
    await db.transaction((tx) => insertJobs(tx, [cardJob('long')]));

    const pass = slow.runDue();
    await hasStarted;
    // A minute of work, renewed every 5 s as the heartbeat does.
    for (let t = 5_000; t <= 60_000; t += 5_000) {
      now = new Date(T0.getTime() + t);
      await slow.renewLeases();
      await other.runDue();
    }
    expect(seen).toEqual(['long']);

    finish();
    await pass;
    now = new Date(T0.getTime() + 3_600_000);
    await other.runDue();
    expect(seen).toEqual(['long']);
    expect((await new SqlJobQueue(db).counts('visit.card')).done).toBeGreaterThanOrEqual(1);
  });
});
