import { AppError } from '../domain/shared/app-error';
import type { PatientBanner } from '../domain/patients/patient-summary';
import type { ChannelRef } from '../domain/shared/actor';
import type { ListEntry, ListStore, ManualPatient, NewEntry, Note, RoundingList } from '../domain/lists/list-types';
import type { Database } from './database';
import { isUuid } from './is-uuid';

type ListRow = {
  id: string;
  tenant_id: string;
  team_id: string;
  channel_id: string;
  name: string;
  is_default: boolean;
  columns: string[];
  patient_count: number | string;
  updated_at: Date | string;
};

type EntryRow = {
  id: string;
  list_id: string;
  source: 'ehr' | 'manual';
  patient_id: string | null;
  manual: ManualPatient | null;
  snapshot: PatientBanner | null;
  added_at: Date | string;
};

type NoteRow = { id: string; entry_id: string; text: string; author_name: string; created_at: Date | string };

const LIST_COLUMNS = `l.id, l.tenant_id, l.team_id, l.channel_id, l.name, l.is_default, l.columns, l.updated_at,
  (SELECT count(*) FROM list_entries e WHERE e.list_id = l.id) AS patient_count`;

const toList = (row: ListRow): RoundingList => ({
  id: row.id,
  tenantId: row.tenant_id,
  teamId: row.team_id,
  channelId: row.channel_id,
  name: row.name,
  isDefault: row.is_default,
  columns: row.columns,
  patientCount: Number(row.patient_count),
  updatedAt: new Date(row.updated_at),
});

const toEntry = (row: EntryRow): ListEntry => ({
  id: row.id,
  listId: row.list_id,
  source: row.source,
  patientId: row.patient_id,
  manual: row.manual,
  snapshot: row.snapshot,
  addedAt: new Date(row.added_at),
});

const toNote = (row: NoteRow): Note => ({ id: row.id, entryId: row.entry_id, text: row.text, authorName: row.author_name, createdAt: new Date(row.created_at) });

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown }).code === '23505';

const alreadyOnList = () => new AppError('conflict', 'This patient is already on the list.');

export class SqlListStore implements ListStore {
  constructor(private readonly db: Database) {}

  async listsOf(channel: ChannelRef): Promise<RoundingList[]> {
    const rows = await this.db.query<ListRow>(
      `SELECT ${LIST_COLUMNS} FROM rounding_lists l WHERE l.tenant_id = $1 AND l.team_id = $2 AND l.channel_id = $3 ORDER BY l.is_default DESC, l.name, l.created_at`,
      [channel.tenantId, channel.teamId, channel.channelId],
    );
    return rows.map(toList);
  }

  async get(listId: string): Promise<RoundingList | null> {
    if (!isUuid(listId)) return null;
    const rows = await this.db.query<ListRow>(`SELECT ${LIST_COLUMNS} FROM rounding_lists l WHERE l.id = $1`, [listId]);
    return rows[0] ? toList(rows[0]) : null;
  }

  async create(channel: ChannelRef, list: { name: string; columns: string[] }, createdBy: string): Promise<RoundingList> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO rounding_lists (tenant_id, team_id, channel_id, name, columns, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id',
      [channel.tenantId, channel.teamId, channel.channelId, list.name, JSON.stringify(list.columns), createdBy],
    );
    const created = row ? await this.get(row.id) : null;
    if (!created) throw new Error('list insert returned nothing');
    return created;
  }

  async update(listId: string, changes: { name?: string | undefined; columns?: string[] | undefined }): Promise<void> {
    await this.db.query(
      `UPDATE rounding_lists SET name = COALESCE($2, name), columns = COALESCE($3::jsonb, columns), updated_at = now() WHERE id = $1`,
      [listId, changes.name ?? null, changes.columns ? JSON.stringify(changes.columns) : null],
    );
  }

  async setDefault(listId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Clear the old default first: the partial unique index allows one default per channel.
      await tx.query(
        `UPDATE rounding_lists SET is_default = false WHERE is_default AND id <> $1
           AND (tenant_id, team_id, channel_id) = (SELECT tenant_id, team_id, channel_id FROM rounding_lists WHERE id = $1)`,
        [listId],
      );
      await tx.query('UPDATE rounding_lists SET is_default = true, updated_at = now() WHERE id = $1', [listId]);
    });
  }

  async delete(listId: string): Promise<void> {
    await this.db.query('DELETE FROM rounding_lists WHERE id = $1', [listId]);
  }

  async entries(listId: string): Promise<ListEntry[]> {
    const rows = await this.db.query<EntryRow>('SELECT * FROM list_entries WHERE list_id = $1 ORDER BY added_at, id', [listId]);
    return rows.map(toEntry);
  }

  async entry(entryId: string): Promise<ListEntry | null> {
    if (!isUuid(entryId)) return null;
    const rows = await this.db.query<EntryRow>('SELECT * FROM list_entries WHERE id = $1', [entryId]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async addEntry(listId: string, entry: NewEntry, addedBy: string): Promise<ListEntry> {
    try {
      const [row] = await this.db.query<EntryRow>(
        `INSERT INTO list_entries (list_id, source, patient_id, manual, snapshot, added_by) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6) RETURNING *`,
        [
          listId,
          entry.source,
          entry.source === 'ehr' ? entry.patientId : null,
          entry.source === 'manual' ? JSON.stringify(entry.manual) : null,
          entry.source === 'ehr' ? JSON.stringify(entry.snapshot) : null,
          addedBy,
        ],
      );
      if (!row) throw new Error('entry insert returned nothing');
      await this.touch(listId);
      return toEntry(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyOnList();
      throw error;
    }
  }

  async addEhrEntries(listId: string, patients: readonly { patientId: string; snapshot: PatientBanner }[], addedBy: string): Promise<ListEntry[]> {
    if (patients.length === 0) return [];
    return this.db.transaction(async (tx) => {
      // One statement: all or nothing. Each row is a microsecond later than the one before, so the
      // list keeps the order given (entries are shown by added_at).
      const rows = await tx.query<EntryRow>(
        `INSERT INTO list_entries (list_id, source, patient_id, snapshot, added_by, added_at)
           SELECT $1, 'ehr', p.patient_id, p.snapshot::jsonb, $4, now() + p.n * interval '1 microsecond'
             FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(patient_id, snapshot, n)
           ON CONFLICT (list_id, patient_id) WHERE patient_id IS NOT NULL DO NOTHING
           RETURNING *`,
        [listId, patients.map((patient) => patient.patientId), patients.map((patient) => JSON.stringify(patient.snapshot)), addedBy],
      );
      await tx.query('UPDATE rounding_lists SET updated_at = now() WHERE id = $1', [listId]);
      const order = new Map(patients.map((patient, index) => [patient.patientId, index]));
      return rows.map(toEntry).sort((a, b) => (order.get(a.patientId ?? '') ?? 0) - (order.get(b.patientId ?? '') ?? 0));
    });
  }

  async updateManual(entryId: string, manual: ManualPatient): Promise<void> {
    await this.db.query(`UPDATE list_entries SET manual = $2::jsonb WHERE id = $1 AND source = 'manual'`, [entryId, JSON.stringify(manual)]);
  }

  async removeEntry(entryId: string): Promise<void> {
    await this.db.query('DELETE FROM list_entries WHERE id = $1', [entryId]);
  }

  async moveEntry(entryId: string, toListId: string): Promise<void> {
    try {
      await this.db.query('UPDATE list_entries SET list_id = $2 WHERE id = $1', [entryId, toListId]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'This patient is already on that list.', { field: 'toListId' });
      throw error;
    }
  }

  async addNote(entryId: string, note: { text: string; authorId: string; authorName: string }): Promise<Note> {
    const [row] = await this.db.query<NoteRow>(
      'INSERT INTO list_notes (entry_id, text, author_id, author_name) VALUES ($1, $2, $3, $4) RETURNING id, entry_id, text, author_name, created_at',
      [entryId, note.text, note.authorId, note.authorName],
    );
    if (!row) throw new Error('note insert returned nothing');
    return toNote(row);
  }

  async notesOf(entryIds: readonly string[]): Promise<Map<string, Note[]>> {
    const byEntry = new Map<string, Note[]>();
    if (entryIds.length === 0) return byEntry;
    const rows = await this.db.query<NoteRow>(
      'SELECT id, entry_id, text, author_name, created_at FROM list_notes WHERE entry_id = ANY($1::uuid[]) ORDER BY created_at DESC, id',
      [entryIds],
    );
    for (const row of rows) byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), toNote(row)]);
    return byEntry;
  }

  private async touch(listId: string): Promise<void> {
    await this.db.query('UPDATE rounding_lists SET updated_at = now() WHERE id = $1', [listId]);
  }
}
