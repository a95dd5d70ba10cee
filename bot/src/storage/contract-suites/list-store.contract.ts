/**
 * What every ListStore does, whichever backend keeps the lists: run against the in-memory twin (unit)
 * and against PGlite and PostgreSQL (test/integration/store-contracts.test.ts).
 */
import type { ListStore, Note } from '../../domain/lists/list-types';

export interface ListStoreFixture {
  store: ListStore;
  /** Adds a note as written `minutesAgo`: notes written in the same instant (the clock's resolution) have no order. */
  noteWrittenEarlier: (minutesAgo: number, write: () => Promise<Note>) => Promise<Note>;
}

const channel = { tenantId: 'tenant-l', teamId: 'team-l', channelId: 'chan-l' };
const banner = { id: 'pat-1', name: 'A B', givenName: 'A', familyName: 'B', mrn: 'M1', birthDate: null, gender: null, deceased: false };
const patient = (id: string) => ({ patientId: id, snapshot: { ...banner, id } });

export function describeListStoreContract(name: string, open: () => Promise<ListStoreFixture>): void {
  describe(`ListStore contract: ${name}`, () => {
    let store: ListStore;
    let noteWrittenEarlier: ListStoreFixture['noteWrittenEarlier'];
    beforeEach(async () => {
      ({ store, noteWrittenEarlier } = await open());
    });

    it('lists a channel’s lists default first, then by name, and no other channel’s', async () => {
      const bravo = await store.create(channel, { name: 'Bravo', columns: ['name'] }, 'u');
      const alpha = await store.create(channel, { name: 'Alpha', columns: ['name', 'location'] }, 'u');
      const charlie = await store.create(channel, { name: 'Charlie', columns: ['name'] }, 'u');
      await store.create({ ...channel, channelId: 'chan-other' }, { name: 'Elsewhere', columns: ['name'] }, 'u');
      await store.setDefault(charlie.id);
      expect((await store.listsOf(channel)).map((list) => list.name)).toEqual(['Charlie', 'Alpha', 'Bravo']);
      expect(alpha).toMatchObject({ ...channel, name: 'Alpha', isDefault: false, columns: ['name', 'location'], patientCount: 0 });
      expect(alpha.updatedAt).toBeInstanceOf(Date);
      expect(await store.get(bravo.id)).toEqual(bravo);
    });

    it('keeps one default list per channel', async () => {
      const a = await store.create(channel, { name: 'A', columns: ['name'] }, 'u');
      const b = await store.create(channel, { name: 'B', columns: ['name'] }, 'u');
      const elsewhere = await store.create({ ...channel, teamId: 'team-other' }, { name: 'C', columns: ['name'] }, 'u');
      await store.setDefault(elsewhere.id);
      await store.setDefault(a.id);
      await store.setDefault(b.id);
      expect((await store.listsOf(channel)).filter((list) => list.isDefault).map((list) => list.id)).toEqual([b.id]);
      expect((await store.get(elsewhere.id))?.isDefault).toBe(true);
    });

    it('renames and changes columns, leaving what is not given', async () => {
      const list = await store.create(channel, { name: 'Ward 7', columns: ['name'] }, 'u');
      await store.update(list.id, { name: 'Ward 8' });
      await store.update(list.id, { columns: ['name', 'mrn'] });
      expect(await store.get(list.id)).toMatchObject({ name: 'Ward 8', columns: ['name', 'mrn'] });
    });

    it('refuses the same EHR patient twice on a list, also by moving, and counts entries', async () => {
      const a = await store.create(channel, { name: 'Dup A', columns: ['name'] }, 'u');
      const b = await store.create(channel, { name: 'Dup B', columns: ['name'] }, 'u');
      await store.addEntry(a.id, { source: 'ehr', patientId: 'pat-1', snapshot: banner }, 'u');
      await expect(store.addEntry(a.id, { source: 'ehr', patientId: 'pat-1', snapshot: banner }, 'u')).rejects.toMatchObject({ code: 'conflict' });
      const onB = await store.addEntry(b.id, { source: 'ehr', patientId: 'pat-1', snapshot: banner }, 'u');
      await expect(store.moveEntry(onB.id, a.id)).rejects.toMatchObject({ code: 'conflict', field: 'toListId' });
      expect((await store.get(a.id))?.patientCount).toBe(1);
      expect((await store.entry(onB.id))?.snapshot).toEqual(banner);
    });

    it('moves an entry to another list, and allows manual patients of the same name twice', async () => {
      const a = await store.create(channel, { name: 'From', columns: ['name'] }, 'u');
      const b = await store.create(channel, { name: 'To', columns: ['name'] }, 'u');
      const first = await store.addEntry(a.id, { source: 'manual', manual: { name: 'Hand Entered' } }, 'u');
      await store.addEntry(a.id, { source: 'manual', manual: { name: 'Hand Entered' } }, 'u');
      await store.moveEntry(first.id, b.id);
      expect((await store.entries(b.id)).map((entry) => entry.id)).toEqual([first.id]);
      expect((await store.get(a.id))?.patientCount).toBe(1);
    });

    it('edits a manual entry’s details and never an EHR entry’s', async () => {
      const list = await store.create(channel, { name: 'Manual', columns: ['name'] }, 'u');
      const manual = await store.addEntry(list.id, { source: 'manual', manual: { name: 'Hand Entered', location: 'Bed 1' } }, 'u');
      const ehr = await store.addEntry(list.id, { source: 'ehr', ...patient('pat-e') }, 'u');
      await store.updateManual(manual.id, { name: 'Hand Entered', location: 'Bed 2' });
      await store.updateManual(ehr.id, { name: 'Not Applied' });
      expect((await store.entry(manual.id))?.manual).toEqual({ name: 'Hand Entered', location: 'Bed 2' });
      expect(await store.entry(ehr.id)).toMatchObject({ source: 'ehr', patientId: 'pat-e', manual: null });
    });

    it('adds many EHR patients in one step, in the order given, skipping those already there; a failing row adds none', async () => {
      const list = await store.create(channel, { name: 'Ward', columns: ['name'] }, 'u');
      await store.addEntry(list.id, { source: 'ehr', ...patient('pat-b') }, 'u');

      const added = await store.addEhrEntries(list.id, ['pat-z', 'pat-b', 'pat-a', 'pat-m'].map(patient), 'u');
      expect(added.map((entry) => entry.patientId)).toEqual(['pat-z', 'pat-a', 'pat-m']);
      expect((await store.entries(list.id)).map((entry) => entry.patientId)).toEqual(['pat-b', 'pat-z', 'pat-a', 'pat-m']);
      expect(await store.addEhrEntries(list.id, [], 'u')).toEqual([]);

      // The second row breaks a rule (an EHR entry needs its patient id): the first is not kept either.
      await expect(store.addEhrEntries(list.id, [patient('pat-new'), { ...patient('x'), patientId: null as unknown as string }], 'u')).rejects.toThrow();
      expect((await store.get(list.id))?.patientCount).toBe(4);
    });

    it('refuses an entry for a list that does not exist', async () => {
      await expect(store.addEntry('00000000-0000-4000-8000-00000000dead', { source: 'manual', manual: { name: 'Nobody' } }, 'u')).rejects.toThrow();
    });

    it('returns notes newest first per entry, and deletes entries and notes with their list', async () => {
      const list = await store.create(channel, { name: 'Notes', columns: ['name'] }, 'u');
      const entry = await store.addEntry(list.id, { source: 'manual', manual: { name: 'Hand Entered' } }, 'u');
      const other = await store.addEntry(list.id, { source: 'manual', manual: { name: 'Other Patient' } }, 'u');
      const first = await noteWrittenEarlier(5, () => store.addNote(entry.id, { text: 'first', authorId: 'u', authorName: 'Dr U' }));
      expect(first).toMatchObject({ entryId: entry.id, text: 'first', authorName: 'Dr U' });
      await store.addNote(entry.id, { text: 'second', authorId: 'u', authorName: 'Dr U' });
      await store.addNote(other.id, { text: 'elsewhere', authorId: 'u', authorName: 'Dr U' });
      const notes = await store.notesOf([entry.id, other.id]);
      expect(notes.get(entry.id)?.map((note) => note.text)).toEqual(['second', 'first']);
      expect(notes.get(other.id)?.map((note) => note.text)).toEqual(['elsewhere']);
      expect((await store.notesOf([])).size).toBe(0);

      await store.delete(list.id);
      expect(await store.get(list.id)).toBeNull();
      expect(await store.entry(entry.id)).toBeNull();
      expect((await store.notesOf([entry.id])).size).toBe(0);
    });

    it('removes one entry with its notes', async () => {
      const list = await store.create(channel, { name: 'Remove', columns: ['name'] }, 'u');
      const entry = await store.addEntry(list.id, { source: 'manual', manual: { name: 'Hand Entered' } }, 'u');
      await store.addNote(entry.id, { text: 'note', authorId: 'u', authorName: 'Dr U' });
      await store.removeEntry(entry.id);
      expect(await store.entries(list.id)).toEqual([]);
      expect((await store.notesOf([entry.id])).size).toBe(0);
    });

    it('reads a malformed or unknown id as no list and no entry', async () => {
      expect(await store.get('not-a-uuid')).toBeNull();
      expect(await store.entry('not-a-uuid')).toBeNull();
      expect(await store.get('00000000-0000-4000-8000-00000000beef')).toBeNull();
    });
  });
}
