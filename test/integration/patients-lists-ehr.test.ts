/**
 * The Patients tab in EHR mode over real HTTP: Rounds' FHIR gateway against the local FHIR sandbox
 * (a real FHIR engine behind SMART Backend Services: Rounds signs client assertions, the sandbox checks
 * them against Rounds' JWKS URL), as `npm start` runs it with no EHR configured.
 */
import { parse } from 'csv-parse/sync';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SANDBOX_FIXTURES } from '../../bot/src/sandbox/start-fhir-sandbox';
import { startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let service: RoundsService;
const channel = { teamId: 'team-ehr', channelId: 'chan-ehr' };
const query = `teamId=${channel.teamId}&channelId=${channel.channelId}`;

type Part = { status: string; value?: unknown; reason?: string };
type Row = { entryId: string; summary: { patient: { id: string; name: string; mrn: string | null }; encounter: Part; vitals: Part; labs: Part } };

beforeAll(async () => {
  service = await startRoundsForTest();
  expect((await api(service, 'PUT', '/api/patients/config', { ...channel, mode: 'ehr' })).status).toBe(200);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

it('tests the default connection: the sandbox is an R4 server that grants a token for a signed assertion and answers a search', async () => {
  const result = await (await api(service, 'POST', '/api/patients/config/test', { ...channel, connection: null })).json();

  expect(result).toMatchObject({ ok: true, fhirVersion: 'R4' });
  expect((result as { message: string }).message).toBe('FHIR R4 server, token OK with a signed client assertion (private_key_jwt), Patient search OK');
});

it('publishes its public keys at /.well-known/jwks.json, unauthenticated and cacheable, without a private member', async () => {
  const response = await fetch(`${service.url}/.well-known/jwks.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
  const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ kid: expect.any(String), kty: 'RSA', alg: 'RS384', use: 'sig', n: expect.any(String), e: 'AQAB' });
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(member);
});

it('shows the JWKS URL to register, and keeps a channel connection with private_key_jwt and no secret', async () => {
  const own = { teamId: 'team-ehr', channelId: 'chan-signed' };
  const connection = { name: 'Signed', baseUrl: service.sandboxUrl, clientId: 'rounds-local', authMethod: 'private_key_jwt' };
  const test = (await (await api(service, 'POST', '/api/patients/config/test', { ...own, connection })).json()) as { ok: boolean; message: string };
  expect(test).toMatchObject({ ok: true });
  expect(test.message).toMatch(/private_key_jwt/);

  const saved = (await (await api(service, 'PUT', '/api/patients/config', { ...own, mode: 'ehr', connection })).json()) as Record<string, unknown>;
  expect(saved).toMatchObject({ connection: { name: 'Signed', authMethod: 'private_key_jwt', hasSecret: false }, jwksUrl: expect.stringMatching(/\/\.well-known\/jwks\.json$/) });
  const found = await api(service, 'GET', `/api/patients/search?q=${SANDBOX_FIXTURES.first.mrn}&teamId=${own.teamId}&channelId=${own.channelId}`);
  expect(((await found.json()) as { patients: { id: string }[] }).patients.map((p) => p.id)).toEqual([SANDBOX_FIXTURES.first.id]);

  const wrongClient = await (await api(service, 'POST', '/api/patients/config/test', { ...own, connection: { ...connection, clientId: 'someone-else' } })).json();
  expect(wrongClient).toMatchObject({ ok: false, problem: 'bad_credentials', message: expect.stringContaining('JWKS URL') });
});

it('drops the stored secret when a channel connection switches to private_key_jwt', async () => {
  const own = { teamId: 'team-ehr', channelId: 'chan-switch' };
  const connection = { name: 'Switching', baseUrl: service.sandboxUrl, clientId: 'rounds-local' };
  await api(service, 'PUT', '/api/patients/config', { ...own, mode: 'ehr', connection: { ...connection, authMethod: 'client_secret_post', clientSecret: 'old-secret' } });
  const secretOf = async () =>
    (await service.db.query<{ ehr_client_secret_enc: string | null; ehr_auth_method: string }>("SELECT ehr_client_secret_enc, ehr_auth_method FROM channel_settings WHERE channel_id = 'chan-switch'"))[0];
  expect(await secretOf()).toMatchObject({ ehr_client_secret_enc: expect.stringMatching(/^v1\./), ehr_auth_method: 'client_secret_post' });

  const switched = await api(service, 'PUT', '/api/patients/config', { ...own, mode: 'ehr', connection: { ...connection, authMethod: 'private_key_jwt' } });
  expect(await switched.json()).toMatchObject({ connection: { authMethod: 'private_key_jwt', hasSecret: false } });
  expect(await secretOf()).toEqual({ ehr_client_secret_enc: null, ehr_auth_method: 'private_key_jwt' });
});

it('searches the EHR by name and by MRN, then keeps three patients on a list with location and vitals', async () => {
  const zoe = SANDBOX_FIXTURES.nonAscii;
  const byName = (await (await api(service, 'GET', `/api/patients/search?q=${encodeURIComponent('Ångström')}&${query}`)).json()) as { patients: { id: string; mrn: string }[] };
  expect(byName.patients.map((p) => p.id)).toContain(zoe.id);
  const byMrn = (await (await api(service, 'GET', `/api/patients/search?q=${SANDBOX_FIXTURES.first.mrn}&${query}`)).json()) as { patients: { id: string }[] };
  expect(byMrn.patients.map((p) => p.id)).toEqual([SANDBOX_FIXTURES.first.id]);

  const list = (await (await api(service, 'POST', '/api/lists', { ...channel, name: 'Cardiology' })).json()) as { id: string };
  for (const id of [zoe.id, SANDBOX_FIXTURES.first.id, SANDBOX_FIXTURES.noEncounter.id]) {
    expect((await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: id })).status).toBe(201);
  }
  expect((await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: zoe.id })).status).toBe(409);

  const view = (await (await api(service, 'GET', `/api/lists/${list.id}`)).json()) as { rows: Row[] };
  const rowOf = (id: string) => view.rows.find((row) => row.summary.patient.id === id);
  expect(rowOf(zoe.id)?.summary.patient).toMatchObject({ name: expect.stringContaining('Ångström'), mrn: zoe.mrn });
  expect(rowOf(SANDBOX_FIXTURES.first.id)?.summary.encounter).toMatchObject({ status: 'ok', value: { location: expect.any(String), attending: expect.any(String) } });
  expect(rowOf(SANDBOX_FIXTURES.first.id)?.summary.vitals).toMatchObject({ status: 'ok', value: expect.arrayContaining([expect.objectContaining({ code: 'heartRate' })]) });
  expect(rowOf(SANDBOX_FIXTURES.noEncounter.id)?.summary.encounter).toMatchObject({ status: 'ok', value: null });
});

it('shows the latest labs of an EHR patient, flagged, on a list with the Labs column and in its CSV', async () => {
  const first = SANDBOX_FIXTURES.first;
  const list = (await (await api(service, 'POST', '/api/lists', { ...channel, name: 'Renal', columns: ['name', 'vitals', 'labs'] })).json()) as { id: string; columns: string[] };
  expect(list.columns).toEqual(['name', 'vitals', 'labs']);
  expect((await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: first.id })).status).toBe(201);
  expect((await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: SANDBOX_FIXTURES.noEncounter.id })).status).toBe(201);

  const view = (await (await api(service, 'GET', `/api/lists/${list.id}`)).json()) as { rows: Row[] };
  const labsOf = (id: string) => view.rows.find((row) => row.summary.patient.id === id)?.summary.labs;
  expect(labsOf(first.id)).toMatchObject({
    status: 'ok',
    value: expect.arrayContaining([
      expect.objectContaining({ code: '2823-3', label: 'Potassium', display: '5.9 mmol/L', flag: 'high' }),
      expect.objectContaining({ code: '718-7', label: 'Haemoglobin', display: '9.8 g/dL', flag: 'low' }),
    ]),
  });
  // An outpatient with no labs has none, not an error.
  expect(labsOf(SANDBOX_FIXTURES.noEncounter.id)).toMatchObject({ status: 'ok', value: [] });

  const records: string[][] = parse(await (await api(service, 'GET', `/api/lists/${list.id}/export.csv`)).text(), { bom: true });
  const [header, ...lines] = records;
  const potassium = header?.indexOf('Potassium') ?? -1;
  expect(header?.[potassium + 1]).toMatch(/^Potassium time \(/);
  expect(lines.map((line) => line[potassium])).toContain('5.9 mmol/L (high)');
});

it('answers a patient summary with or without a channel (organisation default)', async () => {
  const withChannel = await api(service, 'GET', `/api/patients/${SANDBOX_FIXTURES.first.id}?${query}`);
  expect(withChannel.status).toBe(200);
  expect(await withChannel.json()).toMatchObject({ patient: { id: SANDBOX_FIXTURES.first.id, mrn: SANDBOX_FIXTURES.first.mrn } });

  expect((await api(service, 'GET', `/api/patients/${SANDBOX_FIXTURES.first.id}`)).status).toBe(200);
  expect((await api(service, 'GET', `/api/patients/search?q=${SANDBOX_FIXTURES.first.mrn}`)).status).toBe(200);
  expect((await api(service, 'GET', `/api/patients/pat-does-not-exist?${query}`)).status).toBe(404);
});

it('stores a channel’s own connection with its secret encrypted, never returns it, and reports bad credentials', async () => {
  const other = { teamId: 'team-ehr', channelId: 'chan-own-ehr' };
  const connection = { name: 'Wrong secret', baseUrl: service.sandboxUrl, clientId: 'rounds-local', clientSecret: 'definitely-wrong-secret', authMethod: 'client_secret_basic' };

  const test = await (await api(service, 'POST', '/api/patients/config/test', { ...other, connection })).json();
  expect(test).toMatchObject({ ok: false, problem: 'bad_credentials' });

  const saved = await api(service, 'PUT', '/api/patients/config', { ...other, mode: 'ehr', connection });
  expect(saved.status).toBe(200);
  const body = await saved.text();
  expect(body).not.toContain('definitely-wrong-secret');
  expect(JSON.parse(body)).toMatchObject({ connection: { name: 'Wrong secret', hasSecret: true } });
  const stored = await service.db.query<{ ehr_client_secret_enc: string }>("SELECT ehr_client_secret_enc FROM channel_settings WHERE channel_id = 'chan-own-ehr'");
  expect(stored[0]?.ehr_client_secret_enc).toMatch(/^v1\./);
  expect(stored[0]?.ehr_client_secret_enc).not.toContain('definitely-wrong-secret');

  // A list on a channel whose EHR refuses Rounds still opens: every part says why it is missing.
  const list = (await (await api(service, 'POST', '/api/lists', { ...other, name: 'Degraded' })).json()) as { id: string };
  await service.db.query("INSERT INTO list_entries (list_id, source, patient_id, snapshot, added_by) VALUES ($1, 'ehr', 'pat-0001', $2::jsonb, 'x')", [
    list.id,
    JSON.stringify({ id: 'pat-0001', name: 'Snapshot Name', givenName: null, familyName: null, mrn: 'M', birthDate: null, gender: null, deceased: false }),
  ]);
  const view = await api(service, 'GET', `/api/lists/${list.id}`);
  expect(view.status).toBe(200);
  const rows = ((await view.json()) as { rows: Row[] }).rows;
  expect(rows[0]?.summary.patient.name).toBe('Snapshot Name');
  expect(rows[0]?.summary.vitals).toMatchObject({ status: 'error', reason: expect.stringMatching(/credentials/) });
});

it('audits searches and patient views without storing names', async () => {
  const rows = await service.db.query<{ action: string; patient_ref: string | null }>("SELECT action, patient_ref FROM audit_log WHERE team_id = 'team-ehr' OR team_id IS NULL");
  const actions = rows.map((row) => row.action);
  expect(actions).toEqual(expect.arrayContaining(['patient.search', 'patient.view', 'patient.add', 'list.view', 'connection.set']));
  expect(rows.filter((row) => row.action === 'patient.add').map((row) => row.patient_ref)).toEqual(
    expect.arrayContaining([SANDBOX_FIXTURES.nonAscii.id, SANDBOX_FIXTURES.first.id]),
  );
  expect(JSON.stringify(rows)).not.toMatch(/Ångström/);
});
