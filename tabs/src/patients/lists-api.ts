/**
 * The Patients tab's calls for rounding lists, their patients and notes, search and summaries.
 * Every answer is checked against the shared contract (bot/src/contracts/lists-api.ts) by the client.
 */
import { z } from 'zod/v4';
import { censusAddResult, censusPreview, censusSources, listEntryPlaces, listRow, listView, note, patientMatch, patientSummary, roundingList } from '../../../bot/src/contracts/lists-api';
import type {
  CensusAddResultDto,
  CensusKindDto,
  CensusPreviewDto,
  CensusSourceDto,
  ChannelQuery,
  ColumnKey,
  ListEntryPlaces,
  ListRow,
  ListView,
  ManualPatientInput,
  NoteDto,
  PatientMatch,
  PatientSummaryDto,
  RoundingList,
} from '../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../shared/api-client';

const listsAnswer = z.object({ lists: z.array(roundingList) });
const searchAnswer = z.object({ patients: z.array(patientMatch) });

/** Ids come from the API, but a path segment is still no place for a raw "/" or "?". */
const seg = encodeURIComponent;
const channelParams = (channel: ChannelQuery) => ({ teamId: channel.teamId, channelId: channel.channelId });

export async function fetchLists(api: ApiClient, channel: ChannelQuery): Promise<RoundingList[]> {
  return (await api.get('/api/lists', listsAnswer, channelParams(channel))).lists;
}

export function createList(api: ApiClient, channel: ChannelQuery, name: string): Promise<RoundingList> {
  return api.post('/api/lists', { ...channelParams(channel), name }, roundingList);
}

export type ListChange = { name: string } | { columns: ColumnKey[] } | { isDefault: true };

export function updateList(api: ApiClient, listId: string, change: ListChange): Promise<RoundingList> {
  return api.patch(`/api/lists/${seg(listId)}`, change, roundingList);
}

export function deleteList(api: ApiClient, listId: string): Promise<void> {
  return api.send('DELETE', `/api/lists/${seg(listId)}`);
}

export function fetchListView(api: ApiClient, listId: string): Promise<ListView> {
  return api.get(`/api/lists/${seg(listId)}`, listView);
}

export function addEhrPatient(api: ApiClient, listId: string, patientId: string): Promise<ListRow> {
  return api.post(`/api/lists/${seg(listId)}/patients`, { patientId }, listRow);
}

export function addManualPatient(api: ApiClient, listId: string, manual: ManualPatientInput): Promise<ListRow> {
  return api.post(`/api/lists/${seg(listId)}/patients`, { manual }, listRow);
}

/** PATCH merges `changes` over the stored patient: an absent field is kept, "" clears a text field. */
export function updateManualPatient(api: ApiClient, listId: string, entryId: string, changes: Partial<ManualPatientInput>): Promise<ListRow> {
  return api.patch(`/api/lists/${seg(listId)}/patients/${seg(entryId)}`, changes, listRow);
}

export function removePatient(api: ApiClient, listId: string, entryId: string): Promise<void> {
  return api.send('DELETE', `/api/lists/${seg(listId)}/patients/${seg(entryId)}`);
}

export function movePatient(api: ApiClient, listId: string, entryId: string, toListId: string): Promise<void> {
  return api.send('POST', `/api/lists/${seg(listId)}/patients/${seg(entryId)}/move`, { toListId });
}

export function addNote(api: ApiClient, listId: string, entryId: string, text: string): Promise<NoteDto> {
  return api.post(`/api/lists/${seg(listId)}/patients/${seg(entryId)}/notes`, { text }, note);
}

/** The list as CSV with its times in `timeZone` (the viewer's). */
export function exportListCsv(api: ApiClient, listId: string, timeZone: string): Promise<string> {
  return api.getText(`/api/lists/${seg(listId)}/export.csv`, { timeZone });
}

export async function searchPatients(api: ApiClient, channel: ChannelQuery, q: string): Promise<PatientMatch[]> {
  return (await api.get('/api/patients/search', searchAnswer, { q, ...channelParams(channel) })).patients;
}

export function fetchPatientSummary(api: ApiClient, channel: ChannelQuery, patientId: string): Promise<PatientSummaryDto> {
  return api.get(`/api/patients/${seg(patientId)}`, patientSummary, channelParams(channel));
}

/** Where a patient is on the channel's lists (default list first), by entry id or patient reference. */
export async function findListEntries(api: ApiClient, channel: ChannelQuery, ref: string): Promise<ListEntryPlaces['entries']> {
  return (await api.get('/api/list-entries', listEntryPlaces, { ...channelParams(channel), ref })).entries;
}

/** Wards (`location`) or attendings (`practitioner`) of the channel's EHR, by name. */
export async function searchCensusSources(api: ApiClient, channel: ChannelQuery, kind: CensusKindDto, q: string): Promise<CensusSourceDto[]> {
  return (await api.get('/api/census/sources', censusSources, { ...channelParams(channel), kind, q })).sources;
}

/** Every in-progress inpatient of a ward or an attending, each saying whether it is on the list. */
export function fetchCensusPreview(api: ApiClient, listId: string, source: { kind: CensusKindDto; id: string }): Promise<CensusPreviewDto> {
  return api.get(`/api/lists/${seg(listId)}/census`, censusPreview, { kind: source.kind, id: source.id });
}

/** Adds the chosen patients of a ward or an attending in one request (all or none). */
export function addCensus(api: ApiClient, listId: string, source: { kind: CensusKindDto; id: string }, patientIds: string[]): Promise<CensusAddResultDto> {
  return api.post(`/api/lists/${seg(listId)}/census`, { kind: source.kind, id: source.id, patientIds }, censusAddResult);
}
