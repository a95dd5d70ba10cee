/**
 * The FHIR gateway against the local R4 sandbox (Medplum's search over a synthetic hospital, SMART
 * configuration, batch Bundles, paging): US Core-style R4 search and summaries, the sandbox's awkward
 * patients, and the request counts of the batched path against the naive one.
 */
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import type { FhirConnection } from '../../bot/src/fhir/fhir-connection';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import type { GatewayOptions } from '../../bot/src/fhir/fhir-session';
import { naiveSummaries } from '../../bot/src/fhir/naive-summaries';
import { type FhirSandbox, SANDBOX_FIXTURES, startFhirSandbox } from '../../bot/src/sandbox/start-fhir-sandbox';
import { patientId } from '../../bot/src/sandbox/synthetic-ids';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const NOW = Date.parse('2024-06-11T09:00:00Z');
const TENANT = 'b2c7e7a4-5d1f-4f0e-8c3a-6f2d9e1a7b44';

let sandbox: FhirSandbox;
let connection: FhirConnection;

beforeAll(async () => {
  sandbox = await startFhirSandbox({ clientId: 'rounds-r4', clientSecret: 'r4-secret', now: () => NOW });
  connection = { baseUrl: sandbox.baseUrl, clientId: 'rounds-r4', clientSecret: 'r4-secret', tenantId: TENANT };
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => sandbox.resetCounters());

const options = (extra: GatewayOptions = {}): GatewayOptions => ({ now: () => NOW, caches: createFhirCaches(), ...extra });
const directory = (extra: GatewayOptions = {}) => createFhirPatientDirectory(connection, options(extra));

// One v2 scope per type Rounds reads and the sandbox lists (it does not list Medication).
const V2_SCOPES = ['Patient', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Coverage'].map((type) => `system/${type}.rs`);

it('passes the connection test: R4 via SMART configuration, client_secret_basic, tenant and v2 system scopes in scope', async () => {
  expect(await directory().testConnection()).toEqual({
    ok: true,
    fhirVersion: 'R4',
    message: 'FHIR R4 server, token OK with the client secret (client_secret_basic), Patient search OK',
  });
  expect(sandbox.tokenRequests).toEqual([{ clientId: 'rounds-r4', scope: [TENANT, ...V2_SCOPES].join(' '), authMethod: 'client_secret_basic' }]);
});

it('finds patients by family name, MRN, birth date and non-ASCII name', async () => {
  const patients = directory();
  const { first, nonAscii } = SANDBOX_FIXTURES;

  const byName = await patients.search({ query: first.family ?? '', limit: 20 });
  expect(byName).toContainEqual(
    expect.objectContaining({ id: first.id, mrn: first.mrn, familyName: first.family, givenName: first.given?.join(' '), birthDate: first.birthDate }),
  );
  expect((await patients.search({ query: first.mrn, limit: 20 })).map((patient) => patient.id)).toEqual([first.id]);
  expect((await patients.search({ query: first.birthDate, limit: 20 })).map((patient) => patient.id)).toContain(first.id);
  expect((await patients.search({ query: nonAscii.family ?? '', limit: 20 })).map((patient) => patient.name)).toContain('Zoë Ångström');
});

it('maps the awkward patients', async () => {
  const f = SANDBOX_FIXTURES;
  const summaries = await directory().summaries([f.first.id, f.noName.id, f.deceased.id, f.noEncounter.id, f.noVitals.id, f.staleVitals.id, f.mrnNotFirst.id, f.nickname.id, 'pat-9999']);

  expect(summaries.has('pat-9999')).toBe(false);
  const first = summaries.get(f.first.id);
  expect(first?.encounter).toMatchObject({ status: 'ok', value: { location: expect.stringMatching(/ · .* · /), attending: expect.any(String), status: 'in-progress' } });
  expect(first?.vitals).toMatchObject({ status: 'ok' });
  if (first?.vitals.status === 'ok') {
    expect(first.vitals.value.map((vital) => vital.code)).toEqual(['heartRate', 'bloodPressure', 'temperature', 'respiratoryRate', 'oxygenSaturation']);
    expect(first.vitals.value.every((vital) => !vital.stale)).toBe(true);
    expect(first.vitals.value.find((vital) => vital.code === 'bloodPressure')?.display).toMatch(/^\d+\/\d+ mmHg$/);
  }
  for (const part of ['labs', 'conditions', 'allergies', 'medications', 'coverage'] as const) expect(first?.[part].status).toBe('ok');

  expect(summaries.get(f.noName.id)?.patient).toMatchObject({ name: 'Unnamed patient', givenName: null, familyName: null });
  expect(summaries.get(f.deceased.id)?.patient.deceased).toBe(true);
  expect(summaries.get(f.deceased.id)?.encounter).toMatchObject({ status: 'ok', value: { status: 'finished' } });
  expect(summaries.get(f.noEncounter.id)?.encounter).toMatchObject({ status: 'ok', value: null });
  expect(summaries.get(f.noVitals.id)?.vitals).toMatchObject({ status: 'ok', value: [] });
  expect(summaries.get(f.noVitals.id)?.labs).toMatchObject({ status: 'ok', value: [] });
  const stale = summaries.get(f.staleVitals.id)?.vitals;
  expect(stale?.status === 'ok' && stale.value.length > 0 && stale.value.every((vital) => vital.stale)).toBe(true);
  expect(summaries.get(f.mrnNotFirst.id)?.patient.mrn).toBe(f.mrnNotFirst.mrn);
  expect(summaries.get(f.nickname.id)?.patient.name).toBe('Robert James Whitfield');
});

it('reads the latest of each lab with its unit as sent, flagged by the laboratory’s interpretation or else its reference range', async () => {
  const first = (await directory().summaries([SANDBOX_FIXTURES.first.id])).get(SANDBOX_FIXTURES.first.id);

  expect(first?.labs.status).toBe('ok');
  const labs = first?.labs.status === 'ok' ? first.labs.value : [];
  expect(labs.map((lab) => lab.label)).toEqual(['Potassium', 'Sodium', 'Creatinine', 'Urea', 'Glucose', 'Haemoglobin', 'White cells', 'Platelets']);
  // The latest draw, not the admission one: the fixture's values are the latest.
  expect(labs.find((lab) => lab.code === '2823-3')).toMatchObject({ display: '5.9 mmol/L', flag: 'high', stale: false });
  expect(labs.find((lab) => lab.code === '718-7')).toMatchObject({ display: '9.8 g/dL', flag: 'low' });
  expect(labs.find((lab) => lab.code === '6690-2')?.display).toMatch(/^\d+(\.\d)? 10\*3\/uL$/);
  const vitalsAt = first?.vitals.status === 'ok' ? Math.max(...first.vitals.value.map((vital) => Date.parse(vital.takenAt))) : NaN;
  expect(labs.every((lab) => Date.parse(lab.takenAt) === vitalsAt)).toBe(true);
});

it('summarises 100 patients in at most 10 FHIR requests, where the naive way needs one per patient per resource', async () => {
  const ids = Array.from({ length: 100 }, (_, index) => patientId(index));
  let sent = 0;

  const batched = await directory({ onRequest: () => sent++ }).summaries(ids);

  expect(batched.size).toBe(100);
  const parts = [...batched.values()].flatMap((summary) => [summary.encounter, summary.vitals, summary.labs, summary.conditions, summary.allergies, summary.medications, summary.coverage]);
  expect(parts.filter((part) => part.status !== 'ok')).toEqual([]);
  // metadata + smart-configuration + 4 batches of 25 patients; the token request is not a FHIR request.
  expect(sandbox.fhirRequestCount()).toBe(6);
  expect(sent).toBe(7);

  sandbox.resetCounters();
  const naive = await naiveSummaries(connection, ids, options());

  expect(naive).toEqual(batched);
  // metadata + smart-configuration + 100 × (Patient + 7 parts).
  expect(sandbox.fhirRequestCount()).toBe(2 + 100 * 8);
});
