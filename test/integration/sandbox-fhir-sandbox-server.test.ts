/** The sandbox over real HTTP: discovery, SMART client_credentials, bearer checks, search, batch, paging. */
import { type Bundle, type CapabilityStatement, type Encounter, type Observation, type OperationOutcome, type Patient } from '@medplum/fhirtypes';
import { SANDBOX_FIXTURES, startFhirSandbox, type FhirSandbox } from '../../bot/src/sandbox/start-fhir-sandbox';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const CLIENT_ID = 'rounds-test';
// A ':' and a '+' on purpose: Basic splits at the first colon, and '+' must survive (not become a space).
const CLIENT_SECRET = 's3cr+t:with-colon';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FORM = 'application/x-www-form-urlencoded';

let clock = Date.parse('2025-03-10T09:30:00Z');
let sandbox: FhirSandbox;
let bearer: string;

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function requestToken(init: { authorization?: string; body: Record<string, string> }): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': FORM, ...(init.authorization ? { authorization: init.authorization } : {}) },
    body: new URLSearchParams(init.body).toString(),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function newToken(): Promise<string> {
  const { json } = await requestToken({ authorization: basic(CLIENT_ID, CLIENT_SECRET), body: { grant_type: 'client_credentials', scope: TENANT } });
  return String(json.access_token);
}

async function fhir<T>(path: string, init: RequestInit = {}, token: string | null = bearer): Promise<{ status: number; body: T; headers: Headers }> {
  const url = path.startsWith('http') ? path : `${sandbox.baseUrl}/${path}`;
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(url, { ...init, headers });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

const ids = (bundle: Bundle): (string | undefined)[] => (bundle.entry ?? []).map((entry) => entry.resource?.id);

beforeAll(async () => {
  sandbox = await startFhirSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, patientCount: 40, now: () => clock });
  bearer = await newToken();
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await sandbox.close();
});

describe('discovery documents (no token needed)', () => {
  it('serves an R4 CapabilityStatement with the SMART oauth-uris token URL', async () => {
    const { status, body, headers } = await fhir<CapabilityStatement>('metadata', {}, null);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(body.fhirVersion).toBe('4.0.1');
    const rest = body.rest?.[0];
    expect(rest?.mode).toBe('server');
    expect(rest?.resource?.map((r) => r.type)).toEqual(expect.arrayContaining(['Patient', 'Observation', 'Encounter', 'Coverage']));
    expect(rest?.interaction?.map((i) => i.code)).toContain('batch');
    const oauth = rest?.security?.extension?.find((e) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    expect(oauth?.extension).toEqual([{ url: 'token', valueUri: sandbox.tokenUrl }]);
  });

  it('serves .well-known/smart-configuration with absolute URLs', async () => {
    const { status, body } = await fhir<Record<string, unknown>>('.well-known/smart-configuration', {}, null);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_endpoint: sandbox.tokenUrl,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      capabilities: expect.arrayContaining(['client-confidential-asymmetric', 'client-confidential-symmetric', 'permission-v2']),
      scopes_supported: expect.arrayContaining(['system/Patient.rs', 'system/Observation.read']),
    });
    expect(sandbox.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/token$/);
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
  });
});

describe('token endpoint (client_credentials)', () => {
  beforeEach(() => sandbox.resetCounters());

  it('issues a token to client_secret_basic and records the scope it was sent', async () => {
    const { status, json, headers } = await requestToken({
      authorization: basic(CLIENT_ID, CLIENT_SECRET),
      body: { grant_type: 'client_credentials', scope: `${TENANT} system/Patient.rs` },
    });
    expect(status).toBe(200);
    expect(json).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300, scope: `${TENANT} system/Patient.rs` });
    expect(headers.get('cache-control')).toBe('no-store');
    expect(sandbox.tokenRequests).toEqual([{ clientId: CLIENT_ID, scope: `${TENANT} system/Patient.rs`, authMethod: 'client_secret_basic' }]);
  });

  it('issues a token to client_secret_post', async () => {
    const { status, json } = await requestToken({ body: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: TENANT } });
    expect(status).toBe(200);
    expect(json.token_type).toBe('Bearer');
    expect(sandbox.tokenRequests).toEqual([{ clientId: CLIENT_ID, scope: TENANT, authMethod: 'client_secret_post' }]);
  });

  it('accepts Basic credentials form-encoded as RFC 6749 asks, and grants a default scope when none is asked', async () => {
    const { status, json } = await requestToken({
      authorization: basic(encodeURIComponent(CLIENT_ID), encodeURIComponent(CLIENT_SECRET)),
      body: { grant_type: 'client_credentials' },
    });
    expect(status).toBe(200);
    expect(json.scope).toBe('system/*.rs');
    expect(sandbox.tokenRequests[0]?.scope).toBeNull();
  });

  it('issues random, unguessable tokens', async () => {
    const [a, b] = await Promise.all([newToken(), newToken()]);
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(43);
  });

  it.each([
    ['a wrong secret (basic)', { authorization: basic(CLIENT_ID, 'wrong'), body: { grant_type: 'client_credentials' } }],
    ['a wrong secret (post)', { body: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong' } }],
    ['an unknown client', { body: { grant_type: 'client_credentials', client_id: 'someone-else', client_secret: CLIENT_SECRET } }],
    ['no credentials', { body: { grant_type: 'client_credentials', client_id: CLIENT_ID } }],
  ])('answers 401 invalid_client to %s', async (_case, init) => {
    const { status, json } = await requestToken(init);
    expect(status).toBe(401);
    expect(json).toEqual({ error: 'invalid_client' });
    expect(sandbox.tokenRequests).toEqual([]);
  });

  it('challenges a client that tried Basic', async () => {
    const { headers } = await requestToken({ authorization: basic(CLIENT_ID, 'wrong'), body: { grant_type: 'client_credentials' } });
    expect(headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('answers 400 unsupported_grant_type to another grant', async () => {
    const { status, json } = await requestToken({ authorization: basic(CLIENT_ID, CLIENT_SECRET), body: { grant_type: 'password' } });
    expect(status).toBe(400);
    expect(json).toEqual({ error: 'unsupported_grant_type' });
  });

  it('answers 400 invalid_request to two authentication methods at once', async () => {
    const { status, json } = await requestToken({
      authorization: basic(CLIENT_ID, CLIENT_SECRET),
      body: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
    });
    expect(status).toBe(400);
    expect(json).toEqual({ error: 'invalid_request' });
  });
});

describe('bearer token on FHIR requests', () => {
  it('answers 401 with an OperationOutcome without a token', async () => {
    const { status, body, headers } = await fhir<OperationOutcome>('Patient/pat-0001', {}, null);
    expect(status).toBe(401);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers 401 to a token it never issued', async () => {
    expect((await fhir('Patient/pat-0001', {}, 'made-up-token')).status).toBe(401);
  });

  it('answers 401 once the token has expired', async () => {
    const token = await newToken();
    clock += 299_000;
    expect((await fhir('Patient/pat-0001', {}, token)).status).toBe(200);
    clock += 2_000;
    const { status, body } = await fhir<OperationOutcome>('Patient/pat-0001', {}, token);
    expect(status).toBe(401);
    expect(body.resourceType).toBe('OperationOutcome');
    bearer = await newToken();
  });
});

describe('read and search (Medplum FhirRouter)', () => {
  it('reads a patient, and answers 404 with an OperationOutcome for an unknown one', async () => {
    const found = await fhir<Patient>('Patient/pat-0001');
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(found.body.name?.[0]?.family).toBe('Okafor');
    const missing = await fhir<OperationOutcome>('Patient/pat-9999');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it.each([
    ['name (substring)', 'Patient?name=kafo', [SANDBOX_FIXTURES.first.id]],
    ['given + family', 'Patient?given=Margaret&family=Okafor', [SANDBOX_FIXTURES.first.id]],
    ['a non-ASCII family name', `Patient?family=${encodeURIComponent('Ångström')}`, [SANDBOX_FIXTURES.nonAscii.id]],
    ['a non-ASCII name', `Patient?name=${encodeURIComponent('Nguyễn')}`, ['pat-0007']],
    ['MRN', `Patient?identifier=${SANDBOX_FIXTURES.first.mrn}`, [SANDBOX_FIXTURES.first.id]],
    ['MRN with system', `Patient?identifier=${encodeURIComponent(`https://hospital.example.org/fhir/sid/mrn|${SANDBOX_FIXTURES.mrnNotFirst.mrn}`)}`, [SANDBOX_FIXTURES.mrnNotFirst.id]],
    ['_id', 'Patient?_id=pat-0003', ['pat-0003']],
  ])('finds patients by %s', async (_case, path, expected) => {
    const { status, body } = await fhir<Bundle>(path);
    expect(status).toBe(200);
    expect(body.type).toBe('searchset');
    expect(ids(body)).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it('finds patients by birthdate', async () => {
    const { body } = await fhir<Bundle<Patient>>(`Patient?birthdate=${SANDBOX_FIXTURES.first.birthDate}`);
    expect(ids(body)).toContain(SANDBOX_FIXTURES.first.id);
    expect(body.entry?.every((e) => e.resource?.birthDate === SANDBOX_FIXTURES.first.birthDate)).toBe(true);
  });

  it('searches by POST _search with a form body (what the Patients app sent)', async () => {
    const { status, body } = await fhir<Bundle>('Patient/_search', {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: `family=Okafor&birthdate=${SANDBOX_FIXTURES.first.birthDate}`,
    });
    expect(status).toBe(200);
    expect(ids(body)).toEqual([SANDBOX_FIXTURES.first.id]);
  });

  it('returns a patient’s vital signs, newest first with _sort=-date, for Patient/x and bare ids alike', async () => {
    const all = await fhir<Bundle<Observation>>('Observation?patient=Patient/pat-0001&category=vital-signs');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(5);
    expect(all.body.entry?.every((e) => e.resource?.subject?.reference === 'Patient/pat-0001' && e.resource.category?.[0]?.coding?.[0]?.code === 'vital-signs')).toBe(true);
    const bare = await fhir<Bundle<Observation>>('Observation?patient=pat-0001&category=vital-signs');
    expect(bare.body.total).toBe(all.body.total);

    const newest = await fhir<Bundle<Observation>>('Observation?patient=Patient/pat-0001&category=vital-signs&_sort=-date&_count=1');
    const latest = Math.max(...(all.body.entry ?? []).map((e) => Date.parse(e.resource?.effectiveDateTime ?? '')));
    expect(Date.parse(newest.body.entry?.[0]?.resource?.effectiveDateTime ?? '')).toBe(latest);
  });

  it('returns the admission with located bed and attending', async () => {
    const { body } = await fhir<Bundle<Encounter>>('Encounter?patient=Patient/pat-0001&_sort=-date&_count=1');
    const encounter = body.entry?.[0]?.resource;
    expect(encounter?.status).toBe('in-progress');
    expect(encounter?.location?.[0]?.location.display).toMatch(/^Ward /);
    expect(encounter?.participant?.[0]?.individual?.display).toMatch(/^Dr\. /);
  });

  it('answers 400 to a search parameter Medplum would silently match nothing with', async () => {
    const { status, body } = await fhir<OperationOutcome>('Observation?patient=Patient/pat-0001&sort:desc=date');
    expect(status).toBe(400);
    expect(body.issue[0]?.details?.text).toMatch(/sort/);
  });

  it.each([
    ['POST', 'Patient'],
    ['PUT', 'Patient/pat-0001'],
    ['DELETE', 'Patient/pat-0001'],
  ])('is read-only: %s %s answers 405', async (method, path) => {
    const { status, body } = await fhir<OperationOutcome>(path, {
      method,
      headers: { 'content-type': 'application/fhir+json' },
      body: method === 'DELETE' ? undefined : JSON.stringify({ resourceType: 'Patient', id: 'pat-0001' }),
    });
    expect(status).toBe(405);
    expect(body.resourceType).toBe('OperationOutcome');
    expect((await fhir<Patient>('Patient/pat-0001')).body.name?.[0]?.family).toBe('Okafor');
  });
});

describe('batch Bundles', () => {
  const searchesFor = (patient: string): string[] => [
    `Observation?patient=${patient}&category=vital-signs&_sort=-date`,
    `Encounter?patient=${patient}&_sort=-date&_count=1`,
    `Condition?patient=${patient}&_count=10`,
    `AllergyIntolerance?patient=${patient}`,
    `MedicationRequest?patient=${patient}&intent=order&status=active`,
  ];
  const batch = (urls: string[], method = 'GET'): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method, url } })) }),
  });

  it('answers one entry per request, in order, for several searches over several patients', async () => {
    const patients = ['Patient/pat-0001', 'Patient/pat-0002', 'Patient/pat-0005'];
    const urls = [...patients.flatMap(searchesFor), 'Patient/pat-0002'];
    const { status, body } = await fhir<Bundle>('', batch(urls));
    expect(status).toBe(200);
    expect(body.type).toBe('batch-response');
    expect(body.entry).toHaveLength(urls.length);
    expect(body.entry?.every((e) => e.response?.status.startsWith('200'))).toBe(true);
    patients.forEach((patient, p) => {
      const vitals = body.entry?.[p * 5]?.resource as Bundle<Observation>;
      expect(vitals.type).toBe('searchset');
      expect(vitals.entry?.every((e) => e.resource?.subject?.reference === patient && e.fullUrl?.startsWith(sandbox.baseUrl))).toBe(true);
      const encounters = body.entry?.[p * 5 + 1]?.resource as Bundle<Encounter>;
      expect(encounters.entry?.[0]?.resource?.subject?.reference).toBe(patient);
    });
    expect(body.entry?.at(-1)?.resource).toMatchObject({ resourceType: 'Patient', id: 'pat-0002' });
  });

  it('pages searches inside a batch too', async () => {
    const { body } = await fhir<Bundle>('', batch(['Observation?patient=Patient/pat-0001&_count=2']));
    const page = body.entry?.[0]?.resource as Bundle;
    expect(page.entry).toHaveLength(2);
    expect(page.link?.find((l) => l.relation === 'next')?.url).toContain('_offset=2');
  });

  it('answers refused entries on their own and still runs the rest', async () => {
    const { status, body } = await fhir<Bundle>('', batch(['Patient?name=Okafor', 'Patient?bogus=1', 'Nothing/here/at/all', 'Patient/pat-9999']));
    expect(status).toBe(200);
    expect(body.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(['200', '400', '404', '404']);
    expect(body.entry?.[1]?.response?.outcome?.resourceType).toBe('OperationOutcome');
    const writes = await fhir<Bundle>('', batch(['Patient'], 'POST'));
    expect(writes.body.entry?.[0]?.response?.status).toBe('405');
  });

  it('refuses a transaction and a body that is not JSON', async () => {
    const transaction = await fhir<OperationOutcome>('', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: 'Patient' } }] }),
    });
    expect(transaction.status).toBe(400);
    const garbage = await fhir<OperationOutcome>('', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.resourceType).toBe('OperationOutcome');
  });
});

describe('paging', () => {
  it('gives _count=10 a next link that, followed, walks every page and then stops', async () => {
    let next: string | undefined = 'Patient?_count=10';
    const seen: (string | undefined)[] = [];
    let pages = 0;
    while (next) {
      const { status, body }: { status: number; body: Bundle } = await fhir<Bundle>(next);
      expect(status).toBe(200);
      expect(body.total).toBe(40);
      expect(body.entry?.every((e) => e.fullUrl === `${sandbox.baseUrl}/Patient/${e.resource?.id ?? ''}`)).toBe(true);
      seen.push(...ids(body));
      next = body.link?.find((l) => l.relation === 'next')?.url;
      pages++;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(40);
  });

  it('pages a POST _search with GET next links', async () => {
    const { body } = await fhir<Bundle>('Observation/_search', {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'patient=Patient/pat-0001&_count=3',
    });
    const next = body.link?.find((l) => l.relation === 'next')?.url ?? '';
    expect(next).toMatch(/\/fhir\/Observation\?patient=Patient%2Fpat-0001&_count=3&_offset=3$/);
    const second = await fhir<Bundle>(next);
    expect(ids(second.body)).toHaveLength(3);
    expect(ids(second.body)).not.toEqual(ids(body));
  });

  it('answers 400 to a _count that is not a number', async () => {
    expect((await fhir('Patient?_count=ten')).status).toBe(400);
  });
});
