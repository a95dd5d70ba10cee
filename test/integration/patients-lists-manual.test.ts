/**
 * The Patients tab's lists over real HTTP in manual mode (dev identity): lists, hand-entered
 * patients, notes, moves, CSV export, live change events and the audit trail.
 */
import { parse } from 'csv-parse/sync';
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api, openEventStream } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let service: RoundsService;
const channel = { teamId: 'team-manual', channelId: 'chan-manual' };

beforeAll(async () => {
  service = await startRoundsForTest(NO_SANDBOX);
  expect((await api(service, 'PUT', '/api/patients/config', { ...channel, mode: 'manual' })).status).toBe(200);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

async function createList(name: string) {
  const response = await api(service, 'POST', '/api/lists', { ...channel, name });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; isDefault: boolean; columns: string[] };
}

it('keeps hand-entered patients on rounding lists, with notes, moves and a CSV export', async () => {
  const ward = await createList('Ward 7 rounds');
  expect(ward).toMatchObject({ isDefault: true, columns: ['name', 'mrn', 'ageSex', 'location', 'attending', 'vitals'] });

  const added = await api(service, 'POST', `/api/lists/${ward.id}/patients`, {
    manual: { name: 'Zoë Ångström', mrn: 'M-100', birthDate: '1950-02-03', gender: 'female', location: 'Bed 4', attending: 'Dr Lee', freeText: 'NPO after midnight' },
  });
  expect(added.status).toBe(201);
  const row = (await added.json()) as { entryId: string; summary: { patient: { name: string }; encounter: unknown; vitals: unknown } };
  expect(row.summary.patient.name).toBe('Zoë Ångström');
  expect(row.summary.encounter).toMatchObject({ status: 'ok', value: { location: 'Bed 4', attending: 'Dr Lee' } });
  expect(row.summary.vitals).toEqual({ status: 'unavailable' });

  expect((await api(service, 'POST', `/api/lists/${ward.id}/patients/${row.entryId}/notes`, { text: 'Recheck K+ at 14:00' })).status).toBe(201);
  const edited = await api(service, 'PATCH', `/api/lists/${ward.id}/patients/${row.entryId}`, { name: 'Zoë Ångström', location: 'Bed 9' });
  expect(edited.status).toBe(200);

  const view = (await (await api(service, 'GET', `/api/lists/${ward.id}`)).json()) as { rows: { summary: { encounter: { value: { location: string } } }; notes: { text: string; authorName: string }[] }[] };
  expect(view.rows).toHaveLength(1);
  expect(view.rows[0]?.summary.encounter.value.location).toBe('Bed 9');
  expect(view.rows[0]?.notes).toEqual([expect.objectContaining({ text: 'Recheck K+ at 14:00', authorName: 'Dev Clinician' })]);

  const csv = await api(service, 'GET', `/api/lists/${ward.id}/export.csv`);
  expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  const bytes = new Uint8Array(await csv.arrayBuffer());
  // UTF-8's byte-order mark first, so spreadsheets read accents and "°C".
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  const records: string[][] = parse(text, { bom: true });
  const [header, first] = records;
  expect(header?.slice(0, 8)).toEqual(['Name', 'MRN', 'Birth date', 'Age', 'Sex', 'Location', 'Attending', 'Heart rate']);
  expect(header?.at(-1)).toBe('Notes');
  expect(first?.slice(0, 3)).toEqual(['Zoë Ångström', 'M-100', '1950-02-03']);

  const icu = await createList('ICU');
  expect((await api(service, 'POST', `/api/lists/${ward.id}/patients/${row.entryId}/move`, { toListId: icu.id })).status).toBe(204);
  expect(((await (await api(service, 'GET', `/api/lists/${icu.id}`)).json()) as { rows: unknown[] }).rows).toHaveLength(1);
  expect(((await (await api(service, 'GET', `/api/lists/${ward.id}`)).json()) as { rows: unknown[] }).rows).toHaveLength(0);
});

it('defuses spreadsheet formulas in the CSV export', async () => {
  const list = await createList('Formula check');
  await api(service, 'POST', `/api/lists/${list.id}/patients`, { manual: { name: '=HYPERLINK("http://evil")' } });

  const text = await (await api(service, 'GET', `/api/lists/${list.id}/export.csv`)).text();

  expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
});

it('refuses bad input with a message naming the field, and saves nothing', async () => {
  const list = await createList('Validation');
  const cases: [unknown, string][] = [
    [{ manual: { name: '' } }, 'manual.name'],
    [{ manual: { name: 'A B', birthDate: '2199-01-01' } }, 'manual.birthDate'],
    [{ manual: { name: 'A B', gender: 'x' } }, 'manual.gender'],
  ];
  for (const [body, field] of cases) {
    const response = await api(service, 'POST', `/api/lists/${list.id}/patients`, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
  }
  const ehr = await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: 'pat-0001' });
  expect(ehr.status).toBe(400);
  expect(((await ehr.json()) as { error: { message: string } }).error.message).toMatch(/keeps its patients by hand/);
  expect(((await (await api(service, 'GET', `/api/lists/${list.id}`)).json()) as { rows: unknown[] }).rows).toHaveLength(0);
  expect((await api(service, 'POST', '/api/lists', { ...channel, name: ' ' })).status).toBe(400);
  expect((await api(service, 'PATCH', `/api/lists/${list.id}`, { columns: ['name', 'shoe-size'] })).status).toBe(400);
  expect((await api(service, 'GET', '/api/lists/not-a-list')).status).toBe(404);
});

it('renames, changes columns, moves the default and deletes lists', async () => {
  const first = await createList('Alpha');
  const second = await createList('Beta');
  expect((await api(service, 'PATCH', `/api/lists/${second.id}`, { name: 'Beta renamed', columns: ['name', 'location'] })).status).toBe(200);
  expect((await api(service, 'PATCH', `/api/lists/${second.id}`, { isDefault: true })).status).toBe(200);

  const lists = ((await (await api(service, 'GET', `/api/lists?teamId=${channel.teamId}&channelId=${channel.channelId}`)).json()) as { lists: { id: string; name: string; isDefault: boolean; columns: string[] }[] }).lists;
  expect(lists.filter((list) => list.isDefault).map((list) => list.id)).toEqual([second.id]);
  expect(lists.find((list) => list.id === second.id)).toMatchObject({ name: 'Beta renamed', columns: ['name', 'location'] });

  expect((await api(service, 'DELETE', `/api/lists/${second.id}`)).status).toBe(204);
  const after = ((await (await api(service, 'GET', `/api/lists?teamId=${channel.teamId}&channelId=${channel.channelId}`)).json()) as { lists: { id: string; isDefault: boolean }[] }).lists;
  expect(after.some((list) => list.id === second.id)).toBe(false);
  expect(after.filter((list) => list.isDefault)).toHaveLength(1);
  expect(after.some((list) => list.id === first.id)).toBe(true);
});

it('tells everyone watching the channel when its lists change, without patient data', async () => {
  const stream = await openEventStream(service, channel);
  const list = await createList('Live');
  await api(service, 'POST', `/api/lists/${list.id}/patients`, { manual: { name: 'Søren Ørsted' } });

  const events = await stream.next(2);
  stream.close();

  expect(events).toEqual([
    { kind: 'lists', listId: null, by: 'Dev Clinician' },
    { kind: 'list', listId: list.id, by: 'Dev Clinician' },
  ]);
});

it('writes every read and change of patient data to the audit log, without names', async () => {
  const rows = await service.db.query<{ action: string; user_id: string; patient_ref: string | null; detail: unknown }>(
    "SELECT action, user_id, patient_ref, detail FROM audit_log WHERE team_id = 'team-manual' ORDER BY id",
  );
  const actions = new Set(rows.map((row) => row.action));
  for (const action of ['connection.set', 'list.create', 'patient.add', 'note.add', 'patient.edit', 'list.view', 'list.export', 'patient.move', 'list.rename', 'list.set_default', 'list.delete']) {
    expect(actions).toContain(action);
  }
  expect(rows.every((row) => row.user_id === 'dev-user')).toBe(true);
  expect(JSON.stringify(rows)).not.toMatch(/Ångström|Ørsted|HYPERLINK/);
});
