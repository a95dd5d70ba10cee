/**
 * Every authenticated route, from the service's own route registry, against the credentials an
 * attacker has: none, garbage, a token signed by an unknown key, an expired one, one for another
 * audience, one of another tenant. Each is refused (401, 403, or for the bot endpoint 503 when the
 * token cannot even be checked), and no answer shows the service's insides. A new route is in the
 * table without anyone adding it.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { RouteEntry } from '../../bot/src/http/route-registry';
import type { RoundsService } from '../../bot/src/rounds-service';
import { message } from '../support/activities';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { fillPath, INTERNALS, plausibleSegment } from '../support/route-paths';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const APP_ID = SSO_APP_ID;
const TENANT = SSO_TENANT_ID;
const OTHER_TENANT = '22222222-3333-4444-8555-666666666666';
const INTEGRATION_KEY = 'integration-key-integration-key-integration-key';

let entra: FakeEntra;
let connector: ConnectorStandIn;
let service: RoundsService;

beforeAll(async () => {
  // botbuilder writes refused activities to console.error.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  entra = await startFakeEntra();
  connector = await startConnectorStandIn();
  service = await startRoundsForTest({
    ...NO_SANDBOX,
    ...signedInDeployment(entra),
    INTEGRATION_API_KEY: INTEGRATION_KEY,
    SMS_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'twilio-auth-token',
    TWILIO_FROM: '+15550000000',
    TWILIO_BASE_URL: 'http://127.0.0.1:9',
  });
  // Generous: start-up on a loaded 2-core machine.
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
  await entra.close();
});

type Credential = 'no token' | 'garbage' | 'unknown key' | 'expired' | 'wrong audience' | 'wrong tenant';
const CREDENTIALS: Credential[] = ['no token', 'garbage', 'unknown key', 'expired', 'wrong audience', 'wrong tenant'];

const unknownKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** The Authorization header (or other credential headers) each case sends, for each auth kind. */
function credentialHeaders(auth: RouteEntry['auth'], credential: Credential): Record<string, string> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  switch (auth) {
    case 'sso':
    case 'sso-or-patient-link':
    case 'bot': {
      // Bot Connector tokens are shaped like Entra ones: what matters is who signed them and for whom.
      const claims = auth === 'bot' ? { ...ssoClaims(APP_ID, TENANT), aud: APP_ID, serviceurl: connector.url } : ssoClaims(APP_ID, TENANT);
      switch (credential) {
        case 'no token':
          return {};
        case 'garbage':
          return bearer('eyJhbGciOi.garbage.token');
        case 'unknown key':
          return bearer(entra.sign(claims, { key: unknownKey }));
        case 'expired':
          return bearer(entra.sign(claims, { expiresIn: -300 }));
        case 'wrong audience':
          return bearer(entra.sign({ ...claims, aud: 'api://localhost:3978/11111111-1111-4111-8111-111111111111' }));
        case 'wrong tenant':
          return bearer(entra.sign({ ...claims, tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }));
      }
      break;
    }
    case 'integration-key':
      switch (credential) {
        case 'no token':
          return {};
        case 'garbage':
          return bearer('garbage');
        case 'unknown key':
          return bearer('another-key-another-key-another-key-another-key');
        case 'expired':
          return { authorization: `Basic ${Buffer.from(`x:${INTEGRATION_KEY}`).toString('base64')}` };
        case 'wrong audience':
          return bearer(entra.sign(ssoClaims(APP_ID, TENANT)));
        case 'wrong tenant':
          return bearer(`${INTEGRATION_KEY}x`);
      }
      break;
    case 'twilio-signature':
      switch (credential) {
        case 'no token':
          return {};
        case 'garbage':
          return { 'x-twilio-signature': 'garbage' };
        case 'unknown key':
          return { 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJlIG9mIHRoaXMgcmVxdWVzdA==' };
        case 'expired':
        case 'wrong audience':
        case 'wrong tenant':
          return { 'x-twilio-signature': Buffer.from(credential).toString('base64') };
      }
      break;
    case 'public':
    case 'dev-only':
      return {};
  }
  return {};
}

function bodyFor(entry: RouteEntry): { body?: string; contentType?: string } {
  if (entry.method === 'GET' || entry.method === 'DELETE') return {};
  if (entry.auth === 'bot') return { body: JSON.stringify(message(connector.url, 'help')), contentType: 'application/json' };
  if (entry.auth === 'twilio-signature') return { body: 'From=%2B15551234567&Body=STOP', contentType: 'application/x-www-form-urlencoded' };
  return { body: '{}', contentType: 'application/json' };
}

/** Routes that a caller must prove who they are for (dev-only ones answer 404 outside dev mode: refused too). */
const guarded = () => service.routes.entries.filter((entry) => entry.auth !== 'public');

/**
 * The routes anyone may call. A new route that needs no credential must be added here on purpose;
 * every other route is in the table below without anyone adding it.
 */
const PUBLIC_ROUTES = [
  'GET /',
  // EHRs fetch Rounds' public keys to verify its SMART client assertions.
  'GET /.well-known/jwks.json',
  'GET /api/client-config',
  'GET /api/lobby/:token',
  'GET /api/lobby/:token/events',
  'GET /api/lobby/:token/ping',
  'GET /healthz',
  'GET /lobby/:token',
  'GET /rooms/:roomId',
  'GET /tabs/*',
  'POST /api/lobby/:token/check-in',
  'POST /api/lobby/:token/device-check',
  'POST /api/lobby/:token/feedback',
  'POST /api/lobby/:token/identify',
  'POST /api/lobby/:token/message',
];

it('lets anyone call only the routes meant to be public', () => {
  const open = service.routes.entries.filter((entry) => entry.auth === 'public').map((entry) => `${entry.method} ${entry.path}`);
  expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
});

it('has every authenticated route of the registry in the table', () => {
  const kinds = new Set(guarded().map((entry) => entry.auth));
  expect([...kinds].sort()).toEqual(['bot', 'dev-only', 'integration-key', 'sso', 'sso-or-patient-link', 'twilio-signature']);
  expect(guarded().length).toBeGreaterThan(40);
});

it('refuses every authenticated route for every bad credential, and shows nothing of its insides', async () => {
  const accepted: string[] = [];
  const leaked: string[] = [];
  for (const entry of guarded()) {
    for (const credential of CREDENTIALS) {
      const { body, contentType } = bodyFor(entry);
      const response = await fetch(`${service.url}${fillPath(entry.path, plausibleSegment)}?teamId=team-1&channelId=chan-1`, {
        method: entry.method,
        headers: { ...credentialHeaders(entry.auth, credential), ...(contentType ? { 'content-type': contentType } : {}) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      const allowed = entry.auth === 'bot' ? [401, 503] : entry.auth === 'dev-only' ? [404] : entry.auth === 'sso-or-patient-link' ? [401, 403, 404] : [401, 403];
      if (!allowed.includes(response.status)) accepted.push(`${entry.method} ${entry.path} with ${credential}: ${response.status}`);
      if (INTERNALS.test(text)) leaked.push(`${entry.method} ${entry.path} with ${credential}: ${text.slice(0, 200)}`);
      if (response.status !== 503 && entry.auth !== 'dev-only') {
        // The error body keeps its shape.
        expect(JSON.parse(text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      }
    }
  }
  expect(accepted).toEqual([]);
  expect(leaked).toEqual([]);
  expect(connector.sent).toHaveLength(0);
});

it('refuses a bot token signed by an unknown key with 401 (no text of the error in the body)', async () => {
  const response = await fetch(`${service.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${entra.sign({ aud: APP_ID }, { key: unknownKey })}` },
    body: JSON.stringify(message(connector.url, 'help')),
  });

  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
});

it('answers 503 when a Bot Framework token cannot be checked (OpenID metadata unreachable), without the network error', async () => {
  // A token from the Bot Framework's issuer sends the adapter to fetch its OpenID metadata, which this test machine cannot reach.
  const token = entra.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: connector.url });
  const response = await fetch(`${service.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(message(connector.url, 'help')),
    signal: AbortSignal.timeout(25_000),
  });

  // 401 where the metadata is reachable (the key is unknown to it); 503 where it is not.
  expect([401, 503]).toContain(response.status);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({ error: { code: response.status === 503 ? 'unavailable' : 'unauthenticated', message: expect.any(String) } });
  expect(body).not.toMatch(INTERNALS);
}, 30_000);
