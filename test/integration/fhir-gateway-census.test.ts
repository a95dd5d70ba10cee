/**
 * The whole-ward census through the FHIR gateway against DSTU2 and STU3 servers (the sandbox covers
 * R4): DSTU2's single Practitioner name and `Encounter.patient`, a server that ignores `_include`,
 * and paging. Every request is one the server was told to expect.
 */
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import { type FakeEhr, fixture, startFakeEhr } from '../support/fake-ehr';

const TENANT = '0d3f6b8e-1c2a-4e5f-9a7b-8c6d5e4f3a21';
const MR = { coding: [{ system: 'http://hl7.org/fhir/v2/0203', code: 'MR' }] };

let ehr: FakeEhr;

afterEach(async () => {
  expect(ehr.unexpected).toEqual([]);
  await ehr.close();
});

const directory = () => createFhirPatientDirectory({ baseUrl: ehr.baseUrl, clientId: 'rounds', clientSecret: 'secret', tenantId: TENANT }, { caches: createFhirCaches() });
const bundle = (entry: object[], next?: string) => ({ resourceType: 'Bundle', type: 'searchset', ...(next ? { link: [{ relation: 'next', url: next }] } : {}), entry });
const place = (display: string) => ({ location: { reference: 'Location/x', display }, status: 'active' });

describe('DSTU2', () => {
  beforeEach(async () => {
    ehr = await startFakeEhr({ contentType: 'application/json+fhir' });
    ehr.expect('GET', '.well-known/smart-configuration', { headers: { 'content-type': 'application/json' }, body: fixture('dstu2/smart-configuration.json') });
    ehr.expect('GET', 'metadata', { body: fixture('dstu2/metadata.json') });
  });

  it("finds an attending by their one DSTU2 name and reads their patients, fetching by _id the ones `_include` left out", async () => {
    ehr.expect('GET', 'Practitioner?name=Chau&_count=20', {
      body: bundle([{ resource: { resourceType: 'Practitioner', id: 'dr-1', name: { prefix: ['Dr.'], given: ['Mei'], family: ['Chau'] } } }]),
    });
    ehr.expect('GET', 'Encounter?participant=Practitioner/dr-1&status=in-progress&_include=Encounter:patient&_count=100', {
      body: bundle([
        { resource: { resourceType: 'Encounter', id: 'e1', status: 'in-progress', patient: { reference: 'Patient/p1' }, location: [place('4B'), place('Bed 2')] } },
        { resource: { resourceType: 'Encounter', id: 'e2', status: 'in-progress', patient: { reference: 'Patient/p2' }, location: [place('4B'), place('Bed 1')] } },
        { resource: { resourceType: 'Patient', id: 'p1', name: [{ given: ['Hugh'], family: ['Chau'] }], identifier: [{ type: MR, value: '5550123' }] }, search: { mode: 'include' } },
      ]),
    });
    ehr.expect('GET', 'Patient?_id=p2&_count=1', { body: bundle([{ resource: { resourceType: 'Patient', id: 'p2', name: [{ given: ['Mary'], family: ['Hill'] }] } }]) });
    const patients = directory();

    expect(await patients.censusSources('practitioner', 'Chau')).toEqual([{ kind: 'practitioner', id: 'dr-1', name: 'Dr. Mei Chau', detail: null }]);
    const census = await patients.census('practitioner', 'dr-1');
    expect(census.truncated).toBe(false);
    expect(census.patients.map(({ patient, location }) => [patient.id, patient.name, patient.mrn, location])).toEqual([
      ['p2', 'Mary Hill', null, '4B · Bed 1'],
      ['p1', 'Hugh Chau', '5550123', '4B · Bed 2'],
    ]);
  });
});

describe('STU3', () => {
  beforeEach(async () => {
    ehr = await startFakeEhr();
    ehr.expect('GET', '.well-known/smart-configuration', { status: 404, headers: { 'content-type': 'text/html' }, body: '<html></html>' });
    ehr.expect('GET', 'metadata', { body: fixture('stu3/metadata.json') });
  });

  it("follows a ward census's next page, and answers a 429 as the EHR being busy", async () => {
    const first = 'Encounter?location=Location/ward-7&status=in-progress&_include=Encounter:patient&_count=100';
    ehr.expect('GET', 'Location?name=Ward 7&_count=20', {
      body: bundle([{ resource: { resourceType: 'Location', id: 'ward-7', name: 'Ward 7 West', physicalType: { coding: [{ code: 'wa', display: 'Ward' }] } } }]),
    });
    ehr.expect(
      'GET',
      first,
      {
        body: bundle(
          [
            { resource: { resourceType: 'Encounter', id: 'e1', status: 'in-progress', subject: { reference: 'Patient/p1' }, location: [place('Ward 7 West')] } },
            { resource: { resourceType: 'Patient', id: 'p1', name: [{ text: 'Ada Lovelace' }] }, search: { mode: 'include' } },
          ],
          '{{origin}}/fhir/Encounter?page=2',
        ),
      },
      { status: 429, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] } },
    );
    ehr.expect('GET', 'Encounter?page=2', {
      body: bundle([
        { resource: { resourceType: 'Encounter', id: 'e2', status: 'in-progress', subject: { reference: 'Patient/p2' }, location: [place('Ward 7 West')] } },
        { resource: { resourceType: 'Patient', id: 'p2', name: [{ text: 'Alan Turing' }] }, search: { mode: 'include' } },
      ]),
    });
    const patients = directory();

    expect(await patients.censusSources('location', 'Ward 7')).toEqual([{ kind: 'location', id: 'ward-7', name: 'Ward 7 West', detail: 'Ward' }]);
    expect((await patients.census('location', 'ward-7')).patients.map(({ patient }) => patient.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
    await expect(patients.census('location', 'ward-7')).rejects.toMatchObject({ code: 'rate_limited', userMessage: expect.stringMatching(/^The EHR is busy/) });
  });

  it('reads at most 200 patients and says when the ward has more', async () => {
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const n = String(from + i).padStart(3, '0');
        return [
          { resource: { resourceType: 'Encounter', id: `e${n}`, status: 'in-progress', subject: { reference: `Patient/p${n}` }, location: [place(`Bed ${n}`)] } },
          { resource: { resourceType: 'Patient', id: `p${n}`, name: [{ text: `Patient ${n}` }] }, search: { mode: 'include' } },
        ];
      }).flat();
    ehr.expect('GET', 'Encounter?location=Location/big&status=in-progress&_include=Encounter:patient&_count=100', {
      body: bundle(page(0, 100), '{{origin}}/fhir/Encounter?page=2'),
    });
    ehr.expect('GET', 'Encounter?page=2', { body: bundle(page(100, 100), '{{origin}}/fhir/Encounter?page=3') });
    ehr.expect('GET', 'Encounter?page=3', { body: bundle(page(200, 5)) });

    const census = await directory().census('location', 'big');
    expect(census.truncated).toBe(true);
    expect(census.patients).toHaveLength(200);
    expect(census.patients.at(-1)?.patient.name).toBe('Patient 199');
  });
});
