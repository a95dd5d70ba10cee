/** Rounding lists: the domain's view, free of HTTP and SQL. */
import type { Gender, PatientBanner, PatientDirectory } from '../patient-summary';

export interface ChannelRef {
  tenantId: string;
  teamId: string;
  channelId: string;
}

/** Who acts: from the validated Teams SSO token (or the dev identity). */
export interface Actor {
  userId: string;
  tenantId: string;
  name: string;
}

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

export type AuditAction =
  | 'list.view'
  | 'list.create'
  | 'list.rename'
  | 'list.columns'
  | 'list.set_default'
  | 'list.delete'
  | 'list.export'
  | 'patient.search'
  | 'patient.view'
  /** A patient read in a ward's or an attending's census (the preview before a whole-ward add). */
  | 'census.view'
  | 'patient.add'
  | 'patient.edit'
  | 'patient.remove'
  | 'patient.move'
  | 'note.add'
  | 'connection.set'
  | 'visit.create'
  | 'visit.view'
  | 'visit.list'
  | 'visit.reschedule'
  | 'visit.cancel'
  | 'visit.resend'
  | 'visit.update'
  /** A team's visit figures (aggregates only: no patient). */
  | 'visit.stats'
  | 'message.send'
  | 'message.view'
  | 'message.thread'
  | 'message.acknowledge'
  | 'message.reply'
  | 'lobby.view'
  | 'lobby.admit'
  | 'lobby.message'
  | 'lobby.no_show'
  | 'lobby.end'
  /** An admin changed or reset a patient message template (key and lengths only). */
  | 'template.update'
  | 'template.reset'
  /** A clinician opened the schedule dialog of a list entry: the patient's contact details were read. */
  | 'visit.prepare'
  /** An admin created, changed or reset a visit type (its key and settings; no patient data). */
  | 'visit_type.create'
  | 'visit_type.update'
  | 'visit_type.reset'
  | 'visit_type.delete';

export interface AuditEntry {
  actor: Actor;
  action: AuditAction;
  channel: ChannelRef | null;
  listId?: string;
  /** The patient's source id (FHIR id or manual entry id), never a name. */
  patientRef?: string;
  detail?: Record<string, string | number | boolean>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** Only members of a team may read or change its lists. */
export interface TeamMembership {
  isMember(actor: Actor, teamId: string): Promise<boolean>;
}

/** Tells everyone looking at a channel's lists that something changed. */
export interface ListEvents {
  publish(channel: ChannelRef, event: { kind: 'lists' | 'list'; listId: string | null; by: string }): Promise<void>;
}

/** The EHR behind a channel: its own connection, or the organisation default. */
export interface DirectoryResolver {
  forChannel(channel: ChannelRef): Promise<PatientDirectory>;
  /** The organisation's default EHR (FHIR_* settings, or the local sandbox), for a tenant. */
  organisationDefault(tenantId: string): Promise<PatientDirectory>;
}
