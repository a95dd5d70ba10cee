/**
 * How the gateway behaves when the EHR does not simply answer: token lifetime and refresh, 401s,
 * throttling and outages, timeouts, web pages instead of FHIR, and the connection test's diagnosis
 * of each. Real HTTP against recorded STU3 responses; every request is one the server expected.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../bot/src/domain/shared/app-error';
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import type { GatewayOptions } from '../../bot/src/fhir/fhir-session';
import { closedPort, type FakeEhr, fixture, html, startFakeEhr } from '../support/fake-ehr';
import { selfSignedCertificate } from '../support/self-signed-cert';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SEARCH = 'Patient/_search?birthdate=1951-08-23&_count=10';
const FOUND = { body: fixture('stu3/patient-search-birthdate-1951-08-23.json') };
const NO_SMART = { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not Found</body></html>' };

let ehr: FakeEhr;

beforeEach(async () => {
  ehr = await startFakeEhr();
  ehr.expect('GET', '.well-known/smart-configuration', NO_SMART);
  ehr.expect('GET', 'metadata', { body: fixture('stu3/metadata.json') });
});

afterEach(async () => {
  expect(ehr.unexpected).toEqual([]);
  await ehr.close();
});

const directory = (options: GatewayOptions = {}, baseUrl = ehr.baseUrl) =>
  createFhirPatientDirectory({ baseUrl, clientId: 'rounds', clientSecret: 'secret', tenantId: TENANT }, { caches: createFhirCaches(), ...options });

const search = (patients: ReturnType<typeof directory>) => patients.search({ query: '1951-08-23', limit: 10 });
const searches = () => ehr.fhirRequests().filter((request) => request.path === 'Patient/_search');
const bearerOf = (index: number) => searches()[index]?.headers.authorization;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('access tokens', () => {
  it.each([
    [300, 30],
    [3600, 60],
  ])('reuses a %i s token until %i s before it expires, then gets a new one', async (lifetime, skew) => {
    ehr.token.expiresIn = lifetime;
    ehr.expect('POST', SEARCH, FOUND);
    let now = 1_700_000_000_000;
    const patients = directory({ now: () => now });

    await search(patients);
    now += (lifetime - skew - 1) * 1000;
    await search(patients);
    expect(ehr.tokenRequests()).toHaveLength(1);
    expect(bearerOf(1)).toBe('Bearer tok-1');

    now += 2000;
    await search(patients);
    expect(ehr.tokenRequests()).toHaveLength(2);
    expect(bearerOf(2)).toBe('Bearer tok-2');
  });

  it('asks for one token (and reads metadata once) when five requests need one at the same moment', async () => {
    ehr.token.delayMs = 100;
    ehr.expect('POST', SEARCH, FOUND);
    const patients = directory();

    const results = await Promise.all([1, 2, 3, 4, 5].map(() => search(patients)));

    expect(results.every((found) => found.length === 1)).toBe(true);
    expect(ehr.tokenRequests()).toHaveLength(1);
    expect(ehr.fhirRequests().filter((request) => request.path === 'metadata')).toHaveLength(1);
    expect(searches().map((request) => request.headers.authorization)).toEqual(Array(5).fill('Bearer tok-1'));
  });

  it('after a 401 from the FHIR server, drops the token, gets a new one and retries once', async () => {
    ehr.expect('POST', SEARCH, FOUND);
    const patients = directory();
    await search(patients);
    ehr.revokeTokens();

    expect(await search(patients)).toHaveLength(1);

    expect(ehr.tokenRequests()).toHaveLength(2);
    expect(searches().map((request) => [request.headers.authorization, request.status])).toEqual([
      ['Bearer tok-1', 200],
      ['Bearer tok-1', 401],
      ['Bearer tok-2', 200],
    ]);
  });

  it('does not loop when the FHIR server refuses the fresh token too', async () => {
    ehr.expect('POST', SEARCH, { status: 401, body: fixture('common/outcome-login-401.json') });

    const error = await rejection(search(directory()));

    expect(error).toMatchObject({ code: 'unauthenticated', userMessage: "The EHR refused Rounds' access token (HTTP 401)." });
    expect(searches()).toHaveLength(2);
    expect(ehr.tokenRequests()).toHaveLength(2);
  });

  it.each([
    [401, 'invalid_client'],
    [400, 'invalid_scope'],
  ])('turns a %i (%s) from the token endpoint into "check the client id and secret"', async (status, code) => {
    ehr.token.reply = { status, headers: { 'content-type': 'application/json' }, body: { error: code } };

    const error = await rejection(search(directory()));

    expect(error).toMatchObject({ code: 'unauthenticated', userMessage: "The EHR refused Rounds' credentials (check the client id and secret)." });
    expect(searches()).toHaveLength(0);
  });
});

describe('retries, timeouts and what the EHR answers', () => {
  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    ehr.expect('POST', SEARCH, { status: 429, headers: { 'retry-after': '1' }, body: fixture('common/outcome-throttled-429.json') }, FOUND);
    const started = Date.now();

    expect(await search(directory())).toHaveLength(1);

    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(searches().map((request) => request.status)).toEqual([429, 200]);
  });

  it('understands Retry-After as an HTTP date on a 503', async () => {
    ehr.expect('POST', SEARCH, () => ({ status: 503, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } }), FOUND);

    expect(await search(directory())).toHaveLength(1);
    expect(searches().map((request) => request.status)).toEqual([503, 200]);
  });

  it('gives up after three attempts at a 503 and says the EHR is unavailable', async () => {
    ehr.expect('POST', SEARCH, { status: 503, headers: { 'retry-after': '0' }, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] } });

    const error = await rejection(search(directory()));

    expect(error).toMatchObject({ code: 'unavailable', userMessage: 'The EHR had a problem answering (HTTP 503, transient). Try again later.' });
    expect(searches()).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than a clinician would', async () => {
    ehr.expect('POST', SEARCH, { status: 429, headers: { 'retry-after': '120' } });

    const error = await rejection(search(directory()));

    expect(error.code).toBe('rate_limited');
    expect(searches()).toHaveLength(1);
  });

  it('does not retry other 4xx, and keeps the OperationOutcome’s diagnostics (patient data) out of the message', async () => {
    ehr.expect('POST', SEARCH, { status: 422, body: fixture('common/outcome-too-costly-422.json') });

    const error = await rejection(search(directory()));

    expect(error).toMatchObject({ code: 'validation', userMessage: 'The EHR says this search matches too many records; narrow it down.' });
    expect(error.message).toBe('validation');
    expect(searches()).toHaveLength(1);
  });

  it('gives up on an EHR that does not answer in time, without retrying', async () => {
    ehr.expect('POST', SEARCH, { ...FOUND, delayMs: 1500 });

    const error = await rejection(search(directory({ timeoutMs: 200 })));

    expect(error).toMatchObject({ code: 'unavailable', userMessage: 'The EHR did not answer within 1 second. Try again later.' });
    expect(searches()).toHaveLength(1);
  });

  it('says so when a web page comes back where FHIR JSON was expected', async () => {
    ehr.expect('POST', SEARCH, html('common/portal-login.html'));

    const error = await rejection(search(directory()));

    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toMatch(/^The EHR answered with a web page instead of FHIR data/);
  });

  it('retries a proxy’s 502 page, then names the status', async () => {
    ehr.expect('POST', SEARCH, { ...html('common/gateway-error.html'), status: 502 });

    const error = await rejection(search(directory()));

    expect(error).toMatchObject({ code: 'unavailable', userMessage: 'The EHR had a problem answering (HTTP 502). Try again later.' });
    expect(searches()).toHaveLength(3);
  });

  it('says it cannot reach an EHR whose port is closed', async () => {
    const error = await rejection(search(directory({}, `http://127.0.0.1:${await closedPort()}/fhir`)));

    expect(error).toMatchObject({ code: 'unavailable', userMessage: 'Rounds cannot reach the EHR. Check the FHIR base URL and the network, then try again.' });
  });
});

describe('testConnection', () => {
  const CHECK = 'Patient/_search?identifier=rounds-connection-test&_count=1';

  it('reports the FHIR version when metadata, token and a Patient search all work', async () => {
    ehr.expect('POST', CHECK, { body: fixture('stu3/patient-search-given-black.json') });

    expect(await directory().testConnection()).toEqual({ ok: true, fhirVersion: 'STU3', message: 'FHIR STU3 server, token OK with the client secret (client_secret_post), Patient search OK' });
    expect(ehr.tokenRequests()[0]?.params.get('scope')).toContain(TENANT);
  });

  it('names bad credentials', async () => {
    ehr.token.reply = { status: 401, headers: { 'content-type': 'application/json' }, body: { error: 'invalid_client' } };

    expect(await directory().testConnection()).toEqual({
      ok: false,
      problem: 'bad_credentials',
      message: `The token endpoint (${new URL(ehr.origin).host}) refused Rounds' client id and secret (client_secret_post, HTTP 401). Check both, and that the client may use the client_credentials grant.`,
    });
  });

  it('recognises an address that is not a FHIR server (a web page at /metadata)', async () => {
    ehr.expect('GET', 'metadata', html('common/portal-login.html'));

    expect(await directory().testConnection()).toEqual({
      ok: false,
      problem: 'not_fhir',
      message: `${ehr.baseUrl}/metadata did not return a FHIR CapabilityStatement. Use the FHIR base URL: the metadata address without "/metadata".`,
    });
  });

  it.each(['5.0.0', '0.5.0'])('refuses FHIR %s', async (version) => {
    ehr.expect('GET', 'metadata', { body: { ...(fixture('stu3/metadata.json') as object), fhirVersion: version } });

    expect(await directory().testConnection()).toEqual({
      ok: false,
      problem: 'unsupported_version',
      message: `The server speaks FHIR ${version}; Rounds supports R4 (4.0.x), STU3 (3.0.x) and DSTU2 (1.0.x).`,
    });
  });

  it('reports a FHIR server that publishes no token endpoint as unusable', async () => {
    const metadata = fixture('stu3/metadata.json') as { rest: { security?: unknown }[] };
    for (const rest of metadata.rest) delete rest.security;
    ehr.expect('GET', 'metadata', { body: metadata });

    const report = await directory().testConnection();

    expect(report).toMatchObject({ ok: false, problem: 'not_fhir' });
    expect(report.message).toMatch(/does not say where to get an access token/);
  });

  it('names a refused Patient search', async () => {
    ehr.expect('POST', CHECK, { status: 403, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] } });

    expect(await directory().testConnection()).toEqual({
      ok: false,
      problem: 'search_refused',
      message: "The server issued a token but refused a Patient search (HTTP 403). Grant Rounds' client read access to Patient (system/Patient.read) for this tenant.",
    });
  });

  it('names an unreachable server', async () => {
    const port = await closedPort();

    expect(await directory({}, `http://127.0.0.1:${port}/fhir`).testConnection()).toEqual({
      ok: false,
      problem: 'unreachable',
      message: `Rounds cannot reach 127.0.0.1:${port} (ECONNREFUSED). Check the address, and that the server accepts connections from Rounds.`,
    });
  });

  it('names an untrusted TLS certificate', async () => {
    const server = https.createServer(selfSignedCertificate(), (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await directory({}, `https://127.0.0.1:${port}/fhir`).testConnection()).toEqual({
        ok: false,
        problem: 'tls',
        message: `Rounds does not trust the TLS certificate of 127.0.0.1:${port} (DEPTH_ZERO_SELF_SIGNED_CERT). The server must present a certificate from a public certificate authority, with its intermediate certificates.`,
      });
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
