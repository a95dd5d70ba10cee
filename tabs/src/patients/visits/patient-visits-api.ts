/**
 * The Patients tab's calls for visits of a list entry (contract: bot/src/contracts/visits-api.ts):
 * what the schedule dialog starts from, booking, and the entry's visits with their patient links.
 */
import { entryVisitsResponse, visitDraftDto, visitDto } from '../../../../bot/src/contracts/visits-api';
import type { ScheduleFromListInput, VisitDraftDto, VisitDto } from '../../../../bot/src/contracts/visits-api';
import type { ApiClient } from '../../shared/api-client';

const seg = encodeURIComponent;
const entryPath = (listId: string, entryId: string) => `/api/lists/${seg(listId)}/patients/${seg(entryId)}`;

export function fetchVisitDraft(api: ApiClient, listId: string, entryId: string): Promise<VisitDraftDto> {
  return api.get(`${entryPath(listId, entryId)}/visit-draft`, visitDraftDto);
}

export function scheduleVisit(api: ApiClient, listId: string, entryId: string, input: ScheduleFromListInput): Promise<VisitDto> {
  return api.post(`${entryPath(listId, entryId)}/visits`, input, visitDto);
}

export async function fetchEntryVisits(api: ApiClient, listId: string, entryId: string): Promise<VisitDto[]> {
  return (await api.get(`${entryPath(listId, entryId)}/visits`, entryVisitsResponse)).visits;
}
