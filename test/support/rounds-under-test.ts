/** Starts the real service on an ephemeral port with its own embedded database folder. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/src/config';
import { startRounds, type RoundsService } from '../../bot/src/rounds-service';

export async function makeDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'rounds-test-'));
}

export async function startRoundsForTest(env: Record<string, string> = {}): Promise<RoundsService> {
  const dataDir = env.DATA_DIR ?? (await makeDataDir());
  // Tests exercise PGlite here; the PostgreSQL backend is covered by the storage suite.
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ...env });
  return startRounds(config, pino({ level: 'silent' }));
}

export async function postActivity(service: RoundsService, activity: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${service.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}
