/**
 * The FHIR gateway against a recorded DSTU2 partner: a Conformance statement (1.0.2), a SMART
 * configuration with a relative token URL (preferred over the legacy oauth-uris one), `name` search,
 * `_sort:desc=`, MedicationOrder, `substance`, `dateRecorded`, `issuer`/`plan`, and the US-style
 * encounter start of the Patients-app samples. Every request is one the server was told to expect.
 */
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import type { FhirConnection } from '../../bot/src/fhir/fhir-connection';
import { type FakeEhr, fixture, startFakeEhr } from '../support/fake-ehr';

const NOW = Date.parse('2018-09-18T12:00:00Z');
const AS_OF = '2018-09-18T12:00:00.000Z';
const TENANT = '0d3f6b8e-1c2a-4e5f-9a7b-8c6d5e4f3a21';
/** v1 `.read` scopes, MedicationOrder being DSTU2's medication order. */
const V1_SCOPES = ['Patient', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'MedicationOrder', 'Medication', 'Coverage'].map((type) => `system/${type}.read`).join(' ');

let ehr: FakeEhr;

beforeEach(async () => {
  ehr = await startFakeEhr({ contentType: 'application/json+fhir' });
  ehr.expect('GET', '.well-known/smart-configuration', { headers: { 'content-type': 'application/json' }, body: fixture('dstu2/smart-configuration.json') });
  ehr.expect('GET', 'metadata', { body: fixture('dstu2/metadata.json') });
});

afterEach(async () => {
  expect(ehr.unexpected).toEqual([]);
  await ehr.close();
});

const directory = (overrides: Partial<FhirConnection> = {}) =>
  createFhirPatientDirectory(
    { baseUrl: ehr.baseUrl, clientId: 'rounds', clientSecret: 'dstu2-secret', tenantId: TENANT, ...overrides },
    { now: () => NOW, caches: createFhirCaches() },
  );

const LAB_CODES = ['2823-3', '2951-2', '2160-0', '3094-0', '2345-7', '718-7', '6690-2', '777-3'].map((code) => `http:%2F%2Floinc.org%7C${code}`).join(',');

/** The DSTU2 dialect: `_sort:desc=date` and MedicationOrder. */
const summarySearches = (id: string) => ({
  encounters: `Encounter?patient=${id}&_sort:desc=date&_count=10`,
  vitals: `Observation?patient=${id}&category=vital-signs&_sort:desc=date&_count=100`,
  labs: `Observation?patient=${id}&category=laboratory&code=${LAB_CODES}&_sort:desc=date&_count=100`,
  conditions: `Condition?patient=${id}&_count=50`,
  allergies: `AllergyIntolerance?patient=${id}`,
  medications: `MedicationOrder?patient=${id}&_include=MedicationOrder:medication&_count=50`,
  coverage: `Coverage?patient=${id}`,
});

function expectSummaries(...ids: string[]) {
  ehr.expect('GET', `Patient?_id=${ids.join(',')}&_count=${ids.length}`, { body: fixture('dstu2/patients-hugh-mary.json') });
  for (const id of ids) {
    for (const [name, key] of Object.entries(summarySearches(id))) ehr.expect('GET', key, { body: fixture(`dstu2/${name}-${id}.json`) });
  }
}

const ok = <T>(value: T) => ({ status: 'ok', value, asOf: AS_OF });

const HUGH = { id: 'dstu2-hugh', name: 'Hugh Chau', givenName: 'Hugh', familyName: 'Chau', mrn: '5550123', birthDate: '1957-06-05', gender: 'male', deceased: false };

it('takes the token endpoint from the SMART configuration (relative URL resolved, legacy oauth-uris ignored) and prefers client_secret_basic', async () => {
  ehr.expect('POST', 'Patient/_search?birthdate=1957-06-05&_count=10', { body: fixture('dstu2/patient-search-birthdate-1957-06-05.json') });

  expect(await directory().search({ query: '1957-06-05', limit: 10 })).toEqual([HUGH]);

  const [tokenRequest] = ehr.tokenRequests();
  expect(tokenRequest?.headers.authorization).toBe(`Basic ${Buffer.from('rounds:dstu2-secret').toString('base64')}`);
  expect(Object.fromEntries(tokenRequest?.params ?? [])).toEqual({ grant_type: 'client_credentials', scope: `${TENANT} ${V1_SCOPES}` });
});

it('sends client_secret_post when the connection is configured for it', async () => {
  ehr.expect('POST', 'Patient/_search?birthdate=1957-06-05&_count=10', { body: fixture('dstu2/patient-search-birthdate-1957-06-05.json') });

  await directory({ authMethod: 'client_secret_post' }).search({ query: '1957-06-05', limit: 10 });

  const [tokenRequest] = ehr.tokenRequests();
  expect(tokenRequest?.headers.authorization).toBeUndefined();
  expect(tokenRequest?.params.get('client_id')).toBe('rounds');
  expect(tokenRequest?.params.get('client_secret')).toBe('dstu2-secret');
  expect(tokenRequest?.params.get('scope')).toContain(TENANT);
});

it('searches names with the DSTU2 `name` parameter, one per word', async () => {
  ehr.expect('POST', 'Patient/_search?name=Chau&_count=10', { body: fixture('dstu2/patient-search-name-chau.json') });
  ehr.expect('POST', 'Patient/_search?name=hugh&name=chau&_count=10', { body: fixture('dstu2/patient-search-name-chau.json') });
  const patients = directory();

  expect(await patients.search({ query: 'Chau', limit: 10 })).toEqual([HUGH]);
  expect(await patients.search({ query: 'hugh  chau', limit: 10 })).toEqual([HUGH]);
  // The DSTU2 media type is what the server answered; the gateway reads it as JSON all the same.
  expect(ehr.fhirRequests().find((request) => request.path === 'Patient/_search')?.headers.accept).toContain('application/json+fhir');
});

it('maps DSTU2 summaries: family arrays, MedicationOrder, substance, dateRecorded, issuer/plan, legacy dates', async () => {
  expectSummaries('dstu2-hugh', 'dstu2-mary');

  const summaries = await directory().summaries(['dstu2-hugh', 'dstu2-mary']);

  expect(summaries.get('dstu2-hugh')).toEqual({
    patient: HUGH,
    // No Patient.telecom in this record.
    telecom: { phone: null, email: null },
    // "09/17/2018 1:00:00 PM" is shown as the EHR wrote it.
    encounter: ok({ location: 'Ward 7 West · Room 12 · Bed B', attending: 'Jane Doe', admittedAt: '09/17/2018 1:00:00 PM', status: 'in-progress' }),
    // BP from the 55284-4 panel's components; °F from [degF]; SpO2 coded 2708-6 only; the 2009 BMI is no column.
    vitals: ok([
      { code: 'heartRate', display: '76 beats/minute', takenAt: '2018-09-18T07:30:00+00:00', stale: false, flag: null },
      { code: 'bloodPressure', display: '132/84 mmHg', takenAt: '2018-09-18T07:30:00+00:00', stale: false, flag: null },
      { code: 'temperature', display: '98.6 °F', takenAt: '2018-09-18T07:30:00+00:00', stale: false, flag: null },
      { code: 'respiratoryRate', display: '16 /min', takenAt: '2018-09-18T07:30:00+00:00', stale: false, flag: null },
      { code: 'oxygenSaturation', display: '97%', takenAt: '2018-09-18T07:30:00+00:00', stale: false, flag: null },
    ]),
    // DSTU2's one-concept interpretation (HH) over the range; BUN within its range; platelets low by their range.
    labs: ok([
      { code: '3094-0', label: 'Urea', display: '18 mg/dL', takenAt: '2018-09-18T05:45:00+00:00', stale: false, flag: null },
      { code: '2345-7', label: 'Glucose', display: '212 mg/dL', takenAt: '2018-09-18T05:45:00+00:00', stale: false, flag: 'critical-high' },
      { code: '777-3', label: 'Platelets', display: '98 10*3/uL', takenAt: '2018-09-18T05:45:00+00:00', stale: false, flag: 'low' },
    ]),
    conditions: ok([
      { text: 'Neuropathy (nerve damage)', detail: 'Severe', date: '2018-09-17' },
      { text: 'Hypertension', detail: 'onset 2015', date: '2017-05-01' },
    ]),
    // `substance`, CRITH; the refuted latex allergy is not shown.
    allergies: ok([{ text: 'Cashew nuts', detail: 'Anaphylactic reaction · high criticality', date: '2018-09-17T07:00:00.000Z' }]),
    medications: ok([
      { text: 'Atorvastatin 40 MG Oral Tablet', detail: '40 mg orally at bedtime · by Jane Doe', date: '2018-09-17T14:00:00+00:00' },
      { text: 'Lisinopril 20 MG Oral Tablet', detail: '1 daily · by Jane Doe', date: '2018-09-17' },
    ]),
    coverage: ok([{ text: 'No Primary Insurance', detail: null, date: null }]),
  });
  expect(summaries.get('dstu2-mary')).toEqual({
    // Only `text`, no MRN, deceased (deceasedDateTime).
    patient: { id: 'dstu2-mary', name: 'Mary Major', givenName: null, familyName: null, mrn: null, birthDate: '1940-02-29', gender: 'female', deceased: true },
    telecom: { phone: null, email: null },
    // "03/02/2018 9:15:00 AM" sorts after 2017-11-20 although it is listed last and is no FHIR date.
    encounter: ok({ location: 'Clinic - Cardiology', attending: 'John Smith', admittedAt: '03/02/2018 9:15:00 AM', status: 'finished' }),
    vitals: ok([]),
    labs: ok([]),
    conditions: ok([{ text: 'Hip fracture', detail: 'resolved', date: '2018-03-02' }]),
    allergies: ok([]),
    // The completed tramadol order is not a current medication.
    medications: ok([]),
    coverage: ok([{ text: 'Fabrikam Medicare Advantage', detail: 'Gold · group G-100 · member FMA-0042', date: '2018-01-01' }]),
  });

  const batches = ehr.fhirRequests().filter((request) => request.method === 'POST' && request.path === '');
  expect(batches).toHaveLength(1);
  expect(batches[0]?.headers['content-type']).toBe('application/json+fhir');
  expect(JSON.parse(batches[0]?.body ?? '{}')).toMatchObject({ resourceType: 'Bundle', type: 'batch' });
  expect(ehr.requests).toHaveLength(4);
});

it('marks a refused entry (403) as not permitted, that part only', async () => {
  expectSummaries('dstu2-hugh', 'dstu2-mary');
  ehr.expect('GET', summarySearches('dstu2-mary').coverage, { status: 403 });

  const summaries = await directory().summaries(['dstu2-hugh', 'dstu2-mary']);

  expect(summaries.get('dstu2-mary')?.coverage).toEqual({ status: 'not_permitted' });
  expect(summaries.get('dstu2-mary')?.conditions.status).toBe('ok');
  expect(summaries.get('dstu2-hugh')?.coverage.status).toBe('ok');
});
