/**
 * With a bot app id configured, nothing is accepted unauthenticated: the Bot Framework endpoint
 * needs a Bot Connector JWT and the tab API a valid Teams SSO token of the right app and tenant.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { RoundsService } from '../../bot/src/rounds-service';
import { message } from '../support/activities';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { NO_SANDBOX, postActivity, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const APP_ID = SSO_APP_ID;
const TENANT = SSO_TENANT_ID;

let entra: FakeEntra;
let connector: ConnectorStandIn;
let service: RoundsService;

beforeAll(async () => {
  // botbuilder's CloudAdapter writes every refused activity to console.error; the 401s are asserted below.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  entra = await startFakeEntra();
  connector = await startConnectorStandIn();
  service = await startRoundsForTest({ ...signedInDeployment(entra), ...NO_SANDBOX });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
  await entra.close();
});

const me = (token?: string) => fetch(`${service.url}/api/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('/api/messages', () => {
  it('refuses an activity without a Bot Connector token with 401 and sends nothing', async () => {
    const response = await postActivity(service, message(connector.url, 'help'));

    expect(response.status).toBe(401);
    expect(connector.sent).toHaveLength(0);
  });

  it('refuses an activity with a token it did not issue with 401', async () => {
    const response = await postActivity(service, message(connector.url, 'help'), { authorization: `Bearer ${entra.sign({ aud: APP_ID })}` });

    expect(response.status).toBe(401);
    expect(connector.sent).toHaveLength(0);
  });
});

describe('tab API', () => {
  it('says it is not in dev mode and names the app id, without secrets', async () => {
    const body = await (await fetch(`${service.url}/api/client-config`)).json();

    expect(body).toEqual({ devMode: false, appId: APP_ID, version: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain('not-a-real-secret');
  });

  it('refuses a call without a token with 401 and a message', async () => {
    const response = await me();

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/open Rounds from Microsoft Teams/) } });
  });

  it('accepts a valid Teams SSO token and answers who the caller is', async () => {
    const response = await me(entra.sign(ssoClaims(APP_ID, TENANT)));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: 'bbbbbbbb-0000-0000-0000-000000000002', name: 'Dr Lee', tenantId: TENANT });
  });

  it('accepts the v2 audience (the bare app id) too', async () => {
    expect((await me(entra.sign(ssoClaims(APP_ID, TENANT, { aud: APP_ID })))).status).toBe(200);
  });

  it.each([
    ['another app', { aud: 'api://localhost:3978/11111111-1111-1111-1111-111111111111' }],
    ['an issuer that is not Entra ID', { iss: 'https://evil.example/v2.0' }],
    ['an issuer of another tenant than its tid', { iss: 'https://login.microsoftonline.com/99999999-9999-4999-8999-999999999999/v2.0' }],
    ['no user object id', { oid: undefined }],
  ])('refuses a token for %s with 401', async (_case, overrides) => {
    expect((await me(entra.sign(ssoClaims(APP_ID, TENANT, overrides)))).status).toBe(401);
  });

  it('refuses an expired token with 401', async () => {
    expect((await me(entra.sign(ssoClaims(APP_ID, TENANT), { expiresIn: -120 }))).status).toBe(401);
  });

  it('refuses a token signed by an unknown key with 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect((await me(entra.sign(ssoClaims(APP_ID, TENANT), { key: privateKey }))).status).toBe(401);
    expect((await me(entra.sign(ssoClaims(APP_ID, TENANT), { key: privateKey, kid: 'rotated-key' }))).status).toBe(401);
  });

  it('refuses a valid token of another tenant with 403 (single-tenant deployment)', async () => {
    const other = '22222222-3333-4444-8555-666666666666';
    const response = await me(entra.sign(ssoClaims(APP_ID, other)));

    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
  });

  it('refuses a valid user with 403 on a team Rounds is not installed in (membership cannot be confirmed)', async () => {
    const token = entra.sign(ssoClaims(APP_ID, TENANT));
    const put = await fetch(`${service.url}/api/patients/config`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ teamId: 'team-1', channelId: 'chan-1', mode: 'ehr' }),
    });

    expect(put.status).toBe(403);
    expect(((await put.json()) as { error: { message: string } }).error.message).toMatch(/Only members of this team/);
    const lists = await fetch(`${service.url}/api/lists?teamId=team-1&channelId=chan-1`, { headers: { authorization: `Bearer ${token}` } });
    expect(lists.status).toBe(403);
  });

});
