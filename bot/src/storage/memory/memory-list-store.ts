import { AppError } from '../../domain/shared/app-error';
import type { PatientBanner } from '../../domain/patients/patient-summary';
import type { ChannelRef } from '../../domain/shared/actor';
import type { ListEntry, ListStore, ManualPatient, NewEntry, Note, RoundingList } from '../../domain/lists/list-types';
import { isUuid } from '../is-uuid';
import { copy, MemoryTables } from './memory-tables';

type ListRow = Omit<RoundingList, 'patientCount'> & { createdAt: Date; seq: number };
type EntryRow = ListEntry & { seq: number };
type NoteRow = Note & { seq: number };

const sameChannel = (a: ChannelRef, b: ChannelRef) => a.tenantId === b.tenantId && a.teamId === b.teamId && a.channelId === b.channelId;
// Names compare by code point, as the database's C collation does.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The twin of SqlListStore: one patient per list, one default list per channel, entries and notes removed with their list. */
export class MemoryListStore implements ListStore {
  private readonly lists = new Map<string, ListRow>();
  private readonly entryRows = new Map<string, EntryRow>();
  private readonly notes: NoteRow[] = [];

  constructor(private readonly tables = new MemoryTables()) {}

  async listsOf(channel: ChannelRef): Promise<RoundingList[]> {
    return [...this.lists.values()]
      .filter((list) => sameChannel(list, channel))
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || byText(a.name, b.name) || a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq)
      .map((list) => this.toList(list));
  }

  async get(listId: string): Promise<RoundingList | null> {
    const list = this.lists.get(listId);
    return list ? this.toList(list) : null;
  }

  async create(channel: ChannelRef, list: { name: string; columns: string[] }, _createdBy: string): Promise<RoundingList> {
    const now = this.tables.now();
    const row: ListRow = {
      id: this.tables.nextId(),
      tenantId: channel.tenantId,
      teamId: channel.teamId,
      channelId: channel.channelId,
      name: list.name,
      isDefault: false,
      columns: [...list.columns],
      createdAt: now,
      updatedAt: now,
      seq: this.tables.nextSequence(),
    };
    this.lists.set(row.id, row);
    return this.toList(row);
  }

  async update(listId: string, changes: { name?: string | undefined; columns?: string[] | undefined }): Promise<void> {
    const list = this.lists.get(listId);
    if (!list) return;
    if (changes.name !== undefined) list.name = changes.name;
    if (changes.columns !== undefined) list.columns = [...changes.columns];
    list.updatedAt = this.tables.now();
  }

  async setDefault(listId: string): Promise<void> {
    const list = this.lists.get(listId);
    if (!list) return;
    for (const other of this.lists.values()) if (other !== list && sameChannel(other, list)) other.isDefault = false;
    list.isDefault = true;
    list.updatedAt = this.tables.now();
  }

  async delete(listId: string): Promise<void> {
    if (!this.lists.delete(listId)) return;
    for (const entry of [...this.entryRows.values()]) if (entry.listId === listId) this.dropEntry(entry.id);
  }

  async entries(listId: string): Promise<ListEntry[]> {
    return [...this.entryRows.values()]
      .filter((entry) => entry.listId === listId)
      .sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.seq - b.seq)
      .map(toEntry);
  }

  async entry(entryId: string): Promise<ListEntry | null> {
    const entry = this.entryRows.get(entryId);
    return entry ? toEntry(entry) : null;
  }

  async addEntry(listId: string, entry: NewEntry, _addedBy: string): Promise<ListEntry> {
    const list = this.existingList(listId);
    if (entry.source === 'ehr' && this.onList(listId, entry.patientId)) throw new AppError('conflict', 'This patient is already on the list.');
    const row = this.insertEntry(listId, entry);
    list.updatedAt = this.tables.now();
    return toEntry(row);
  }

  async addEhrEntries(listId: string, patients: readonly { patientId: string; snapshot: PatientBanner }[], _addedBy: string): Promise<ListEntry[]> {
    if (patients.length === 0) return [];
    const list = this.existingList(listId);
    // Checked before anything is added: all or none, as the one INSERT of the SQL store.
    if (patients.some((patient) => typeof patient.patientId !== 'string')) throw new Error('an EHR entry needs its patient id');
    const added: ListEntry[] = [];
    for (const patient of patients) {
      if (this.onList(listId, patient.patientId)) continue;
      added.push(toEntry(this.insertEntry(listId, { source: 'ehr', patientId: patient.patientId, snapshot: patient.snapshot })));
    }
    list.updatedAt = this.tables.now();
    return added;
  }

  async updateManual(entryId: string, manual: ManualPatient): Promise<void> {
    const entry = this.entryRows.get(entryId);
    if (entry?.source === 'manual') entry.manual = copy(manual);
  }

  async removeEntry(entryId: string): Promise<void> {
    this.dropEntry(entryId);
  }

  async moveEntry(entryId: string, toListId: string): Promise<void> {
    const entry = this.entryRows.get(entryId);
    if (!entry) return;
    this.existingList(toListId);
    if (entry.patientId !== null && entry.listId !== toListId && this.onList(toListId, entry.patientId)) {
      throw new AppError('conflict', 'This patient is already on that list.', { field: 'toListId' });
    }
    entry.listId = toListId;
  }

  async addNote(entryId: string, note: { text: string; authorId: string; authorName: string }): Promise<Note> {
    if (!this.entryRows.has(entryId)) throw new Error('no such list entry');
    const row: NoteRow = { id: this.tables.nextId(), entryId, text: note.text, authorName: note.authorName, createdAt: this.tables.now(), seq: this.tables.nextSequence() };
    this.notes.push(row);
    return toNote(row);
  }

  async notesOf(entryIds: readonly string[]): Promise<Map<string, Note[]>> {
    const byEntry = new Map<string, Note[]>();
    const newestFirst = this.notes
      .filter((note) => entryIds.includes(note.entryId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.seq - a.seq);
    for (const note of newestFirst) byEntry.set(note.entryId, [...(byEntry.get(note.entryId) ?? []), toNote(note)]);
    return byEntry;
  }

  private toList(row: ListRow): RoundingList {
    const { createdAt: _createdAt, seq: _seq, ...list } = copy(row);
    return { ...list, patientCount: [...this.entryRows.values()].filter((entry) => entry.listId === row.id).length };
  }

  /** The list an entry is written to, as the foreign key demands. */
  private existingList(listId: string): ListRow {
    const list = isUuid(listId) ? this.lists.get(listId) : undefined;
    if (!list) throw new Error('no such rounding list');
    return list;
  }

  private onList(listId: string, patientId: string): boolean {
    return [...this.entryRows.values()].some((entry) => entry.listId === listId && entry.patientId === patientId);
  }

  private insertEntry(listId: string, entry: NewEntry): EntryRow {
    const row: EntryRow = {
      id: this.tables.nextId(),
      listId,
      source: entry.source,
      patientId: entry.source === 'ehr' ? entry.patientId : null,
      manual: entry.source === 'manual' ? copy(entry.manual) : null,
      snapshot: entry.source === 'ehr' ? copy(entry.snapshot) : null,
      addedAt: this.tables.now(),
      seq: this.tables.nextSequence(),
    };
    this.entryRows.set(row.id, row);
    return row;
  }

  private dropEntry(entryId: string): void {
    this.entryRows.delete(entryId);
    for (let index = this.notes.length - 1; index >= 0; index--) if (this.notes[index]?.entryId === entryId) this.notes.splice(index, 1);
  }
}

const toEntry = ({ seq: _seq, ...entry }: EntryRow): ListEntry => copy(entry);
const toNote = ({ seq: _seq, ...note }: NoteRow): Note => copy(note);
