/**
 * Two service instances on one PostgreSQL: a patient waits on one, a clinician admits on the other,
 * and the patient's event stream carries the admission (LISTEN/NOTIFY). Needs DATABASE_URL (CI
 * starts a PostgreSQL server); PGlite is one process's database, so there is no second instance.
 */
import { randomBytes } from 'node:crypto';
import type { RoundsService } from '../../bot/src/rounds-service';
import { createScratchDatabase, postgresUrl } from '../support/postgres';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { patientTokenOf, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

if (!postgresUrl && process.env.CI) throw new Error('CI must set DATABASE_URL: the two-instance lobby test needs PostgreSQL');
const describeWithPostgres = postgresUrl ? describe : describe.skip;

describeWithPostgres('lobby across two instances on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let one: RoundsService;
  let two: RoundsService;

  beforeAll(async () => {
    scratch = await createScratchDatabase(postgresUrl ?? '', { migrated: true });
    // Instances that share a database share the secrets key: it signs the patients' links.
    const env = { DATABASE_URL: scratch.url, SECRETS_KEY: randomBytes(32).toString('base64'), LOBBY_IDENTITY: 'none', ...NO_SANDBOX };
    one = await startRoundsForTest(env);
    two = await startRoundsForTest(env);
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await scratch?.drop();
  });

  it('admits on one instance a patient connected to the other', async () => {
    const visit = await seedVisit(one, { patient: { name: 'Jane Doe' }, start: new Date(Date.now() + 5 * 60_000).toISOString() });
    const token = await patientTokenOf(one, visit.id);

    expect((await api(two, 'POST', `/api/lobby/${token}/check-in`, {})).status).toBe(200);
    const stream = await fetch(`${two.url}/api/lobby/${token}/events`);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const admitted = (async () => {
      while (!seen.includes('"phase":"admitted"')) {
        const { value, done } = await reader.read();
        if (done) return;
        seen += decoder.decode(value);
      }
    })();

    expect((await api(one, 'POST', `/api/me/visits/${visit.id}/admit`)).status).toBe(200);
    await Promise.race([admitted, new Promise((_, reject) => setTimeout(() => reject(new Error('no admission on the other instance within 5 s')), 5000))]);
    expect(seen).toMatch(/"joinUrl":"[^"]*\/rooms\//);
    await reader.cancel();
  });
});
