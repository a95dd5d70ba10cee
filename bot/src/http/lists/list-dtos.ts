/** Domain objects to the contract's JSON shapes (dates as ISO strings). */
import type { ListRow, NoteDto, PatientSummaryDto, RoundingList as RoundingListDto } from '../../contracts/lists-api';
import { columnKey } from '../../contracts/lists-api';
import type { ListRowView } from '../../domain/lists/list-rows';
import type { Note, RoundingList } from '../../domain/lists/list-types';
import type { PatientSummary } from '../../domain/patients/patient-summary';

export const toListDto = (list: RoundingList): RoundingListDto => ({
  id: list.id,
  teamId: list.teamId,
  channelId: list.channelId,
  name: list.name,
  isDefault: list.isDefault,
  // Columns were validated on the way in; drop any a later version no longer knows.
  columns: list.columns.flatMap((column) => {
    const parsed = columnKey.safeParse(column);
    return parsed.success ? [parsed.data] : [];
  }),
  patientCount: list.patientCount,
  updatedAt: list.updatedAt.toISOString(),
});

export const toNoteDto = (note: Note): NoteDto => ({ id: note.id, text: note.text, authorName: note.authorName, createdAt: note.createdAt.toISOString() });

/** The patient's phone and email stay on the server: the list page has no use for them. */
export const toSummaryDto = ({ telecom: _contact, ...summary }: PatientSummary): PatientSummaryDto => summary;

export const toRowDto = (row: ListRowView): ListRow => ({
  entryId: row.entry.id,
  source: row.entry.source,
  addedAt: row.entry.addedAt.toISOString(),
  summary: toSummaryDto(row.summary),
  freeText: row.freeText,
  notes: row.notes.map(toNoteDto),
});
