/**
 * Scheduling from a Patients list entry over real HTTP: a family call for an EHR inpatient (the FHIR
 * sandbox, whose first patient has a mobile and an email in Patient.telecom) with a guest, a follow-up
 * for a patient entered by hand, the field errors the dialog shows, the audit trail, and the refusal
 * of a caller whose membership of the list's team cannot be confirmed.
 */
import { randomUUID } from 'node:crypto';
import type { EntryVisitsResponse, VisitDraftDto, VisitDto } from '../../bot/src/contracts/visits-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SANDBOX_FIXTURES } from '../../bot/src/sandbox/sandbox-fixtures';
import { SqlListStore } from '../../bot/src/storage/sql-list-store';
import { SqlTeamSettingsStore } from '../../bot/src/storage/sql-team-settings-store';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { type CapturedLogs, NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const ehrChannel = { teamId: 'team-sched', channelId: 'chan-sched-ehr' };
const manualChannel = { teamId: 'team-sched', channelId: 'chan-sched-manual' };
const COORDINATION = '19:coordination@thread.tacv2';
const FIRST_MOBILE = '+12025550100';
const FIRST_EMAIL = `${SANDBOX_FIXTURES.first.id}@example.org`;

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const inAnHour = () => inHours(1);
const visitsUrl = (listId: string, entryId: string) => `/api/lists/${listId}/patients/${entryId}/visits`;
type ErrorBody = { error: { code: string; message: string; field: string | null } };

describe('scheduling from a Patients row (dev mode, FHIR sandbox)', () => {
  let service: RoundsService;
  let me: { userId: string; name: string; tenantId: string };
  let ehr: { listId: string; entryId: string };
  let manual: { listId: string; entryId: string };
  const logs: CapturedLogs = { lines: [] };

  beforeAll(async () => {
    service = await startRoundsForTest({}, logs);
    me = (await (await api(service, 'GET', '/api/me')).json()) as typeof me;
    expect((await api(service, 'PUT', '/api/patients/config', { ...ehrChannel, mode: 'ehr' })).status).toBe(200);
    expect((await api(service, 'PUT', '/api/patients/config', { ...manualChannel, mode: 'manual' })).status).toBe(200);
    const ehrList = (await (await api(service, 'POST', '/api/lists', { ...ehrChannel, name: 'Ward 3A' })).json()) as { id: string };
    const ehrRow = (await (await api(service, 'POST', `/api/lists/${ehrList.id}/patients`, { patientId: SANDBOX_FIXTURES.first.id })).json()) as { entryId: string };
    ehr = { listId: ehrList.id, entryId: ehrRow.entryId };
    const manualList = (await (await api(service, 'POST', '/api/lists', { ...manualChannel, name: 'Discharged' })).json()) as { id: string };
    const manualRow = (await (await api(service, 'POST', `/api/lists/${manualList.id}/patients`, { manual: { name: 'Tomasz Nowak', mrn: 'M-77' } })).json()) as { entryId: string };
    manual = { listId: manualList.id, entryId: manualRow.entryId };
    await new SqlTeamSettingsStore(service.db).setCoordinationChannel({
      tenantId: me.tenantId,
      teamId: ehrChannel.teamId,
      channelId: 'chan-coordination',
      conversationId: COORDINATION,
      setBy: { id: me.userId, name: me.name },
      setAt: new Date(),
    });
  }, SERVICE_START_TIMEOUT_MS);

  afterAll(async () => {
    await service?.close();
  });

  const audit = (action: string) =>
    service.db.query<{ action: string; patient_ref: string | null; detail: Record<string, unknown> }>('SELECT action, patient_ref, detail FROM audit_log WHERE action = $1 ORDER BY id', [action]);

  it('prepares the dialog with the phone and email of Patient.telecom and the telehealth visit types, and audits the read', async () => {
    const response = await api(service, 'GET', `/api/lists/${ehr.listId}/patients/${ehr.entryId}/visit-draft`);
    expect(response.status).toBe(200);
    const draft = (await response.json()) as VisitDraftDto;
    expect(draft.contact).toEqual({ phone: FIRST_MOBILE, email: FIRST_EMAIL });
    expect(draft.patient).toEqual({ name: expect.stringContaining('Okafor'), source: 'ehr' });
    expect(draft.visitTypes.map((type) => type.key)).toEqual(expect.arrayContaining(['video', 'family-call', 'follow-up']));
    expect(await audit('visit.prepare')).toEqual([expect.objectContaining({ patient_ref: SANDBOX_FIXTURES.first.id })]);
  });

  it('keeps the phone and email off the list page', async () => {
    const list = await (await api(service, 'GET', `/api/lists/${ehr.listId}`)).text();
    expect(list).toContain('Okafor');
    expect(list).not.toContain(FIRST_MOBILE);
    expect(list).not.toContain(FIRST_EMAIL);
  });

  it('books a family call for the inpatient with a guest: the type’s duration, the caller as clinician, the card for the coordination channel, audited', async () => {
    const idempotencyKey = randomUUID();
    const body = {
      visitType: 'family-call',
      start: inAnHour(),
      timeZone: 'Europe/London',
      guests: [{ name: 'Ada Okafor', relationship: 'daughter', email: 'ada@example.org' }],
      idempotencyKey,
    };
    const response = await api(service, 'POST', visitsUrl(ehr.listId, ehr.entryId), body);
    expect(response.status).toBe(201);
    const visit = (await response.json()) as VisitDto;
    expect(visit).toMatchObject({
      status: 'scheduled',
      visitType: 'family-call',
      durationMinutes: 30,
      patient: { id: SANDBOX_FIXTURES.first.id, mrn: SANDBOX_FIXTURES.first.mrn },
      clinicians: [{ aadObjectId: me.userId, name: me.name }],
      teamId: ehrChannel.teamId,
      channelId: ehrChannel.channelId,
      // No contact was given: the patient joins from the ward's device, only the guest is told.
      notify: [],
      guests: [{ name: 'Ada Okafor', relationship: 'daughter', joinUrl: expect.stringMatching(/\/lobby\//) }],
    });
    expect(visit.guests[0]?.joinUrl).not.toBe(visit.patientJoinUrl);

    const again = (await (await api(service, 'POST', visitsUrl(ehr.listId, ehr.entryId), body)).json()) as VisitDto;
    expect(again.id).toBe(visit.id);

    const posts = await service.db.query<{ payload: { visitId: string; conversationId: string } }>("SELECT payload FROM jobs WHERE kind = 'visit.post-card'");
    expect(posts.map((job) => job.payload)).toContainEqual(expect.objectContaining({ visitId: visit.id, conversationId: COORDINATION }));
    const created = await audit('visit.create');
    expect(created).toEqual([expect.objectContaining({ patient_ref: SANDBOX_FIXTURES.first.id, detail: { visitId: visit.id } })]);
    expect(JSON.stringify(created)).not.toContain('Okafor');

    // The row offers the bedside link afterwards: the entry's visits carry the patient's join link.
    const listed = (await (await api(service, 'GET', visitsUrl(ehr.listId, ehr.entryId))).json()) as EntryVisitsResponse;
    expect(listed.visits.map((found) => [found.id, found.patientJoinUrl])).toEqual([[visit.id, visit.patientJoinUrl]]);
  });

  it('books a follow-up for a patient entered by hand, telling them on the contacts typed in the dialog', async () => {
    const draft = (await (await api(service, 'GET', `/api/lists/${manual.listId}/patients/${manual.entryId}/visit-draft`)).json()) as VisitDraftDto;
    expect(draft.contact).toEqual({ phone: null, email: null });

    const response = await api(service, 'POST', visitsUrl(manual.listId, manual.entryId), {
      visitType: 'follow-up',
      // Not at the family call's time: the same clinician (the caller) cannot be in two visits.
      start: inHours(3),
      durationMinutes: 15,
      timeZone: 'UTC',
      patientContact: { phone: '+447700900123' },
      idempotencyKey: randomUUID(),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ visitType: 'follow-up', durationMinutes: 15, patient: { id: null, name: 'Tomasz Nowak' }, notify: ['sms'], guests: [] });
  });

  it.each([
    ['a phone not in international format', { patientContact: { phone: '07700 900123' } }, 'patientContact.phone'],
    ['a guest without a phone or an email', { guests: [{ name: 'Ada Okafor' }] }, 'guests.0.phone'],
    ['an unknown visit type', { visitType: 'massage' }, 'visitType'],
    ['a time in the past', { start: '2020-01-01T10:00:00Z' }, 'start'],
  ])('answers %s with 400 naming the field, and books nothing', async (_case, change, field) => {
    const before = (await service.db.query<{ n: string }>('SELECT count(*) AS n FROM visits'))[0]?.n;
    const response = await api(service, 'POST', visitsUrl(manual.listId, manual.entryId), {
      visitType: 'follow-up',
      start: inAnHour(),
      timeZone: 'UTC',
      idempotencyKey: randomUUID(),
      ...change,
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ code: 'validation', field });
    expect(error.message).not.toContain('Tomasz');
    expect((await service.db.query<{ n: string }>('SELECT count(*) AS n FROM visits'))[0]?.n).toBe(before);
  });

  it('writes no patient or guest name, phone or email to its logs', async () => {
    const written = logs.lines.join('');
    expect(written).toContain('/api/lists/:listId/patients/:entryId/visits');
    for (const phi of ['Okafor', 'Nowak', FIRST_MOBILE, FIRST_EMAIL, '+447700900123', 'ada@example.org']) expect(written).not.toContain(phi);
  });

  it('refuses an entry that is not on the list named in the address (404)', async () => {
    const response = await api(service, 'POST', visitsUrl(ehr.listId, manual.entryId), { visitType: 'video', start: inAnHour(), timeZone: 'UTC', idempotencyKey: randomUUID() });
    expect(response.status).toBe(404);
  });
});

describe('scheduling from a Patients row, signed in with Teams SSO', () => {
  let entra: FakeEntra;
  let service: RoundsService;

  beforeAll(async () => {
    entra = await startFakeEntra();
    service = await startRoundsForTest({ ...NO_SANDBOX, ...signedInDeployment(entra) });
  }, SERVICE_START_TIMEOUT_MS);

  afterAll(async () => {
    await service?.close();
    await entra?.close();
  });

  it('refuses a caller whose membership of the list’s team cannot be confirmed (403), and one without a token (401)', async () => {
    const store = new SqlListStore(service.db);
    const list = await store.create({ tenantId: SSO_TENANT_ID, teamId: 'team-elsewhere', channelId: 'chan-elsewhere' }, { name: 'Ward 9', columns: [] }, 'someone');
    const entry = await store.addEntry(list.id, { source: 'manual', manual: { name: 'Nell Price' } }, 'someone');
    const body = { visitType: 'video', start: inAnHour(), timeZone: 'UTC', idempotencyKey: randomUUID() };
    const auth = { authorization: `Bearer ${entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID))}` };

    const refused = await api(service, 'POST', visitsUrl(list.id, entry.id), body, auth);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('forbidden');
    expect((await api(service, 'GET', `/api/lists/${list.id}/patients/${entry.id}/visit-draft`, undefined, auth)).status).toBe(403);
    expect((await api(service, 'POST', visitsUrl(list.id, entry.id), body)).status).toBe(401);
    expect(await service.db.query('SELECT id FROM visits')).toEqual([]);
  });
});
