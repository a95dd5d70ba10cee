/**
 * The Patients tab's rules on in-memory stores: who may see a list, what a channel's mode allows, the
 * default list, moves, the census add, and the audit trail and change events every call leaves.
 */
import { MemoryAuditLog } from '../../storage/memory/memory-audit-log';
import { MemoryListStore } from '../../storage/memory/memory-list-store';
import { MemoryTables } from '../../storage/memory/memory-tables';
import { AppError } from '../shared/app-error';
import type { Census, PatientBanner, PatientDirectory, PatientSummary } from '../patients/patient-summary';
import { ListService, type ChannelMode } from './list-service';
import type { Actor, ChannelRef } from '../shared/actor';

const NOW = new Date('2026-12-07T08:00:00Z');
const KIM: Actor = { userId: 'kim', tenantId: 'tenant-a', name: 'Dr Kim' };
const OUTSIDER: Actor = { userId: 'stranger', tenantId: 'tenant-a', name: 'Dr Stranger' };
const OTHER_TENANT: Actor = { userId: 'kim', tenantId: 'tenant-b', name: 'Dr Kim' };
const WARD: ChannelRef = { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'ward-7' };
const CLINIC: ChannelRef = { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'clinic' };

const banner = (id: string, name: string): PatientBanner => ({ id, name, givenName: null, familyName: null, mrn: `MRN-${id}`, birthDate: null, gender: null, deceased: false });
const summary = (patient: PatientBanner): PatientSummary => {
  const ok = { status: 'ok' as const, value: [], asOf: NOW.toISOString() };
  return { patient, encounter: { status: 'ok', value: { location: 'Bed 4', attending: null, admittedAt: null, status: 'in-progress' }, asOf: NOW.toISOString() }, vitals: ok, labs: ok, conditions: ok, allergies: ok, medications: ok, coverage: ok };
};

/** The EHR: a few patients, one ward's census, and a switch to make it unreachable. */
class FakeEhr implements PatientDirectory {
  down = false;
  readonly patients = new Map([banner('p1', 'Jane Doe'), banner('p2', 'John Roe'), banner('p3', 'Ann Poe')].map((patient) => [patient.id, patient]));
  ward: Census = { patients: [...this.patients.values()].map((patient) => ({ patient, location: 'Ward 7' })), truncated: false };

  async search(): Promise<PatientBanner[]> {
    return [...this.patients.values()];
  }
  async censusSources() {
    return [{ kind: 'location' as const, id: 'ward-7', name: 'Ward 7', detail: null }];
  }
  async census(): Promise<Census> {
    return this.ward;
  }
  async summaries(ids: readonly string[]): Promise<Map<string, PatientSummary>> {
    if (this.down) throw new AppError('unavailable', 'The EHR is not answering.');
    return new Map(ids.flatMap((id) => (this.patients.has(id) ? [[id, summary(this.patients.get(id)!)] as const] : [])));
  }
}

function setup(modes: Record<string, ChannelMode> = { 'ward-7': 'ehr', clinic: 'manual' }) {
  const tables = new MemoryTables(() => NOW);
  const store = new MemoryListStore(tables);
  const audit = new MemoryAuditLog(tables);
  const ehr = new FakeEhr();
  const published: { channelId: string; kind: string; listId: string | null; by: string }[] = [];
  const service = new ListService({
    store,
    audit,
    membership: { isMember: async (actor, teamId) => actor.userId === 'kim' && teamId === 'team-1' },
    events: { publish: async (channel, event) => void published.push({ channelId: channel.channelId, ...event }) },
    directories: { forChannel: async () => ehr, organisationDefault: async () => ehr },
    modeOf: async (channel) => modes[channel.channelId] ?? null,
    now: () => NOW,
  });
  const trail = () => audit.entries().map((entry) => [entry.action, entry.patientRef ?? null]);
  return { service, store, audit, ehr, published, trail };
}

describe('ListService', () => {
  it('lets only members of the team see and change its lists, and hides another tenant’s list as missing', async () => {
    const { service } = setup();
    const list = await service.createList(KIM, WARD, { name: 'Ward 7', columns: ['name'] });
    await expect(service.lists(OUTSIDER, WARD)).rejects.toMatchObject({ code: 'forbidden', userMessage: 'Only members of this team can see and change its patient lists.' });
    await expect(service.viewList(OUTSIDER, list.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.viewList(OTHER_TENANT, list.id)).rejects.toMatchObject({ code: 'not_found', userMessage: 'This list does not exist (any more).' });
    await expect(service.lists(OTHER_TENANT, { ...WARD, tenantId: 'tenant-a' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('makes a channel’s first list its default, and hands the default on when it is deleted', async () => {
    const { service, published } = setup();
    const first = await service.createList(KIM, WARD, { name: 'Ward 7', columns: ['name'] });
    const second = await service.createList(KIM, WARD, { name: 'Overflow', columns: ['name'] });
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    await service.deleteList(KIM, first.id);
    expect((await service.lists(KIM, WARD)).map((list) => [list.name, list.isDefault])).toEqual([['Overflow', true]]);
    expect(published.at(-1)).toEqual({ channelId: 'ward-7', kind: 'lists', listId: null, by: 'Dr Kim' });
  });

  it('keeps hand-entered patients only in manual mode and EHR patients only in EHR mode, saying why', async () => {
    const { service } = setup({ 'ward-7': 'ehr', clinic: 'manual', unset: null });
    const ehrList = await service.createList(KIM, WARD, { name: 'Ward', columns: ['name'] });
    const manualList = await service.createList(KIM, CLINIC, { name: 'Clinic', columns: ['name'] });
    const unset = await service.createList(KIM, { ...WARD, channelId: 'unset' }, { name: 'New', columns: ['name'] });
    await expect(service.addPatient(KIM, ehrList.id, { manual: { name: 'By Hand' } })).rejects.toMatchObject({
      code: 'validation',
      userMessage: 'This channel reads its patients from the EHR: search the EHR instead of entering them by hand.',
    });
    await expect(service.addPatient(KIM, manualList.id, { patientId: 'p1' })).rejects.toMatchObject({
      code: 'validation',
      userMessage: 'This channel keeps its patients by hand: add them with the form, not from the EHR.',
    });
    await expect(service.addPatient(KIM, unset.id, { patientId: 'p1' })).rejects.toMatchObject({ userMessage: expect.stringContaining('not configured yet') });
    await expect(service.addPatient(KIM, ehrList.id, { patientId: 'nobody' })).rejects.toMatchObject({ code: 'not_found', field: 'patientId' });

    const row = await service.addPatient(KIM, ehrList.id, { patientId: 'p1' });
    expect(row.entry).toMatchObject({ source: 'ehr', patientId: 'p1', snapshot: banner('p1', 'Jane Doe') });
    await expect(service.addPatient(KIM, ehrList.id, { patientId: 'p1' })).rejects.toMatchObject({ code: 'conflict', userMessage: 'This patient is already on the list.' });
    await expect(service.editManualPatient(KIM, ehrList.id, row.entry.id, { name: 'Renamed' })).rejects.toMatchObject({
      code: 'validation',
      userMessage: 'Patients from the EHR cannot be edited here: change them in the EHR.',
    });
  });

  it('edits a hand-entered patient, keeping the fields not given', async () => {
    const { service } = setup();
    const list = await service.createList(KIM, CLINIC, { name: 'Clinic', columns: ['name'] });
    const row = await service.addPatient(KIM, list.id, { manual: { name: 'By Hand', location: 'Bay 2' } });
    const edited = await service.editManualPatient(KIM, list.id, row.entry.id, { location: 'Bay 3' });
    expect(edited.entry.manual).toEqual({ name: 'By Hand', location: 'Bay 3' });
  });

  it('moves a patient only between lists of the same channel, and reports the patient already there', async () => {
    const { service, trail } = setup();
    const a = await service.createList(KIM, WARD, { name: 'A', columns: ['name'] });
    const b = await service.createList(KIM, WARD, { name: 'B', columns: ['name'] });
    const elsewhere = await service.createList(KIM, { ...WARD, channelId: 'ward-8' }, { name: 'C', columns: ['name'] });
    const onA = await service.addPatient(KIM, a.id, { patientId: 'p1' });
    await service.addPatient(KIM, b.id, { patientId: 'p2' });
    await expect(service.movePatient(KIM, a.id, onA.entry.id, elsewhere.id)).rejects.toMatchObject({ code: 'validation', field: 'toListId' });
    const onB = await service.addPatient(KIM, b.id, { patientId: 'p3' });
    await service.movePatient(KIM, b.id, onB.entry.id, a.id);
    const p1OnB = await service.addPatient(KIM, b.id, { patientId: 'p1' });
    await expect(service.movePatient(KIM, b.id, p1OnB.entry.id, a.id)).rejects.toMatchObject({ code: 'conflict', userMessage: 'This patient is already on that list.' });
    await expect(service.movePatient(KIM, a.id, p1OnB.entry.id, b.id)).rejects.toMatchObject({ code: 'not_found', userMessage: 'This patient is not on the list (any more).' });
    expect((await service.viewList(KIM, a.id)).rows.map((row) => row.entry.patientId)).toEqual(['p1', 'p3']);
    expect(trail().filter(([action]) => action === 'patient.move')).toEqual([['patient.move', 'p3']]);
  });

  it('adds a ward’s patients still there, counting those already listed and those gone, and audits each one added', async () => {
    const { service, ehr, trail, published } = setup();
    const list = await service.createList(KIM, WARD, { name: 'Ward', columns: ['name'] });
    await service.addPatient(KIM, list.id, { patientId: 'p2' });
    const preview = await service.censusPreview(KIM, list.id, { kind: 'location', id: 'ward-7' });
    expect(preview.patients.map((row) => [row.patient.id, row.onList])).toEqual([
      ['p1', false],
      ['p2', true],
      ['p3', false],
    ]);
    // p3 is discharged between the preview and the add.
    ehr.ward = { patients: ehr.ward.patients.filter((row) => row.patient.id !== 'p3'), truncated: false };
    published.length = 0;
    expect(await service.addCensus(KIM, list.id, { kind: 'location', id: 'ward-7' }, ['p1', 'p2', 'p3'])).toEqual({ added: 1, alreadyOnList: 1, noLongerThere: 1 });
    expect(trail().filter(([action]) => action === 'census.view' || action === 'patient.add')).toEqual([
      ['patient.add', 'p2'],
      ['census.view', 'p1'],
      ['census.view', 'p2'],
      ['census.view', 'p3'],
      ['patient.add', 'p1'],
    ]);
    expect(published).toEqual([{ channelId: 'ward-7', kind: 'list', listId: list.id, by: 'Dr Kim' }]);
  });

  it('shows a list while the EHR is down, each EHR row from the banner kept when added, saying why', async () => {
    const { service, ehr } = setup();
    const list = await service.createList(KIM, WARD, { name: 'Ward', columns: ['name'] });
    await service.addPatient(KIM, list.id, { patientId: 'p1' });
    ehr.down = true;
    const { rows } = await service.viewList(KIM, list.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.summary.patient.name).toBe('Jane Doe');
    expect(rows[0]?.summary.encounter).toEqual({ status: 'error', reason: 'The EHR is not answering.' });
  });

  it('audits every read and change of patient data by reference, never by name', async () => {
    const { service, audit } = setup();
    const list = await service.createList(KIM, CLINIC, { name: 'Clinic', columns: ['name'] });
    const row = await service.addPatient(KIM, list.id, { manual: { name: 'Secret Name', mrn: 'MRN-SECRET' } });
    await service.addNote(KIM, list.id, row.entry.id, 'K+ 6.1 recheck');
    await service.viewList(KIM, list.id);
    await service.exportRows(KIM, list.id);
    await service.removePatient(KIM, list.id, row.entry.id);
    expect(audit.entries().map((entry) => [entry.action, entry.listId, entry.patientRef ?? null, entry.detail ?? null])).toEqual([
      ['list.create', list.id, null, null],
      ['patient.add', list.id, row.entry.id, null],
      ['note.add', list.id, row.entry.id, null],
      ['list.view', list.id, null, { patients: 1 }],
      ['list.export', list.id, null, { patients: 1 }],
      ['patient.remove', list.id, row.entry.id, null],
    ]);
    expect(JSON.stringify(audit.entries())).not.toMatch(/Secret Name|MRN-SECRET|K\+ 6\.1/);
    expect(audit.entries().every((entry) => entry.at.getTime() === NOW.getTime() && entry.channel?.channelId === 'clinic')).toBe(true);
  });

  it('finds a patient on the channel’s lists by entry or by FHIR id, and builds a message’s context from the entry', async () => {
    const { service } = setup();
    const first = await service.createList(KIM, WARD, { name: 'A', columns: ['name'] });
    const second = await service.createList(KIM, WARD, { name: 'B', columns: ['name'] });
    const onFirst = await service.addPatient(KIM, first.id, { patientId: 'p1' });
    const onSecond = await service.addPatient(KIM, second.id, { patientId: 'p1' });
    expect(await service.findEntries(KIM, WARD, 'p1')).toEqual([
      { listId: first.id, entryId: onFirst.entry.id },
      { listId: second.id, entryId: onSecond.entry.id },
    ]);
    expect(await service.findEntries(KIM, WARD, onSecond.entry.id)).toEqual([{ listId: second.id, entryId: onSecond.entry.id }]);
    expect(await service.messageContext(KIM, onFirst.entry.id)).toEqual({
      patient: { ref: 'p1', source: 'ehr', name: 'Jane Doe', mrn: 'MRN-p1', location: 'Bed 4' },
      team: { teamId: 'team-1', channelId: 'ward-7' },
    });
    await expect(service.messageContext(KIM, 'gone')).rejects.toMatchObject({ code: 'not_found', field: 'listEntryId' });
    await expect(service.messageContext(OUTSIDER, onFirst.entry.id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
