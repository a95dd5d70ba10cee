/**
 * SMART Backend Services end to end: Rounds' gateway signs client assertions (private_key_jwt), the
 * local FHIR sandbox checks them against a JWKS served over HTTP exactly as a hospital's server would
 * (kid, alg, iss, sub, aud, exp, jti replay), refuses bad ones with the OAuth error shape, and grants
 * scopes; parts the token was not granted come back "not permitted".
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import { configuredKeyring, type FhirKeyring, storedKeyring } from '../../bot/src/secrets/fhir-signing-keys';
import { createSecretBox } from '../../bot/src/secrets/secret-box';
import { type FhirSandbox, SANDBOX_FIXTURES, startFhirSandbox } from '../../bot/src/sandbox/start-fhir-sandbox';
import { SqlSigningKeyStore } from '../../bot/src/storage/sql-signing-key-store';
import { storageBackends } from '../support/storage-backends';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const CLIENT_ID = 'rounds-backend';
const TENANT = '3f0c9a56-8d2e-4b71-a0c4-5e6f7a8b9c0d';
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

let clock = Date.parse('2026-12-07T03:00:00Z');
const now = () => clock;
/** The key set the JWKS server publishes: swapped by tests. */
let published: FhirKeyring;
let jwksServer: http.Server;
let jwksUrl: string;
let sandbox: FhirSandbox;
let grant: (requested: string) => string = (requested) => requested;

/** Token request bodies the gateway sent, in order. */
const tokenForms: URLSearchParams[] = [];
/** FHIR request bodies (batches) the gateway sent. */
const fhirBodies: string[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  // The gateway passes a URL string and a string body.
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const body = typeof init?.body === 'string' ? init.body : '';
  if (url === sandbox.tokenUrl) tokenForms.push(new URLSearchParams(body));
  else if (body !== '') fhirBodies.push(body);
  return fetch(input, init);
};

beforeAll(async () => {
  published = await configuredKeyring(rsaPem);
  jwksServer = http.createServer((_req, res) => {
    void published.jwks().then((jwks) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  sandbox = await startFhirSandbox({ clientId: CLIENT_ID, clientSecret: 'also-a-secret', patientCount: 20, now, jwksUrl, grantScope: (requested) => grant(requested) });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
});

beforeEach(() => {
  // A fresh key-set cache per test, as the published keys change between tests.
  sandbox.setJwksUrl(jwksUrl);
  sandbox.resetCounters();
  tokenForms.length = 0;
  fhirBodies.length = 0;
  grant = (requested) => requested;
});

const directory = (keyring: FhirKeyring) =>
  createFhirPatientDirectory(
    { baseUrl: sandbox.baseUrl, clientId: CLIENT_ID, clientSecret: '', tenantId: TENANT, authMethod: 'private_key_jwt' },
    { keyring, now, caches: createFhirCaches(), fetch: recordingFetch },
  );

describe('the gateway with private_key_jwt', () => {
  it('sends grant_type, scope and a signed assertion, no secret, and the sandbox grants a token for it', async () => {
    const keyring = await configuredKeyring(rsaPem);
    published = keyring;

    const found = await directory(keyring).search({ query: SANDBOX_FIXTURES.first.mrn, limit: 5 });

    expect(found.map((patient) => patient.id)).toEqual([SANDBOX_FIXTURES.first.id]);
    expect(tokenForms).toHaveLength(1);
    const form = tokenForms[0]!;
    expect([...form.keys()].sort()).toEqual(['client_assertion', 'client_assertion_type', 'grant_type', 'scope']);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('scope')).toMatch(new RegExp(`^${TENANT} system/Patient\\.rs `));
    const claims = decodeJwt(form.get('client_assertion')!);
    expect(claims).toMatchObject({ iss: CLIENT_ID, sub: CLIENT_ID, aud: sandbox.tokenUrl });
    expect(typeof claims.aud).toBe('string');
    expect(decodeProtectedHeader(form.get('client_assertion')!)).toEqual({ alg: 'RS384', kid: (await keyring.jwks()).keys[0]!.kid, typ: 'JWT' });
    expect(sandbox.tokenRequests).toEqual([{ clientId: CLIENT_ID, scope: form.get('scope'), authMethod: 'private_key_jwt' }]);
  });

  it('puts a new assertion (a new jti) in every token request', async () => {
    const keyring = await configuredKeyring(rsaPem);
    published = keyring;

    await directory(keyring).search({ query: SANDBOX_FIXTURES.first.mrn, limit: 5 });
    await directory(keyring).search({ query: SANDBOX_FIXTURES.first.mrn, limit: 5 });

    const jtis = tokenForms.map((form) => decodeJwt(form.get('client_assertion')!).jti);
    expect(jtis).toHaveLength(2);
    expect(new Set(jtis).size).toBe(2);
    expect(sandbox.tokenRequests).toHaveLength(2);
  });

  it('signs ES384 with an EC P-384 key, which the sandbox accepts', async () => {
    const keyring = await configuredKeyring(ecPem);
    published = keyring;

    expect(await directory(keyring).testConnection()).toMatchObject({ ok: true, message: expect.stringContaining('private_key_jwt') });
    expect(decodeProtectedHeader(tokenForms[0]!.get('client_assertion')!).alg).toBe('ES384');
  });

  it('marks the parts whose scopes the EHR did not grant "not permitted", and does not ask for them', async () => {
    const keyring = await configuredKeyring(rsaPem);
    published = keyring;
    grant = (requested) => requested.split(' ').filter((scope) => !/^system\/(Observation|Condition)\./.test(scope)).join(' ');

    const summary = (await directory(keyring).summaries([SANDBOX_FIXTURES.first.id])).get(SANDBOX_FIXTURES.first.id);

    expect(summary?.vitals).toEqual({ status: 'not_permitted' });
    // Labs are Observations too: the same scope withholds them.
    expect(summary?.labs).toEqual({ status: 'not_permitted' });
    expect(summary?.conditions).toEqual({ status: 'not_permitted' });
    expect(summary?.encounter.status).toBe('ok');
    expect(summary?.allergies.status).toBe('ok');
    expect(fhirBodies.join('\n')).not.toMatch(/Observation\?|Condition\?/);
    expect(fhirBodies.join('\n')).toMatch(/Encounter\?/);
  });
});

describe('the sandbox refuses a bad assertion as a hospital server would', () => {
  let keyring: FhirKeyring;
  beforeAll(async () => {
    keyring = await configuredKeyring(rsaPem);
  }, SERVICE_START_TIMEOUT_MS);
  beforeEach(() => {
    published = keyring;
  });

  async function assertion(change: { header?: Record<string, unknown>; claims?: Record<string, unknown>; pem?: string } = {}) {
    const key = await (change.pem ? await configuredKeyring(change.pem) : keyring).signingKey();
    const iat = Math.floor(clock / 1000);
    return new SignJWT({ iss: CLIENT_ID, sub: CLIENT_ID, aud: sandbox.tokenUrl, jti: randomUUID(), iat, exp: iat + 240, ...change.claims })
      .setProtectedHeader({ alg: 'RS384', kid: key.kid, typ: 'JWT', ...change.header })
      .sign(key.privateKey);
  }

  async function requestToken(jwt: string) {
    const response = await fetch(sandbox.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'system/Patient.rs',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
      }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, cacheControl: response.headers.get('cache-control') };
  }

  const refused = (description: RegExp) => ({ status: 401, body: { error: 'invalid_client', error_description: expect.stringMatching(description) }, cacheControl: 'no-store' });

  it('accepts a well-formed assertion', async () => {
    expect(await requestToken(await assertion())).toMatchObject({ status: 200, body: { token_type: 'Bearer', scope: 'system/Patient.rs' } });
  });

  it('refuses an aud other than its token endpoint, also as a list', async () => {
    expect(await requestToken(await assertion({ claims: { aud: `${sandbox.baseUrl}/token` } }))).toEqual(refused(/aud/));
    expect(await requestToken(await assertion({ claims: { aud: [sandbox.tokenUrl, 'https://elsewhere.example'] } }))).toEqual(refused(/aud/));
  });

  it('refuses an expired assertion, and one that expires more than five minutes ahead', async () => {
    const iat = Math.floor(clock / 1000);
    expect(await requestToken(await assertion({ claims: { iat: iat - 600, exp: iat - 300 } }))).toEqual(refused(/expired/));
    expect(await requestToken(await assertion({ claims: { exp: iat + 600 } }))).toEqual(refused(/five minutes/));
  });

  it('refuses a replayed jti', async () => {
    const jwt = await assertion();
    expect((await requestToken(jwt)).status).toBe(200);
    expect(await requestToken(jwt)).toEqual(refused(/jti/));
  });

  it('refuses an unknown kid, a missing kid, another algorithm, and another client', async () => {
    expect(await requestToken(await assertion({ pem: ecPem, header: { alg: 'ES384' } }))).toEqual(refused(/kid/));
    expect(await requestToken(await assertion({ header: { kid: undefined } }))).toEqual(refused(/kid/));
    expect(await requestToken(await assertion({ header: { alg: 'RS256' } }))).toEqual(refused(/RS384 or ES384/));
    expect(await requestToken(await assertion({ claims: { iss: 'someone-else', sub: 'someone-else' } }))).toEqual(refused(/iss/));
  });
});

describe.each(storageBackends.slice(0, 1))('key rotation with keys stored in $name', (backend) => {
  it('lists both keys during the overlap: assertions of the old key and, once active, of the new one are accepted', async () => {
    const { db, dispose } = await backend.open();
    try {
      const keyring = storedKeyring({ store: new SqlSigningKeyStore(db), sealer: createSecretBox(Buffer.alloc(32, 7)), now });
      published = keyring;
      const oldKid = (await keyring.signingKey()).kid;
      await keyring.rotate(60 * 60_000);
      const listed = (await keyring.jwks()).keys.map((key) => key.kid);
      expect(listed).toHaveLength(2);

      await directory(keyring).search({ query: SANDBOX_FIXTURES.first.mrn, limit: 5 });
      clock += 60 * 60_000;
      await directory(keyring).search({ query: SANDBOX_FIXTURES.first.mrn, limit: 5 });

      const kids = tokenForms.map((form) => decodeProtectedHeader(form.get('client_assertion')!).kid);
      expect(kids[0]).toBe(oldKid);
      expect(kids[1]).not.toBe(oldKid);
      expect(listed).toContain(kids[1]);
      expect(sandbox.tokenRequests).toHaveLength(2);
    } finally {
      await dispose();
    }
  });
});
