import { connectWithRetry, DatabaseUnreachableError } from './connect-with-retry';
import { openDatabase } from './open-database';

/** A clock that sleeping moves: no real waiting. */
function fakeClock() {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), slept };
}

const failure = (code: string, message = 'connect failed for jane.doe@example.org') => Object.assign(new Error(message), { code });

it('retries a database that is not up yet with backoff, logging the code only, then connects', async () => {
  const clock = fakeClock();
  const warnings: unknown[] = [];
  let calls = 0;
  const db = await connectWithRetry(
    async () => {
      calls += 1;
      if (calls === 1) throw failure('ECONNREFUSED');
      if (calls === 2) throw failure('57P03');
      if (calls === 3) throw new Error('timeout exceeded when trying to connect');
      return 'connected';
    },
    { timeoutMs: 60_000, logger: { warn: (details: unknown) => void warnings.push(details) }, ...clock },
  );

  expect(db).toBe('connected');
  expect(clock.slept).toEqual([500, 1000, 2000]);
  expect(warnings).toEqual([
    { code: 'ECONNREFUSED', attempt: 1, retryInMs: 500 },
    { code: '57P03', attempt: 2, retryInMs: 1000 },
    { code: 'connect_timeout', attempt: 3, retryInMs: 2000 },
  ]);
  expect(JSON.stringify(warnings)).not.toMatch(/jane/);
});

it('gives up after the bounded time with one clear error naming the last code', async () => {
  const clock = fakeClock();
  const error = await connectWithRetry(async () => Promise.reject(failure('ECONNREFUSED')), { timeoutMs: 30_000, ...clock }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(DatabaseUnreachableError);
  expect((error as Error).message).toMatch(/^the database could not be reached \(ECONNREFUSED\) after \d+ attempts in \d+ s$/);
  expect(clock.now()).toBeLessThanOrEqual(30_000);
  expect(Math.max(...clock.slept)).toBeLessThanOrEqual(10_000);
});

it('stops at once on an error that waiting cannot fix (a wrong password)', async () => {
  const clock = fakeClock();
  const error = await connectWithRetry(async () => Promise.reject(failure('28P01')), { timeoutMs: 60_000, ...clock }).catch((e: unknown) => e);

  expect((error as DatabaseUnreachableError).code).toBe('28P01');
  expect(clock.slept).toEqual([]);
});

it('opens nothing and says why when PostgreSQL is not there', async () => {
  const clock = fakeClock();
  const error = await openDatabase({ kind: 'postgres', url: 'postgres://nobody:secret@127.0.0.1:1/rounds' }, () => undefined, { timeoutMs: 3_000, ...clock }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(DatabaseUnreachableError);
  expect((error as Error).message).toMatch(/ECONNREFUSED/);
  expect((error as Error).message).not.toMatch(/secret/);
});
