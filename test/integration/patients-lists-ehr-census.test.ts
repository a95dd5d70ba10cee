/**
 * Whole-ward add over real HTTP: Rounds against the local FHIR sandbox (R4, Medplum) for a ward's and
 * an attending's in-progress inpatients, and against a recorded-style EHR for refusals.
 */
import type { Encounter, Resource } from '@medplum/fhirtypes';
import type { RoundsService } from '../../bot/src/rounds-service';
import { generateSyntheticPatients } from '../../bot/src/sandbox/synthetic-patients';
import { type FakeEhr, fixture, startFakeEhr } from '../support/fake-ehr';
import { startRoundsForTest } from '../support/rounds-under-test';
import { api, openEventStream } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

type Preview = { patients: { id: string; name: string; mrn: string | null; location: string | null; onList: boolean }[]; truncated: boolean };
type ErrorBody = { error: { code: string; message: string; field?: string } };

let service: RoundsService;
const channel = { teamId: 'team-census', channelId: 'chan-census' };
const channelQuery = `teamId=${channel.teamId}&channelId=${channel.channelId}`;
const WARD = 'loc-ward-3a';
const ATTENDING = 'prac-01';

/** What the sandbox holds, read straight from its generator: the census Rounds must find. */
const synthetic = generateSyntheticPatients({ now: new Date() });
const inProgress = (matches: (encounter: Encounter) => boolean) =>
  synthetic
    .filter((resource: Resource): resource is Encounter => resource.resourceType === 'Encounter' && resource.status === 'in-progress' && matches(resource))
    .map((encounter) => encounter.subject?.reference?.replace('Patient/', '') ?? '')
    .sort();
const wardPatients = inProgress((encounter) => encounter.location?.some((place) => place.location.reference === `Location/${WARD}`) ?? false);
const attendingPatients = inProgress((encounter) => encounter.participant?.some((p) => p.individual?.reference === `Practitioner/${ATTENDING}`) ?? false);

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const newList = async (name: string, where = channel) => json<{ id: string }>(await api(service, 'POST', '/api/lists', { ...where, name }));
const preview = async (listId: string, kind: string, id: string) => api(service, 'GET', `/api/lists/${listId}/census?kind=${kind}&id=${id}`);

beforeAll(async () => {
  service = await startRoundsForTest();
  expect((await api(service, 'PUT', '/api/patients/config', { ...channel, mode: 'ehr' })).status).toBe(200);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

it('finds wards and attendings by name in the EHR', async () => {
  const wards = await json<{ sources: { kind: string; id: string; name: string; detail: string | null }[] }>(
    await api(service, 'GET', `/api/census/sources?kind=location&q=${encodeURIComponent('Ward 3A')}&${channelQuery}`),
  );
  expect(wards.sources).toContainEqual({ kind: 'location', id: WARD, name: expect.stringMatching(/^Ward 3A/), detail: 'Ward' });

  const doctors = await json<{ sources: { id: string; name: string }[] }>(await api(service, 'GET', `/api/census/sources?kind=practitioner&q=Morgan&${channelQuery}`));
  expect(doctors.sources).toEqual([expect.objectContaining({ id: expect.stringMatching(/^prac-/), name: expect.stringMatching(/^Dr\. .*Morgan$/) })]);
});

it("previews a ward's in-progress inpatients with name, MRN and location, then adds them all in one request, live for the channel", async () => {
  expect(wardPatients.length).toBeGreaterThan(10);
  const list = await newList('Ward 3A round');
  const before = await preview(list.id, 'location', WARD);
  expect(before.status).toBe(200);
  const ward = await json<Preview>(before);
  expect(ward.truncated).toBe(false);
  expect(ward.patients.map((p) => p.id).sort()).toEqual(wardPatients);
  for (const patient of ward.patients) {
    expect(patient).toMatchObject({ name: expect.any(String), mrn: expect.stringMatching(/^\d+$/), location: expect.stringMatching(/^Ward 3A.* · Room 3A-\d\d · Bed 3A-/), onList: false });
  }

  const stream = await openEventStream(service, channel);
  const added = await api(service, 'POST', `/api/lists/${list.id}/census`, { kind: 'location', id: WARD, patientIds: ward.patients.map((p) => p.id) });
  expect(added.status).toBe(200);
  expect(await added.json()).toEqual({ added: wardPatients.length, alreadyOnList: 0, noLongerThere: 0 });
  expect(await stream.next(1)).toEqual([expect.objectContaining({ kind: 'list', listId: list.id })]);
  stream.close();

  const view = await json<{ rows: { summary: { patient: { id: string } } }[] }>(await api(service, 'GET', `/api/lists/${list.id}`));
  // In the order previewed (by bed), not in the order the database happened to write them.
  expect(view.rows.map((row) => row.summary.patient.id)).toEqual(ward.patients.map((p) => p.id));

  const audited = await service.db.query<{ patient_ref: string }>("SELECT patient_ref FROM audit_log WHERE action = 'patient.add' AND list_id = $1", [list.id]);
  expect(audited.map((row) => row.patient_ref).sort()).toEqual(wardPatients);
  const read = await service.db.query<{ patient_ref: string }>("SELECT patient_ref FROM audit_log WHERE action = 'census.view' AND list_id = $1", [list.id]);
  expect(read.map((row) => row.patient_ref).sort()).toEqual(wardPatients);
});

it('skips patients already on the list and says how many', async () => {
  const list = await newList('Partly there');
  const [first, second, third] = wardPatients;
  for (const id of [first, second, third]) expect((await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: id })).status).toBe(201);

  const ward = await json<Preview>(await preview(list.id, 'location', WARD));
  expect(ward.patients.filter((p) => p.onList).map((p) => p.id).sort()).toEqual([first, second, third].sort());

  const result = await json<unknown>(await api(service, 'POST', `/api/lists/${list.id}/census`, { kind: 'location', id: WARD, patientIds: ward.patients.map((p) => p.id) }));
  expect(result).toEqual({ added: wardPatients.length - 3, alreadyOnList: 3, noLongerThere: 0 });
  const rows = await service.db.query<{ n: string }>('SELECT count(*) AS n FROM list_entries WHERE list_id = $1', [list.id]);
  expect(Number(rows[0]?.n)).toBe(wardPatients.length);
});

it("adds an attending's patients, and only those still in progress under them", async () => {
  expect(attendingPatients.length).toBeGreaterThan(2);
  const list = await newList('Dr rounds');
  const team = await json<Preview>(await preview(list.id, 'practitioner', ATTENDING));
  expect(team.patients.map((p) => p.id).sort()).toEqual(attendingPatients);

  const outsider = wardPatients.find((id) => !attendingPatients.includes(id)) ?? 'pat-0010';
  const result = await json<unknown>(
    await api(service, 'POST', `/api/lists/${list.id}/census`, { kind: 'practitioner', id: ATTENDING, patientIds: [...attendingPatients, outsider] }),
  );
  expect(result).toEqual({ added: attendingPatients.length, alreadyOnList: 0, noLongerThere: 1 });
  const ids = await service.db.query<{ patient_id: string }>('SELECT patient_id FROM list_entries WHERE list_id = $1', [list.id]);
  expect(ids.map((row) => row.patient_id).sort()).toEqual(attendingPatients);
});

it('refuses a manual-mode list with a plain 400, and bad input with the field named', async () => {
  const manual = { teamId: 'team-census', channelId: 'chan-manual' };
  expect((await api(service, 'PUT', '/api/patients/config', { ...manual, mode: 'manual' })).status).toBe(200);
  const list = await newList('By hand', manual);

  const refused = await api(service, 'GET', `/api/lists/${list.id}/census?kind=location&id=${WARD}`);
  expect(refused.status).toBe(400);
  expect((await json<ErrorBody>(refused)).error.message).toBe('This channel keeps its patients by hand: add them with the form, not from the EHR.');
  const add = await api(service, 'POST', `/api/lists/${list.id}/census`, { kind: 'location', id: WARD, patientIds: ['pat-0001'] });
  expect(add.status).toBe(400);
  expect(await service.db.query('SELECT 1 FROM list_entries WHERE list_id = $1', [list.id])).toEqual([]);

  const sources = await api(service, 'GET', `/api/census/sources?kind=location&q=Ward&teamId=${manual.teamId}&channelId=${manual.channelId}`);
  expect(sources.status).toBe(400);

  const ehrList = await newList('Validation');
  const badKind = await api(service, 'GET', `/api/lists/${ehrList.id}/census?kind=team&id=${WARD}`);
  expect(badKind.status).toBe(400);
  expect((await json<ErrorBody>(badKind)).error.field).toBe('kind');
  const badId = await api(service, 'POST', `/api/lists/${ehrList.id}/census`, { kind: 'location', id: 'a/b', patientIds: ['pat-0001'] });
  expect((await json<ErrorBody>(badId)).error.field).toBe('id');
});

describe('an EHR that refuses', () => {
  let ehr: FakeEhr;
  const refusing = { teamId: 'team-census', channelId: 'chan-refusing' };
  const census = `Encounter?location=Location/${WARD}&status=in-progress&_include=Encounter:patient&_count=100`;

  beforeAll(async () => {
    ehr = await startFakeEhr();
    ehr.expect('GET', '.well-known/smart-configuration', { status: 404, headers: { 'content-type': 'text/html' }, body: '<html></html>' });
    ehr.expect('GET', 'metadata', { body: fixture('stu3/metadata.json') });
    const connection = { name: 'Refusing', baseUrl: ehr.baseUrl, clientId: 'rounds', clientSecret: 'secret', authMethod: 'client_secret_basic' };
    expect((await api(service, 'PUT', '/api/patients/config', { ...refusing, mode: 'ehr', connection })).status).toBe(200);
  }, SERVICE_START_TIMEOUT_MS);

  afterAll(async () => {
    expect(ehr.unexpected).toEqual([]);
    await ehr.close();
  });

  it.each([
    [429, 'The EHR is busy and asked Rounds to slow down. Try again in a minute.'],
    [403, "The EHR does not allow Rounds to read this (HTTP 403); check the scopes granted to Rounds' client."],
  ])('answers an EHR %i in plain words and adds nothing', async (status, message) => {
    ehr.expect('GET', census, { status, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: status === 429 ? 'throttled' : 'forbidden' }] } });
    const list = await newList(`Refused ${status}`, refusing);

    const refused = await preview(list.id, 'location', WARD);
    const body = await json<ErrorBody>(refused);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(body.error.message).toBe(message);

    const add = await api(service, 'POST', `/api/lists/${list.id}/census`, { kind: 'location', id: WARD, patientIds: ['pat-0001'] });
    expect((await json<ErrorBody>(add)).error.message).toBe(message);
    expect(await service.db.query('SELECT 1 FROM list_entries WHERE list_id = $1', [list.id])).toEqual([]);
  });
});
