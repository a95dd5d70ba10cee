/**
 * The FHIR gateway against a recorded STU3 interop partner (the Patients app's STU3 interface): no
 * SMART configuration (token URL from the oauth-uris extension, secret in the body), no `name` search
 * parameter, batch Bundles, `requester.agent`, `grouping`. Every request is one the server was told
 * to expect, over real HTTP.
 */
import { AppError } from '../../bot/src/domain/shared/app-error';
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import type { FhirConnection } from '../../bot/src/fhir/fhir-connection';
import { type FakeEhr, fixture, startFakeEhr } from '../support/fake-ehr';

const NOW = Date.parse('2019-01-15T12:00:00Z');
const AS_OF = '2019-01-15T12:00:00.000Z';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** A server without SMART v2 gets v1 `.read` scopes, one per type Rounds reads. */
const V1_SCOPES = ['Patient', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Medication', 'Coverage'].map((type) => `system/${type}.read`).join(' ');

let ehr: FakeEhr;

beforeEach(async () => {
  ehr = await startFakeEhr();
  // The interop partner has no SMART configuration: its web server answers a 404 page.
  ehr.expect('GET', '.well-known/smart-configuration', { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>' });
  ehr.expect('GET', 'metadata', { body: fixture('stu3/metadata.json') });
});

afterEach(async () => {
  expect(ehr.unexpected).toEqual([]);
  await ehr.close();
});

const connection = (overrides: Partial<FhirConnection> = {}): FhirConnection => ({
  baseUrl: `${ehr.baseUrl}/`,
  clientId: 'rounds-teams',
  clientSecret: 'p@ss word+/=',
  tenantId: TENANT,
  ...overrides,
});

const directory = (overrides: Partial<FhirConnection> = {}) => createFhirPatientDirectory(connection(overrides), { now: () => NOW, caches: createFhirCaches() });

const LAB_CODES = ['2823-3', '2951-2', '2160-0', '3094-0', '2345-7', '718-7', '6690-2', '777-3'].map((code) => `http:%2F%2Floinc.org%7C${code}`).join(',');

/** The STU3 dialect of a summary's searches, spelled out so a change in what we send shows up here. */
const summarySearches = (id: string) => ({
  encounters: `Encounter?patient=${id}&_sort=-date&_count=10`,
  vitals: `Observation?patient=${id}&category=vital-signs&_sort=-date&_count=100`,
  labs: `Observation?patient=${id}&category=laboratory&code=${LAB_CODES}&_sort=-date&_count=100`,
  conditions: `Condition?patient=${id}&_count=50`,
  allergies: `AllergyIntolerance?patient=${id}&_count=50`,
  medications: `MedicationRequest?patient=${id}&_include=MedicationRequest:medication&_count=50`,
  coverage: `Coverage?patient=${id}`,
});

function expectSummaries(...ids: string[]) {
  for (const id of ids) {
    for (const [name, key] of Object.entries(summarySearches(id))) ehr.expect('GET', key, { body: fixture(`stu3/${name}-${id}.json`) });
  }
}

const DANIEL_PAGE_2 = 'Observation?patient=stu3-daniel&category=vital-signs&_sort=-date&_count=100&_getpagesoffset=3';

const ok = <T>(value: T) => ({ status: 'ok', value, asOf: AS_OF });

const RUTH = {
  id: 'stu3-ruth',
  name: 'Ruth C. Black',
  givenName: 'Ruth C.',
  familyName: 'Black',
  mrn: '1234567',
  birthDate: '1951-08-23',
  gender: 'female',
  deceased: false,
};

describe('discovery and authentication', () => {
  it('finds the token URL in the oauth-uris extension when there is no SMART configuration, and posts the secret in the body with the tenant in scope', async () => {
    ehr.expect('POST', 'Patient/_search?birthdate=1951-08-23&_count=10', { body: fixture('stu3/patient-search-birthdate-1951-08-23.json') });

    expect(await directory().search({ query: '1951-08-23', limit: 10 })).toEqual([RUTH]);

    expect(ehr.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual(
      ['GET .well-known/smart-configuration', 'GET metadata', 'POST /oauth/token', 'POST Patient/_search'].sort(),
    );
    const [tokenRequest] = ehr.tokenRequests();
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(tokenRequest?.params ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'rounds-teams',
      client_secret: 'p@ss word+/=',
      scope: `${TENANT} ${V1_SCOPES}`,
    });
    expect(tokenRequest?.params.get('scope')?.split(' ')).toContain(TENANT);
  });

  it('uses client_secret_basic when the connection says so, even against a Patients-app-era partner', async () => {
    ehr.expect('POST', 'Patient/_search?birthdate=1951-08-23&_count=10', { body: fixture('stu3/patient-search-birthdate-1951-08-23.json') });

    await directory({ authMethod: 'client_secret_basic' }).search({ query: '1951-08-23', limit: 10 });

    const [tokenRequest] = ehr.tokenRequests();
    // RFC 6749 §2.3.1: id and secret are form-encoded, then joined with ':' and base64-encoded.
    expect(tokenRequest?.headers.authorization).toBe(`Basic ${Buffer.from('rounds-teams:p%40ss+word%2B%2F%3D').toString('base64')}`);
    expect(tokenRequest?.params.has('client_secret')).toBe(false);
    expect(tokenRequest?.params.get('scope')).toBe(`${TENANT} ${V1_SCOPES}`);
  });
});

describe('search', () => {
  it('searches a name with family and with given (STU3 has no name parameter) and merges the matches', async () => {
    ehr.expect('POST', 'Patient/_search?family=black&_count=10', { body: fixture('stu3/patient-search-family-black.json') });
    ehr.expect('POST', 'Patient/_search?given=black&_count=10', { body: fixture('stu3/patient-search-given-black.json') });

    const found = await directory().search({ query: 'black', limit: 10 });

    expect(found).toEqual([
      RUTH,
      { id: 'stu3-jonah', name: 'Jonah Blackwood', givenName: 'Jonah', familyName: 'Blackwood', mrn: '2098811', birthDate: '1979-02-11', gender: 'male', deceased: false },
    ]);
    // Names travel in POST bodies, never in URLs (proxy and server logs).
    for (const request of ehr.fhirRequests().filter((request) => request.path === 'Patient/_search')) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    }
  });

  it('searches an MRN by identifier, and by logical id on the side', async () => {
    ehr.expect('POST', 'Patient/_search?identifier=1234567&_count=5', { body: fixture('stu3/patient-search-identifier-1234567.json') });
    ehr.expect('POST', 'Patient/_search?_id=1234567&_count=5', { body: fixture('stu3/patient-search-id-1234567.json') });

    expect(await directory().search({ query: ' 1234567 ', limit: 5 })).toEqual([RUTH]);
  });

  it('still finds the MRN when the server refuses the id search (ids in another format)', async () => {
    ehr.expect('POST', 'Patient/_search?identifier=1234567&_count=5', { body: fixture('stu3/patient-search-identifier-1234567.json') });
    ehr.expect('POST', 'Patient/_search?_id=1234567&_count=5', { status: 400, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] } });

    expect(await directory().search({ query: '1234567', limit: 5 })).toEqual([RUTH]);
  });

  it('refuses an empty query without asking the EHR', async () => {
    await expect(directory().search({ query: '   ', limit: 10 })).rejects.toMatchObject({ code: 'validation', field: 'query' });
    expect(ehr.requests).toEqual([]);
  });
});

describe('summaries', () => {
  it('maps STU3 patients, encounters, vitals, conditions, allergies, medications and coverage in one batch request', async () => {
    ehr.expect('GET', 'Patient?_id=stu3-ruth,stu3-daniel,stu3-nobody&_count=3', { body: fixture('stu3/patients-ruth-daniel.json') });
    expectSummaries('stu3-ruth', 'stu3-daniel');
    ehr.expect('GET', DANIEL_PAGE_2, { body: fixture('stu3/vitals-stu3-daniel-page2.json') });
    // Part searches go out with the Patient search (one round trip), so the unknown id's come back empty.
    for (const key of Object.values(summarySearches('stu3-nobody'))) ehr.expect('GET', key, { body: fixture('stu3/searchset-empty.json') });

    const summaries = await directory().summaries(['stu3-ruth', 'stu3-daniel', 'stu3-nobody']);

    // An id the EHR does not know is simply absent.
    expect([...summaries.keys()]).toEqual(['stu3-ruth', 'stu3-daniel']);
    expect(summaries.get('stu3-ruth')).toEqual({
      patient: RUTH,
      // Patient.telecom: the number as the EHR wrote it (no country code, for the clinician to complete).
      telecom: { phone: '800-599-2739', email: 'ruth.black@example.com' },
      // In progress wins; the finished ED location is history; the attending (ATND) wins over the consultant listed first.
      encounter: ok({ location: 'Ward 7 West · Room 12 · Bed B', attending: 'Dr. Ada Okafor', admittedAt: '2019-01-13T14:05:00+00:00', status: 'in-progress' }),
      // The latest of each vital whatever the bundle order; BMI is not a column; the entered-in-error 250/min is ignored.
      vitals: ok([
        { code: 'heartRate', display: '88 /min', takenAt: '2019-01-15T08:00:00+00:00', stale: false, flag: null },
        { code: 'bloodPressure', display: '128/82 mmHg', takenAt: '2019-01-15T08:00:00+00:00', stale: false, flag: null },
        { code: 'temperature', display: '37.9 °C', takenAt: '2019-01-15T08:00:00+00:00', stale: false, flag: null },
        { code: 'respiratoryRate', display: '18 /min', takenAt: '2019-01-15T08:00:00+00:00', stale: false, flag: null },
        { code: 'oxygenSaturation', display: '95%', takenAt: '2019-01-15T08:00:00+00:00', stale: false, flag: 'low' },
      ]),
      // The latest potassium though an older one comes first, flagged by the laboratory (H); creatinine by its range, in
      // the unit as sent; bilirubin is no lab Rounds shows; the entered-in-error haemoglobin is ignored.
      labs: ok([
        { code: '2823-3', label: 'Potassium', display: '5.9 mmol/L', takenAt: '2019-01-15T06:00:00+00:00', stale: false, flag: 'high' },
        { code: '2951-2', label: 'Sodium', display: '138 mmol/L', takenAt: '2019-01-15T06:00:00+00:00', stale: false, flag: null },
        { code: '2160-0', label: 'Creatinine', display: '124 µmol/L', takenAt: '2019-01-15T06:00:00+00:00', stale: false, flag: 'high' },
        { code: '718-7', label: 'Haemoglobin', display: '11.2 g/dL', takenAt: '2019-01-15T06:00:00+00:00', stale: false, flag: 'low' },
      ]),
      // STU3 `assertedDate`; the refuted pulmonary embolism is not shown.
      conditions: ok([
        { text: 'Community-acquired pneumonia', detail: 'Moderate · onset 12 Jan 2019', date: '2019-01-13' },
        { text: 'Needs influenza immunization', detail: 'Severe', date: '2018-04-04' },
      ]),
      // The entered-in-error penicillin allergy is not shown.
      allergies: ok([{ text: 'sulfonamide antibacterial', detail: 'skin rash · high criticality', date: '2018-01-01T00:00:00-07:00' }]),
      // Heparin comes from the `_include`d Medication; the stopped ibuprofen is not shown.
      medications: ok([
        { text: 'Heparin sodium 5000 UNT/ML Injectable Solution', detail: '5,000 units subcutaneously every 12 hours · by Dr. Ada Okafor', date: '2019-01-14T08:00:00+00:00' },
        { text: 'Amoxicillin 500 MG Oral Capsule', detail: '500 mg orally three times daily · by Dr. Ada Okafor', date: '2019-01-13T15:20:00+00:00' },
      ]),
      coverage: ok([{ text: 'Contoso Health Plan', detail: 'Gold PPO · group Contoso Employees · member CHP-77123', date: '2018-01-01' }]),
    });
    expect(summaries.get('stu3-daniel')).toEqual({
      // The official name, not the old one; the MRN is the MR identifier, not the first one (an SSN).
      patient: { id: 'stu3-daniel', name: 'Daniel X. Adams', givenName: 'Daniel X.', familyName: 'Adams', mrn: '7654321', birthDate: '1925-12-23', gender: 'male', deceased: false },
      telecom: { phone: null, email: null },
      // Nothing in progress: the latest by start; no ATND participant, so the first one.
      encounter: ok({ location: 'Cardiology Clinic', attending: 'Dr. Priya Natarajan', admittedAt: '2018-12-28T09:30:00+00:00', status: 'finished' }),
      // Separate systolic/diastolic Observations paired; the latest heart rate though an older one comes first;
      // the temperature is on the next page (followed: this page is not newest first); all older than 24 h.
      vitals: ok([
        { code: 'heartRate', display: '60 /min', takenAt: '2019-01-12T10:00:00+00:00', stale: true, flag: null },
        { code: 'bloodPressure', display: '150/95 mmHg', takenAt: '2019-01-12T10:00:00+00:00', stale: true, flag: 'high' },
        { code: 'temperature', display: '36.8 °C', takenAt: '2019-01-12T10:00:00+00:00', stale: true, flag: null },
      ]),
      // Three days old: stale.
      labs: ok([{ code: '6690-2', label: 'White cells', display: '12.1 10*3/uL', takenAt: '2019-01-12T10:00:00+00:00', stale: true, flag: 'high' }]),
      conditions: ok([]),
      allergies: ok([]),
      // A contained Medication (`#med1`), `requester.agent`.
      medications: ok([{ text: 'Metoprolol tartrate 25 MG Oral Tablet', detail: '25 mg orally twice daily · by Dr. Priya Natarajan', date: '2018-12-28' }]),
      coverage: ok([]),
    });

    // Two discovery requests, one token, ONE batch with 22 searches, one next page.
    const fhirData = ehr.fhirRequests().filter((request) => request.path !== 'metadata' && request.path !== '.well-known/smart-configuration');
    expect(fhirData.map((request) => `${request.method} ${request.path}`)).toEqual(['POST ', 'GET Observation']);
    expect(ehr.batchEntries).toHaveLength(22);
    expect(ehr.requests).toHaveLength(5);
    const [batch] = fhirData;
    expect(batch?.headers['content-type']).toBe('application/fhir+json');
    expect(batch?.headers.authorization).toBe('Bearer tok-1');
  });

  it('serves a re-render from its short cache without asking the EHR again', async () => {
    ehr.expect('GET', 'Patient?_id=stu3-ruth&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
    expectSummaries('stu3-ruth');
    const patients = directory();

    const first = await patients.summaries(['stu3-ruth']);
    const requestsAfterFirst = ehr.requests.length;
    const second = await patients.summaries(['stu3-ruth']);

    expect(second).toEqual(first);
    expect(ehr.requests).toHaveLength(requestsAfterFirst);
  });

  it('degrades only the part whose batch entry failed, with a reason free of the server’s diagnostics', async () => {
    ehr.expect('GET', 'Patient?_id=stu3-ruth,stu3-daniel&_count=2', { body: fixture('stu3/patients-ruth-daniel.json') });
    expectSummaries('stu3-ruth', 'stu3-daniel');
    ehr.expect('GET', DANIEL_PAGE_2, { body: fixture('stu3/vitals-stu3-daniel-page2.json') });
    ehr.expect('GET', summarySearches('stu3-daniel').conditions, { status: 500, body: fixture('common/outcome-processing-500.json') });
    const patients = directory();

    const summaries = await patients.summaries(['stu3-ruth', 'stu3-daniel']);

    const daniel = summaries.get('stu3-daniel');
    expect(daniel?.conditions).toEqual({ status: 'error', reason: 'The EHR had a problem answering (HTTP 500, exception). Try again later.' });
    expect(JSON.stringify(daniel?.conditions)).not.toMatch(/Adams|SQL|stu3-daniel/);
    for (const part of [daniel?.encounter, daniel?.vitals, daniel?.labs, daniel?.allergies, daniel?.medications, daniel?.coverage]) expect(part?.status).toBe('ok');
    expect(summaries.get('stu3-ruth')?.conditions.status).toBe('ok');

    // The degraded summary is not cached: the next render asks again (the healthy one is cached).
    ehr.expect('GET', 'Patient?_id=stu3-daniel&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
    const before = ehr.batchEntries.length;
    await patients.summaries(['stu3-ruth', 'stu3-daniel']);
    expect(ehr.batchEntries.slice(before)).toEqual(['Patient?_id=stu3-daniel&_count=1', ...Object.values(summarySearches('stu3-daniel'))]);
  });

  it('degrades only the labs when a lab result is malformed: vitals from the same resource type still show', async () => {
    ehr.expect('GET', 'Patient?_id=stu3-ruth&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
    expectSummaries('stu3-ruth');
    const labs = fixture('stu3/labs-stu3-ruth.json') as { entry: { resource: { code: unknown } }[] };
    const [potassium] = labs.entry;
    if (potassium) potassium.resource.code = { coding: 'http://loinc.org|2823-3' };
    ehr.expect('GET', summarySearches('stu3-ruth').labs, { body: labs });

    const ruth = (await directory().summaries(['stu3-ruth'])).get('stu3-ruth');

    expect(ruth?.labs).toEqual({ status: 'error', reason: 'The EHR sent lab results that Rounds could not read.' });
    for (const part of [ruth?.encounter, ruth?.vitals, ruth?.conditions, ruth?.allergies, ruth?.medications, ruth?.coverage]) expect(part?.status).toBe('ok');
  });

  it('reports a resource type the CapabilityStatement does not list as unavailable, and does not ask for it', async () => {
    const metadata = fixture('stu3/metadata.json') as { rest: { resource: { type: string }[] }[] };
    const [rest] = metadata.rest;
    if (rest) rest.resource = rest.resource.filter((resource) => resource.type !== 'Coverage');
    ehr.expect('GET', 'metadata', { body: metadata });
    ehr.expect('GET', 'Patient?_id=stu3-ruth&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
    const { coverage: _coverage, ...searches } = summarySearches('stu3-ruth');
    for (const [name, key] of Object.entries(searches)) ehr.expect('GET', key, { body: fixture(`stu3/${name}-stu3-ruth.json`) });

    const ruth = (await directory().summaries(['stu3-ruth'])).get('stu3-ruth');

    expect(ruth?.coverage).toEqual({ status: 'unavailable' });
    expect(ruth?.conditions.status).toBe('ok');
    expect(ehr.batchEntries.some((url) => url.startsWith('Coverage'))).toBe(false);
  });

  it('follows a next link on the EHR’s origin, but never one to another host, with or without the token', async () => {
    const elsewhere = await startFakeEhr();
    try {
      const firstPage = fixture('stu3/vitals-stu3-daniel.json') as { link: { relation: string; url: string }[] };
      firstPage.link = firstPage.link.map((link) => (link.relation === 'next' ? { ...link, url: `${elsewhere.baseUrl}/${DANIEL_PAGE_2}` } : link));
      ehr.expect('GET', 'Patient?_id=stu3-daniel&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
      expectSummaries('stu3-daniel');
      ehr.expect('GET', summarySearches('stu3-daniel').vitals, { body: firstPage });

      const daniel = (await directory().summaries(['stu3-daniel'])).get('stu3-daniel');

      expect(daniel?.vitals).toEqual({ status: 'error', reason: 'The EHR pointed Rounds to another server; Rounds does not follow it with its access token.' });
      expect(daniel?.encounter.status).toBe('ok');
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('stops paging the vitals once the EHR shows it sorted them newest first', async () => {
    const sorted = fixture('stu3/vitals-stu3-daniel.json') as { entry: { resource: { id: string } }[] };
    sorted.entry = sorted.entry.filter((entry) => entry.resource.id !== 'obs-daniel-hr-0');
    ehr.expect('GET', 'Patient?_id=stu3-daniel&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
    expectSummaries('stu3-daniel');
    ehr.expect('GET', summarySearches('stu3-daniel').vitals, { body: sorted });

    const daniel = (await directory().summaries(['stu3-daniel'])).get('stu3-daniel');

    // The next page (the older temperature) is not fetched: the latest readings are all on page one.
    expect(daniel?.vitals).toMatchObject({ status: 'ok', value: [{ code: 'heartRate' }, { code: 'bloodPressure' }] });
    expect(ehr.fhirRequests().filter((request) => request.method === 'GET' && request.path === 'Observation')).toEqual([]);
  });

  it('sends single GETs to a server that offers no batch, with the same result', async () => {
    const metadata = fixture('stu3/metadata.json') as { rest: { interaction: { code: string }[] }[] };
    for (const rest of metadata.rest) rest.interaction = [{ code: 'search-system' }];
    ehr.expect('GET', 'metadata', { body: metadata });
    ehr.expect('GET', 'Patient?_id=stu3-ruth&_count=1', { body: fixture('stu3/patients-ruth-daniel.json') });
    expectSummaries('stu3-ruth');

    const ruth = (await directory().summaries(['stu3-ruth'])).get('stu3-ruth');

    expect(ruth?.patient).toEqual(RUTH);
    expect(ruth?.encounter).toEqual(ok({ location: 'Ward 7 West · Room 12 · Bed B', attending: 'Dr. Ada Okafor', admittedAt: '2019-01-13T14:05:00+00:00', status: 'in-progress' }));
    const data = ehr.fhirRequests().filter((request) => request.path !== 'metadata' && request.path !== '.well-known/smart-configuration');
    expect(data.map((request) => request.method)).toEqual(Array(8).fill('GET'));
  });

  it('fails as a whole when the batch itself fails', async () => {
    ehr.expect('POST', '', { status: 403, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] } });

    const failure = directory().summaries(['stu3-ruth']);

    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: 'forbidden' });
  });
});
