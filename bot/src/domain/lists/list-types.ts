/** Rounding lists: the domain's view, free of HTTP and SQL. */
import type { Gender, PatientBanner } from '../patients/patient-summary';
import type { ChannelRef } from '../shared/actor';

export interface RoundingList extends ChannelRef {
  id: string;
  name: string;
  isDefault: boolean;
  /** Column keys, validated at the edge against the contract's list. */
  columns: string[];
  patientCount: number;
  updatedAt: Date;
}

export interface ManualPatient {
  name: string;
  mrn?: string | undefined;
  birthDate?: string | undefined;
  gender?: Gender | undefined;
  location?: string | undefined;
  attending?: string | undefined;
  freeText?: string | undefined;
}

export type NewEntry = { source: 'ehr'; patientId: string; snapshot: PatientBanner } | { source: 'manual'; manual: ManualPatient };

export interface ListEntry {
  id: string;
  listId: string;
  source: 'ehr' | 'manual';
  patientId: string | null;
  manual: ManualPatient | null;
  /** EHR entries: the banner when added, shown while the EHR cannot be reached. */
  snapshot: PatientBanner | null;
  addedAt: Date;
}

export interface Note {
  id: string;
  entryId: string;
  text: string;
  authorName: string;
  createdAt: Date;
}

export interface ListStore {
  listsOf(channel: ChannelRef): Promise<RoundingList[]>;
  get(listId: string): Promise<RoundingList | null>;
  create(channel: ChannelRef, list: { name: string; columns: string[] }, createdBy: string): Promise<RoundingList>;
  update(listId: string, changes: { name?: string | undefined; columns?: string[] | undefined }): Promise<void>;
  /** Makes this list the channel's default (and no other). */
  setDefault(listId: string): Promise<void>;
  delete(listId: string): Promise<void>;
  entries(listId: string): Promise<ListEntry[]>;
  entry(entryId: string): Promise<ListEntry | null>;
  /** Throws AppError('conflict') when the EHR patient is already on the list. */
  addEntry(listId: string, entry: NewEntry, addedBy: string): Promise<ListEntry>;
  /**
   * Adds EHR patients in one transaction (all or none); those already on the list are skipped, not
   * an error. Returns the entries it added, in the order given.
   */
  addEhrEntries(listId: string, patients: readonly { patientId: string; snapshot: PatientBanner }[], addedBy: string): Promise<ListEntry[]>;
  updateManual(entryId: string, manual: ManualPatient): Promise<void>;
  removeEntry(entryId: string): Promise<void>;
  /** Throws AppError('conflict') when the EHR patient is already on the target list. */
  moveEntry(entryId: string, toListId: string): Promise<void>;
  addNote(entryId: string, note: { text: string; authorId: string; authorName: string }): Promise<Note>;
  /** Newest first. */
  notesOf(entryIds: readonly string[]): Promise<Map<string, Note[]>>;
}

/** Tells everyone looking at a channel's lists that something changed. */
export interface ListEvents {
  publish(channel: ChannelRef, event: { kind: 'lists' | 'list'; listId: string | null; by: string }): Promise<void>;
}
