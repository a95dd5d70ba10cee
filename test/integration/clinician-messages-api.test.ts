/**
 * Clinician messages over the tab API, real HTTP, dev mode (the one "Dev Clinician", a member of every
 * team): sending about a patient on a list (by hand and from the EHR sandbox), the patient's threads,
 * acknowledgement and replies, roles with and without someone on duty, refusals, and the audit trail.
 * Messages between two other clinicians (or to the dev user) are written straight into the store,
 * since dev mode has only one user to send as.
 */
import { randomUUID } from 'node:crypto';
import type { MessageDto, PatientMessages } from '../../bot/src/contracts/messages-api';
import type { NewMessage } from '../../bot/src/domain/messages/message-types';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SANDBOX_FIXTURES } from '../../bot/src/sandbox/sandbox-fixtures';
import { SqlMessageStore } from '../../bot/src/storage/sql-message-store';
import { SqlRosterStore } from '../../bot/src/storage/sql-roster-store';
import { startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let service: RoundsService;
const manualChannel = { teamId: 'team-msg', channelId: 'chan-msg-manual' };
const ehrChannel = { teamId: 'team-msg', channelId: 'chan-msg-ehr' };
const dev = { aadObjectId: 'dev-user', name: 'Dev Clinician' };
const lee = { aadObjectId: 'lee-oid', name: 'Dr Lee' };
const chen = { aadObjectId: 'chen-oid', name: 'Dr Chen' };
const kim = { aadObjectId: 'kim-oid', name: 'Dr Kim' };
const PATIENT = { name: 'Zoë Ångström', mrn: 'M-200', location: 'Ward 7, Bed 4' };
let listId: string;
let entryId: string;

const key = () => randomUUID();
const threadUrl = (list: string, entry: string) => `/api/lists/${list}/patients/${entry}/messages`;

beforeAll(async () => {
  service = await startRoundsForTest();
  expect((await api(service, 'PUT', '/api/patients/config', { ...manualChannel, mode: 'manual' })).status).toBe(200);
  const list = (await (await api(service, 'POST', '/api/lists', { ...manualChannel, name: 'Ward 7' })).json()) as { id: string };
  listId = list.id;
  const row = (await (await api(service, 'POST', `/api/lists/${listId}/patients`, { manual: PATIENT })).json()) as { entryId: string };
  entryId = row.entryId;
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

async function send(body: Record<string, unknown>): Promise<Response> {
  return api(service, 'POST', '/api/clinician-messages', { priority: 'routine', text: 'Please review the K+ result', listEntryId: entryId, idempotencyKey: key(), ...body });
}

async function threads(list = listId, entry = entryId): Promise<PatientMessages['threads']> {
  const response = await api(service, 'GET', threadUrl(list, entry));
  expect(response.status).toBe(200);
  return ((await response.json()) as PatientMessages).threads;
}

/** A message written into the store as if another clinician had sent it from this patient's panel. */
async function seed(sender: typeof dev, recipient: typeof dev, text: string, sentAt = new Date()): Promise<string> {
  const id = randomUUID();
  const message: NewMessage = {
    id,
    threadId: id,
    inReplyTo: null,
    tenantId: 'dev-tenant',
    sender,
    recipient,
    role: null,
    backup: null,
    priority: 'urgent',
    patient: { ref: entryId, source: 'manual', name: PATIENT.name, mrn: PATIENT.mrn, location: PATIENT.location },
    text,
    team: manualChannel,
    sentAt,
  };
  await new SqlMessageStore(service.db).create(message, [], null);
  return id;
}

const messageCount = async () => Number((await service.db.query<{ n: string }>('SELECT count(*) AS n FROM clinician_messages'))[0]?.n);

it('sends about a hand-entered patient, once per idempotency key, and shows it in the patient’s threads', async () => {
  const idempotencyKey = key();
  const first = await send({ to: { kind: 'person', person: lee }, idempotencyKey, text: '  Please review the K+ result  ' });
  expect(first.status).toBe(201);
  const sent = (await first.json()) as MessageDto;
  expect(sent).toMatchObject({
    sender: dev,
    recipient: lee,
    role: null,
    priority: 'routine',
    text: 'Please review the K+ result',
    // From the list entry on the server, not from the browser.
    patient: { ref: entryId, source: 'manual', name: PATIENT.name, mrn: PATIENT.mrn, location: PATIENT.location },
    acknowledgedAt: null,
    canAcknowledge: false,
    canReply: true,
  });

  const again = await send({ to: { kind: 'person', person: lee }, idempotencyKey, text: 'Please review the K+ result' });
  expect(again.status).toBe(201);
  expect(((await again.json()) as MessageDto).id).toBe(sent.id);

  const shown = (await threads()).filter((thread) => thread.message.id === sent.id);
  expect(shown).toHaveLength(1);
  expect(shown[0]?.replies).toEqual([]);
});

it('takes the name, MRN and current location of an EHR patient from the EHR', async () => {
  expect((await api(service, 'PUT', '/api/patients/config', { ...ehrChannel, mode: 'ehr' })).status).toBe(200);
  const list = (await (await api(service, 'POST', '/api/lists', { ...ehrChannel, name: 'ICU' })).json()) as { id: string };
  const patient = SANDBOX_FIXTURES.first;
  const added = await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: patient.id });
  expect(added.status).toBe(201);
  const row = (await added.json()) as { entryId: string; summary: { patient: { name: string; mrn: string }; encounter: { status: string; value?: { location: string | null } } } };

  const response = await send({ to: { kind: 'person', person: lee }, listEntryId: row.entryId, priority: 'stat' });

  expect(response.status).toBe(201);
  const sent = (await response.json()) as MessageDto;
  expect(sent.patient).toEqual({
    ref: patient.id,
    source: 'ehr',
    name: row.summary.patient.name,
    mrn: row.summary.patient.mrn,
    location: row.summary.encounter.status === 'ok' ? (row.summary.encounter.value?.location ?? null) : null,
  });
  expect(sent.patient?.location).toEqual(expect.any(String));
  expect((await threads(list.id, row.entryId)).map((thread) => thread.message.id)).toEqual([sent.id]);
  // A card's link names the patient by this reference; the tab finds the entry with it.
  const places = await api(service, 'GET', `/api/list-entries?teamId=${ehrChannel.teamId}&channelId=${ehrChannel.channelId}&ref=${patient.id}`);
  expect(await places.json()).toEqual({ entries: [{ listId: list.id, entryId: row.entryId }] });
});

it('still sends when the EHR cannot be reached: the banner from when the patient was added, no location', async () => {
  const channel = { teamId: 'team-msg', channelId: 'chan-msg-ehr-down' };
  expect((await api(service, 'PUT', '/api/patients/config', { ...channel, mode: 'ehr' })).status).toBe(200);
  const list = (await (await api(service, 'POST', '/api/lists', { ...channel, name: 'HDU' })).json()) as { id: string };
  const patient = SANDBOX_FIXTURES.nonAscii;
  const row = (await (await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: patient.id })).json()) as { entryId: string; summary: { patient: { name: string; mrn: string } } };
  // The channel's EHR moves to an address where nothing answers.
  const down = { name: 'Down', baseUrl: 'http://127.0.0.1:9/fhir', clientId: 'rounds', clientSecret: 'secret' };
  expect((await api(service, 'PUT', '/api/patients/config', { ...channel, mode: 'ehr', connection: down })).status).toBe(200);

  const response = await send({ to: { kind: 'person', person: lee }, listEntryId: row.entryId });

  expect(response.status).toBe(201);
  expect(((await response.json()) as MessageDto).patient).toEqual({ ref: patient.id, source: 'ehr', name: row.summary.patient.name, mrn: row.summary.patient.mrn, location: null });
});

it('lets the team read a message between two colleagues, but only they may acknowledge or answer it', async () => {
  const id = await seed(lee, chen, 'Between Lee and Chen');

  const thread = (await threads()).find((candidate) => candidate.message.id === id);
  expect(thread?.message).toMatchObject({ sender: lee, recipient: chen, canAcknowledge: false, canReply: false });

  const ack = await api(service, 'POST', `/api/clinician-messages/${id}/acknowledge`);
  expect(ack.status).toBe(403);
  const reply = await api(service, 'POST', `/api/clinician-messages/${id}/replies`, { text: 'I can take it' });
  expect(reply.status).toBe(403);
  expect((await threads()).find((candidate) => candidate.message.id === id)).toMatchObject({ message: { acknowledgedAt: null }, replies: [] });
});

it('acknowledges a message for me (twice is harmless) and threads my reply under it, to its sender', async () => {
  const id = await seed(kim, dev, 'Can you see Ms Ångström before noon?');
  expect((await threads()).find((thread) => thread.message.id === id)?.message).toMatchObject({ canAcknowledge: true, canReply: true });

  const ack = await api(service, 'POST', `/api/clinician-messages/${id}/acknowledge`);
  expect(ack.status).toBe(200);
  const acknowledged = (await ack.json()) as MessageDto;
  expect(acknowledged).toMatchObject({ acknowledgedBy: dev, canAcknowledge: false });
  expect(acknowledged.events.map((event) => event.kind)).toContain('acknowledged');
  const twice = (await (await api(service, 'POST', `/api/clinician-messages/${id}/acknowledge`)).json()) as MessageDto;
  expect(twice.acknowledgedAt).toBe(acknowledged.acknowledgedAt);

  const response = await api(service, 'POST', `/api/clinician-messages/${id}/replies`, { text: ' On my way ' });
  expect(response.status).toBe(201);
  const reply = (await response.json()) as MessageDto;
  expect(reply).toMatchObject({ threadId: id, inReplyTo: id, sender: dev, recipient: kim, text: 'On my way', patient: { ref: entryId } });

  const thread = (await threads()).find((candidate) => candidate.message.id === id);
  expect(thread?.replies.map((item) => item.id)).toEqual([reply.id]);
  expect(thread?.message.events.map((event) => event.kind)).toEqual(expect.arrayContaining(['acknowledged', 'replied']));
});

it('lists the newest thread first', async () => {
  const older = await seed(lee, dev, 'Older', new Date(Date.now() - 60_000));
  const newer = await seed(chen, dev, 'Newer', new Date(Date.now() - 30_000));
  const ids = (await threads()).map((thread) => thread.message.id);
  expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
});

it('sends to whoever is on duty for a role, and refuses (storing nothing) when nobody is', async () => {
  const now = Date.now();
  await new SqlRosterStore(service.db).add('dev-tenant', { role: 'Cardiology on call', person: lee, backup: chen, start: new Date(now - 3_600_000), end: new Date(now + 3_600_000) }, kim, new Date());

  const onDuty = await send({ to: { kind: 'role', role: 'cardiology' }, priority: 'urgent' });
  expect(onDuty.status).toBe(201);
  expect(await onDuty.json()).toMatchObject({ recipient: lee, backup: chen, role: 'Cardiology on call', priority: 'urgent' });

  const before = await messageCount();
  const nobody = await send({ to: { kind: 'role', role: 'Nephrology on call' } });
  expect(nobody.status).toBe(404);
  const body = (await nobody.json()) as { error: { code: string; field: string; message: string } };
  expect(body.error).toMatchObject({ code: 'not_found', field: 'to' });
  expect(body.error.message).toMatch(/No one is on call as "Nephrology on call"/);
  expect(await messageCount()).toBe(before);
});

it('refuses bad input with the field to fix, and sends nothing', async () => {
  const before = await messageCount();
  const person = { kind: 'person', person: lee };
  const cases: [Record<string, unknown>, number, string][] = [
    [{ to: person, text: '   ' }, 400, 'text'],
    [{ to: person, text: 'x'.repeat(2001) }, 400, 'text'],
    [{ to: person, priority: 'high' }, 400, 'priority'],
    [{ to: { kind: 'pager' } }, 400, 'to.kind'],
    [{ to: { kind: 'person' } }, 400, 'to.person'],
    [{ to: { kind: 'role', role: ' ' } }, 400, 'to.role'],
    [{ to: { kind: 'person', person: dev } }, 400, 'to'],
    [{ to: person, idempotencyKey: 'short' }, 400, 'idempotencyKey'],
    [{ to: person, listEntryId: randomUUID() }, 404, 'listEntryId'],
  ];
  for (const [body, status, field] of cases) {
    const response = await send(body);
    expect({ body, status: response.status, field: ((await response.json()) as { error: { field?: string } }).error.field }).toEqual({ body, status, field });
  }
  expect(await messageCount()).toBe(before);

  expect((await api(service, 'POST', '/api/clinician-messages/not-a-uuid/acknowledge')).status).toBe(400);
  expect((await api(service, 'POST', `/api/clinician-messages/${randomUUID()}/acknowledge`)).status).toBe(404);
  expect((await api(service, 'POST', `/api/clinician-messages/${randomUUID()}/replies`, { text: '' })).status).toBe(400);
  expect((await api(service, 'GET', threadUrl(listId, randomUUID()))).status).toBe(404);
});

it('finds where a hand-entered patient is on the channel’s lists by entry id', async () => {
  const query = (ref: string) => `/api/list-entries?teamId=${manualChannel.teamId}&channelId=${manualChannel.channelId}&ref=${ref}`;
  expect(await (await api(service, 'GET', query(entryId))).json()).toEqual({ entries: [{ listId, entryId }] });
  expect(await (await api(service, 'GET', query('pat-unknown'))).json()).toEqual({ entries: [] });
  expect((await api(service, 'GET', `/api/list-entries?teamId=${manualChannel.teamId}&channelId=${manualChannel.channelId}`)).status).toBe(400);
});

it('audits every send, read, acknowledgement and reply with the patient’s reference, never a name or the text', async () => {
  const rows = await service.db.query<{ action: string; patient_ref: string | null; team_id: string | null; channel_id: string | null; detail: unknown }>(
    "SELECT action, patient_ref, team_id, channel_id, detail FROM audit_log WHERE action LIKE 'message.%' AND channel_id = $1 ORDER BY id",
    [manualChannel.channelId],
  );
  const actions = new Set(rows.map((row) => row.action));
  for (const action of ['message.send', 'message.thread', 'message.acknowledge', 'message.reply']) expect(actions).toContain(action);
  expect(rows.every((row) => row.patient_ref === entryId && row.team_id === manualChannel.teamId)).toBe(true);
  // Each read of the patient's threads is one row.
  expect(rows.filter((row) => row.action === 'message.thread').length).toBeGreaterThanOrEqual(6);
  expect(JSON.stringify(rows)).not.toMatch(/Ångström|K\+|On my way/);
});
