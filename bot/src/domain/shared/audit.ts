/** The audit trail of every read and change of patient data, and of admin changes. */
import type { Actor, ChannelRef } from './actor';

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
