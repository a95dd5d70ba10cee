/**
 * `npm start` against a PostgreSQL that is not there: start-up retries, logging each error code,
 * then exits after the bounded time with one line that says why (issue 12: "Rounds failed to start:
 * Error" with no reason).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { makeDataDir, NO_SANDBOX } from '../support/rounds-under-test';

const root = path.resolve(__dirname, '..', '..');

it('retries a database that does not answer, then exits with one clear line', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bot/src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      ...NO_SANDBOX,
      PORT: '0',
      DATA_DIR: await makeDataDir(),
      DATABASE_URL: 'postgres://rounds:not-a-password@127.0.0.1:1/rounds',
      DATABASE_CONNECT_TIMEOUT_SECONDS: '3',
      LOG_LEVEL: 'warn',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

  expect(code).toBe(1);
  expect(stderr).toMatch(/^Rounds failed to start: the database could not be reached \(ECONNREFUSED\) after \d+ attempts in \d+ s$/m);
  const retries = stdout.split('\n').filter((line) => line.includes('database not reachable yet'));
  expect(retries.length).toBeGreaterThanOrEqual(2);
  expect(JSON.parse(retries[0]!)).toMatchObject({ code: 'ECONNREFUSED', attempt: 1 });
  expect(stdout + stderr).not.toMatch(/not-a-password/);
}, 30_000);
