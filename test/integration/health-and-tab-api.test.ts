/** The service's HTTP surface in dev mode (no BOT_ID): health, the tab API, the built pages. */
import type { RoundsService } from '../../bot/src/rounds-service';
import { EMBEDDED_DATABASE, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let service: RoundsService;

beforeAll(async () => {
  service = await startRoundsForTest(EMBEDDED_DATABASE);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

const putConfig = (body: unknown) =>
  fetch(`${service.url}/api/patients/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it('listens on loopback only in dev mode', () => {
  expect(new URL(service.url).hostname).toBe('127.0.0.1');
});

it('reports healthy with the database up', async () => {
  const response = await fetch(`${service.url}/healthz`);

  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'up', backend: 'pglite' } });
});

it('says it is in dev mode, with no app id', async () => {
  expect(await (await fetch(`${service.url}/api/client-config`)).json()).toEqual({ devMode: true, appId: null, version: expect.any(String) });
});

it('saves and reads back a channel’s Patients mode', async () => {
  expect(await (await fetch(`${service.url}/api/patients/config?teamId=t1&channelId=c1`)).json()).toMatchObject({ mode: null });

  const saved = await putConfig({ teamId: 't1', channelId: 'c1', mode: 'manual' });
  expect(saved.status).toBe(200);

  expect(await (await fetch(`${service.url}/api/patients/config?teamId=t1&channelId=c1`)).json()).toMatchObject({
    teamId: 't1',
    channelId: 'c1',
    mode: 'manual',
    updatedBy: 'dev-user',
  });
});

it.each([
  [{ teamId: 't1', channelId: 'c2', mode: 'fax' }, 'mode', "mode must be 'ehr' or 'manual'"],
  [{ teamId: 't1', mode: 'ehr' }, 'channelId', 'channelId is required'],
  [{ teamId: '  ', channelId: 'c2', mode: 'ehr' }, 'teamId', 'teamId is required'],
])('refuses bad settings with 400 naming the field, and saves nothing (%j)', async (body, field, message) => {
  const response = await putConfig(body);

  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: { code: 'validation', field, message } });
  expect(await (await fetch(`${service.url}/api/patients/config?teamId=t1&channelId=c2`)).json()).toMatchObject({ mode: null });
});

it('serves the built tab pages, frameable by Teams only', async () => {
  const response = await fetch(`${service.url}/tabs/patients-config.html`);

  expect(response.status).toBe(200);
  expect(await response.text()).toMatch(/<div id="root">/);
  expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
});

it('answers 404 with a JSON error for an unknown route, without echoing the path', async () => {
  const response = await fetch(`${service.url}/api/patients/Jane-Doe`);

  expect(response.status).toBe(404);
  const body = await response.json();
  expect(body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  expect(JSON.stringify(body)).not.toContain('Jane');
});

it('reports 503 when the database is down', async () => {
  await service.db.close();

  const response = await fetch(`${service.url}/healthz`);

  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ status: 'degraded', database: { status: 'down' } });
});
