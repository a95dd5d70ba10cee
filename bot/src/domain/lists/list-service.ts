/**
 * The Patients tab's use cases. Every call is made by an actor on a channel; only members of the
 * channel's team get through, every read or change of patient data is audited, and every change is
 * announced to the others looking at the channel.
 */
import { AppError, toAppError } from '../shared/app-error';
import type { CareTeam, MessagePatient } from '../messages/message-types';
import type { CensusKind, CensusPatient, CensusSource, DirectoryResolver, PatientBanner, PatientSearch, PatientSummary, PatientTelecom } from '../patients/patient-summary';
import { buildRows, type ListRowView } from './list-rows';
import type { Actor, ChannelRef, TeamMembership } from '../shared/actor';
import type { AuditAction, AuditLog } from '../shared/audit';
import type { ListEntry, ListEvents, ListStore, ManualPatient, Note, RoundingList } from './list-types';

export type ChannelMode = 'ehr' | 'manual' | null;

export interface ListServiceDeps {
  store: ListStore;
  audit: AuditLog;
  membership: TeamMembership;
  events: ListEvents;
  directories: DirectoryResolver;
  modeOf(channel: ChannelRef): Promise<ChannelMode>;
  now(): Date;
}

export type AddPatient = { patientId: string } | { manual: ManualPatient };

/** A ward (Location) or an attending (Practitioner) in the EHR, by its FHIR id. */
export interface CensusRef {
  kind: CensusKind;
  id: string;
}

export interface CensusPreview {
  patients: (CensusPatient & { onList: boolean })[];
  truncated: boolean;
}

export interface CensusAddResult {
  added: number;
  /** Asked for, but already on the list (or added by someone else meanwhile). */
  alreadyOnList: number;
  /** Asked for, but no longer in progress there when the add was made: not added. */
  noLongerThere: number;
}

export class ListService {
  constructor(private readonly deps: ListServiceDeps) {}

  async authorize(actor: Actor, channel: ChannelRef): Promise<void> {
    if (actor.tenantId !== channel.tenantId || !(await this.deps.membership.isMember(actor, channel.teamId))) {
      throw new AppError('forbidden', 'Only members of this team can see and change its patient lists.');
    }
  }

  async lists(actor: Actor, channel: ChannelRef): Promise<RoundingList[]> {
    await this.authorize(actor, channel);
    return this.deps.store.listsOf(channel);
  }

  async createList(actor: Actor, channel: ChannelRef, input: { name: string; columns: string[] }): Promise<RoundingList> {
    await this.authorize(actor, channel);
    const existing = await this.deps.store.listsOf(channel);
    const list = await this.deps.store.create(channel, input, actor.userId);
    // The first list of a channel is its default: that is what the tab opens.
    if (existing.length === 0) await this.deps.store.setDefault(list.id);
    await this.changed(actor, list, 'list.create', 'lists');
    return this.listOrThrow(list.id);
  }

  async updateList(actor: Actor, listId: string, changes: { name?: string | undefined; columns?: string[] | undefined; isDefault?: true | undefined }): Promise<RoundingList> {
    const list = await this.accessibleList(actor, listId);
    if (changes.name !== undefined || changes.columns !== undefined) await this.deps.store.update(listId, changes);
    if (changes.isDefault) await this.deps.store.setDefault(listId);
    const action = changes.isDefault ? 'list.set_default' : changes.name !== undefined ? 'list.rename' : 'list.columns';
    await this.changed(actor, list, action, 'lists');
    return this.listOrThrow(listId);
  }

  async deleteList(actor: Actor, listId: string): Promise<void> {
    const list = await this.accessibleList(actor, listId);
    await this.deps.store.delete(listId);
    const [next] = await this.deps.store.listsOf(list);
    if (list.isDefault && next) await this.deps.store.setDefault(next.id);
    await this.changed(actor, list, 'list.delete', 'lists');
  }

  /** The list with every patient's summary. EHR trouble degrades rows, never the whole list. */
  async viewList(actor: Actor, listId: string): Promise<{ list: RoundingList; rows: ListRowView[] }> {
    const list = await this.accessibleList(actor, listId);
    const rows = await this.loadRows(list);
    await this.audit(actor, 'list.view', list, { listId, detail: { patients: rows.length } });
    return { list, rows };
  }

  /** Searches the channel's EHR, or the organisation's default EHR when no channel is given. */
  async search(actor: Actor, channel: ChannelRef | null, search: PatientSearch): Promise<PatientBanner[]> {
    const directory = await this.directoryFor(actor, channel);
    const found = await directory.search(search);
    await this.deps.audit.record({ actor, action: 'patient.search', channel, detail: { results: found.length } });
    return found;
  }

  async patient(actor: Actor, channel: ChannelRef | null, patientId: string): Promise<PatientSummary> {
    const directory = await this.directoryFor(actor, channel);
    const summary = (await directory.summaries([patientId])).get(patientId);
    if (!summary) throw new AppError('not_found', 'The EHR has no patient with this id.');
    await this.deps.audit.record({ actor, action: 'patient.view', channel, patientRef: patientId });
    return summary;
  }

  private async directoryFor(actor: Actor, channel: ChannelRef | null) {
    if (!channel) return this.deps.directories.organisationDefault(actor.tenantId);
    await this.authorize(actor, channel);
    await this.requireMode(channel, 'ehr');
    return this.deps.directories.forChannel(channel);
  }

  async addPatient(actor: Actor, listId: string, input: AddPatient): Promise<ListRowView> {
    const list = await this.accessibleList(actor, listId);
    let entryId: string;
    if ('patientId' in input) {
      await this.requireMode(list, 'ehr');
      const summary = (await (await this.deps.directories.forChannel(list)).summaries([input.patientId])).get(input.patientId);
      if (!summary) throw new AppError('not_found', 'The EHR has no patient with this id.', { field: 'patientId' });
      entryId = (await this.deps.store.addEntry(listId, { source: 'ehr', patientId: input.patientId, snapshot: summary.patient }, actor.userId)).id;
    } else {
      await this.requireMode(list, 'manual');
      entryId = (await this.deps.store.addEntry(listId, { source: 'manual', manual: input.manual }, actor.userId)).id;
    }
    const row = await this.rowOf(list, entryId);
    await this.changed(actor, list, 'patient.add', 'list', row.entry.patientId ?? entryId);
    return row;
  }

  /** Wards or attendings of the channel's EHR whose name matches. */
  async censusSources(actor: Actor, channel: ChannelRef, kind: CensusKind, query: string): Promise<CensusSource[]> {
    return (await this.directoryFor(actor, channel)).censusSources(kind, query);
  }

  /** Every in-progress inpatient of a ward or an attending, each saying whether it is on the list already. */
  async censusPreview(actor: Actor, listId: string, source: CensusRef): Promise<CensusPreview> {
    const list = await this.accessibleList(actor, listId);
    await this.requireMode(list, 'ehr');
    const census = await (await this.deps.directories.forChannel(list)).census(source.kind, source.id);
    const listed = await this.listedPatients(list.id);
    for (const { patient } of census.patients) {
      await this.audit(actor, 'census.view', list, { listId, patientRef: patient.id, detail: { via: source.kind } });
    }
    return { patients: census.patients.map((row) => ({ ...row, onList: listed.has(row.patient.id) })), truncated: census.truncated };
  }

  /**
   * Adds the chosen patients of a ward or an attending in one step: the EHR is read again, so only
   * patients still in progress there are added (with the banner as read now), in one transaction.
   */
  async addCensus(actor: Actor, listId: string, source: CensusRef, patientIds: readonly string[]): Promise<CensusAddResult> {
    const list = await this.accessibleList(actor, listId);
    await this.requireMode(list, 'ehr');
    const census = await (await this.deps.directories.forChannel(list)).census(source.kind, source.id);
    const wanted = new Set(patientIds);
    const present = census.patients.filter(({ patient }) => wanted.has(patient.id));
    const listed = await this.listedPatients(list.id);
    const toAdd = present.filter(({ patient }) => !listed.has(patient.id)).map(({ patient }) => ({ patientId: patient.id, snapshot: patient }));
    const added = await this.deps.store.addEhrEntries(list.id, toAdd, actor.userId);
    for (const entry of added) {
      await this.audit(actor, 'patient.add', list, { listId, patientRef: entry.patientId ?? entry.id, detail: { via: source.kind } });
    }
    if (added.length > 0) await this.deps.events.publish(list, { kind: 'list', listId: list.id, by: actor.name });
    return { added: added.length, alreadyOnList: present.length - added.length, noLongerThere: wanted.size - present.length };
  }

  private async listedPatients(listId: string): Promise<Set<string>> {
    return new Set((await this.deps.store.entries(listId)).flatMap((entry) => (entry.patientId ? [entry.patientId] : [])));
  }

  async editManualPatient(actor: Actor, listId: string, entryId: string, changes: Partial<ManualPatient>): Promise<ListRowView> {
    const list = await this.accessibleList(actor, listId);
    const entry = await this.entryOn(list, entryId);
    if (entry.source !== 'manual' || !entry.manual) throw new AppError('validation', 'Patients from the EHR cannot be edited here: change them in the EHR.');
    await this.deps.store.updateManual(entryId, { ...entry.manual, ...changes, name: changes.name ?? entry.manual.name });
    await this.changed(actor, list, 'patient.edit', 'list', entryId);
    return this.rowOf(list, entryId);
  }

  async removePatient(actor: Actor, listId: string, entryId: string): Promise<void> {
    const list = await this.accessibleList(actor, listId);
    const entry = await this.entryOn(list, entryId);
    await this.deps.store.removeEntry(entryId);
    await this.changed(actor, list, 'patient.remove', 'list', entry.patientId ?? entryId);
  }

  async movePatient(actor: Actor, listId: string, entryId: string, toListId: string): Promise<void> {
    const list = await this.accessibleList(actor, listId);
    const entry = await this.entryOn(list, entryId);
    const target = await this.accessibleList(actor, toListId);
    if (target.teamId !== list.teamId || target.channelId !== list.channelId) {
      throw new AppError('validation', 'A patient can only move to another list of the same channel.', { field: 'toListId' });
    }
    await this.deps.store.moveEntry(entryId, toListId);
    await this.audit(actor, 'patient.move', list, { listId, patientRef: entry.patientId ?? entryId, detail: { toListId } });
    await this.deps.events.publish(list, { kind: 'lists', listId: null, by: actor.name });
  }

  async addNote(actor: Actor, listId: string, entryId: string, text: string): Promise<Note> {
    const list = await this.accessibleList(actor, listId);
    const entry = await this.entryOn(list, entryId);
    const note = await this.deps.store.addNote(entryId, { text, authorId: actor.userId, authorName: actor.name });
    await this.changed(actor, list, 'note.add', 'list', entry.patientId ?? entryId);
    return note;
  }

  /**
   * Who a clinician message sent from this list entry is about, and the care team it belongs to (the
   * list's channel), read here rather than taken from the browser. The EHR's current location is
   * added when it can be read; an EHR that is down leaves it out rather than stopping the message.
   */
  async messageContext(actor: Actor, entryId: string): Promise<{ patient: MessagePatient; team: CareTeam }> {
    const entry = await this.deps.store.entry(entryId);
    if (!entry) throw new AppError('not_found', 'This patient is not on a list (any more).', { field: 'listEntryId' });
    const list = await this.accessibleList(actor, entry.listId);
    const { patient, encounter } = await this.summaryOf(list, entry);
    // A location cleared by hand is stored as "": no location either.
    const location = encounter.status === 'ok' ? encounter.value?.location || null : null;
    return {
      patient: { ref: patientRefOf(entry), source: entry.source, name: patient.name, mrn: patient.mrn, location },
      team: { teamId: list.teamId, channelId: list.channelId },
    };
  }

  /**
   * Who a visit scheduled from this list entry is with, how to reach them (the EHR's telecom; nothing
   * for a patient entered by hand) and the care team (the list's channel), read here rather than
   * taken from the browser. Opening the schedule dialog reads contact details: it is audited.
   */
  async visitContext(
    actor: Actor,
    listId: string,
    entryId: string,
    purpose: 'prepare' | 'schedule',
  ): Promise<{ patient: PatientBanner; source: ListEntry['source']; telecom: PatientTelecom; team: CareTeam }> {
    const list = await this.accessibleList(actor, listId);
    const entry = await this.entryOn(list, entryId);
    const summary = await this.summaryOf(list, entry);
    if (purpose === 'prepare') await this.audit(actor, 'visit.prepare', list, { listId, patientRef: patientRefOf(entry) });
    return {
      patient: summary.patient,
      source: entry.source,
      telecom: summary.telecom ?? { phone: null, email: null },
      team: { teamId: list.teamId, channelId: list.channelId },
    };
  }

  /** The reference clinician messages know the entry's patient by, and its care team (members only). */
  async messageRef(actor: Actor, listId: string, entryId: string): Promise<{ patientRef: string; team: CareTeam }> {
    const list = await this.accessibleList(actor, listId);
    const entry = await this.entryOn(list, entryId);
    return { patientRef: patientRefOf(entry), team: { teamId: list.teamId, channelId: list.channelId } };
  }

  /**
   * Where a patient is on the channel's lists (default list first), by list entry id or by the
   * patient's reference (FHIR id): how a link from a message card finds the patient to open.
   */
  async findEntries(actor: Actor, channel: ChannelRef, ref: string): Promise<{ listId: string; entryId: string }[]> {
    await this.authorize(actor, channel);
    const found: { listId: string; entryId: string }[] = [];
    for (const list of await this.deps.store.listsOf(channel)) {
      for (const entry of await this.deps.store.entries(list.id)) {
        if (entry.id === ref || entry.patientId === ref) found.push({ listId: list.id, entryId: entry.id });
      }
    }
    return found;
  }

  /** The rows for a CSV export (audited as an export, not a view). */
  async exportRows(actor: Actor, listId: string): Promise<{ list: RoundingList; rows: ListRowView[] }> {
    const list = await this.accessibleList(actor, listId);
    const rows = await this.loadRows(list);
    await this.audit(actor, 'list.export', list, { listId, detail: { patients: rows.length } });
    return { list, rows };
  }

  private async loadRows(list: RoundingList): Promise<ListRowView[]> {
    const entries = await this.deps.store.entries(list.id);
    const ehrIds = entries.flatMap((entry) => (entry.source === 'ehr' && entry.patientId ? [entry.patientId] : []));
    const summaries = ehrIds.length === 0 ? new Map<string, PatientSummary>() : await this.summariesOrReason(list, ehrIds);
    const notes = await this.deps.store.notesOf(entries.map((entry) => entry.id));
    return buildRows(entries, summaries, notes, this.deps.now());
  }

  private async summariesOrReason(channel: ChannelRef, ids: string[]): Promise<Map<string, PatientSummary> | { failed: string }> {
    try {
      return await (await this.deps.directories.forChannel(channel)).summaries(ids);
    } catch (error) {
      return { failed: toAppError(error).userMessage };
    }
  }

  private async rowOf(list: RoundingList, entryId: string): Promise<ListRowView> {
    const entry = await this.entryOn(list, entryId);
    return this.buildRow(list, entry, await this.deps.store.notesOf([entryId]));
  }

  private async summaryOf(list: RoundingList, entry: ListEntry): Promise<PatientSummary> {
    return (await this.buildRow(list, entry, new Map())).summary;
  }

  private async buildRow(list: RoundingList, entry: ListEntry, notes: ReadonlyMap<string, Note[]>): Promise<ListRowView> {
    const summaries = entry.source === 'ehr' && entry.patientId ? await this.summariesOrReason(list, [entry.patientId]) : new Map<string, PatientSummary>();
    const [row] = buildRows([entry], summaries, notes, this.deps.now());
    if (!row) throw new AppError('internal', 'Something went wrong on our side. Please try again.');
    return row;
  }

  private async requireMode(channel: ChannelRef, mode: 'ehr' | 'manual'): Promise<void> {
    const current = await this.deps.modeOf(channel);
    if (current === mode) return;
    if (current === null) throw new AppError('validation', "This channel's Patients tab is not configured yet: choose EHR or manual mode in the tab's settings.");
    throw new AppError(
      'validation',
      current === 'manual'
        ? 'This channel keeps its patients by hand: add them with the form, not from the EHR.'
        : "This channel reads its patients from the EHR: search the EHR instead of entering them by hand.",
    );
  }

  private async accessibleList(actor: Actor, listId: string): Promise<RoundingList> {
    const list = await this.deps.store.get(listId);
    // Another tenant's list is reported as missing, not forbidden: its existence is not ours to reveal.
    if (!list || list.tenantId !== actor.tenantId) throw new AppError('not_found', 'This list does not exist (any more).');
    await this.authorize(actor, list);
    return list;
  }

  private async listOrThrow(listId: string): Promise<RoundingList> {
    const list = await this.deps.store.get(listId);
    if (!list) throw new AppError('not_found', 'This list does not exist (any more).');
    return list;
  }

  private async entryOn(list: RoundingList, entryId: string) {
    const entry = await this.deps.store.entry(entryId);
    if (!entry || entry.listId !== list.id) throw new AppError('not_found', 'This patient is not on the list (any more).');
    return entry;
  }

  private async changed(actor: Actor, list: RoundingList, action: AuditAction, kind: 'lists' | 'list', patientRef?: string): Promise<void> {
    await this.audit(actor, action, list, { listId: list.id, ...(patientRef ? { patientRef } : {}) });
    await this.deps.events.publish(list, { kind, listId: kind === 'list' ? list.id : null, by: actor.name });
  }

  private audit(
    actor: Actor,
    action: AuditAction,
    channel: ChannelRef,
    extra: { listId?: string; patientRef?: string; detail?: Record<string, string | number | boolean> } = {},
  ): Promise<void> {
    return this.deps.audit.record({ actor, action, channel: { tenantId: channel.tenantId, teamId: channel.teamId, channelId: channel.channelId }, ...extra });
  }
}

/** Messages know an EHR patient by their FHIR id (the same on every list), a hand-entered one by the entry. */
const patientRefOf = (entry: ListEntry): string => (entry.source === 'ehr' && entry.patientId ? entry.patientId : entry.id);
