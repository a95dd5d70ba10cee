/** The visit tabs' calls (My visits, the Visits channel tab); answers are checked against the shared contracts by the client. */
import { clinicianLobbyView } from '../../../bot/src/contracts/lobby-api';
import type { ClinicianLobbyView, messagePatientInput } from '../../../bot/src/contracts/lobby-api';
import { visitBoard } from '../../../bot/src/contracts/visit-board-api';
import { visitDto } from '../../../bot/src/contracts/visits-api';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import type { ApiClient } from '../shared/api-client';
import type { DayRange } from './visit-days';
import type { z } from 'zod/v4';

export type MessagePatientInput = z.input<typeof messagePatientInput>;

export type VisitStatus = VisitDto['status'];

/** My visits on these days of my time zone; `statuses` null means every visit that is not cancelled. */
export async function fetchMyVisits(api: ApiClient, range: DayRange, timeZone: string, statuses: readonly VisitStatus[] | null): Promise<VisitDto[]> {
  const query = { from: range.from, to: range.to, timeZone, ...(statuses ? { status: statuses.join(',') } : {}) };
  return (await api.get('/api/me/visits', visitBoard, query)).visits;
}

/** The Visits channel tab: one day's visits of the whole team, or of one channel of it (with `channelId`). */
export async function fetchTeamVisits(api: ApiClient, where: { teamId: string; channelId?: string | undefined }, day: string, timeZone: string): Promise<VisitDto[]> {
  const query = { teamId: where.teamId, ...(where.channelId ? { channelId: where.channelId } : {}), from: day, to: day, timeZone };
  return (await api.get('/api/channel-visits', visitBoard, query)).visits;
}

export function cancelVisit(api: ApiClient, visitId: string): Promise<VisitDto> {
  return api.post(`/api/me/visits/${encodeURIComponent(visitId)}/cancel`, {}, visitDto);
}

/** The lobby of one visit as its clinicians see it: check-in, device check, who admitted the patient. */
export function fetchLobby(api: ApiClient, visitId: string): Promise<ClinicianLobbyView> {
  return api.get(`/api/me/visits/${encodeURIComponent(visitId)}/lobby`, clinicianLobbyView);
}

/** Admits one person ('patient' or a guest's participant id) or 'everyone' waiting. */
export function admitPatient(api: ApiClient, visitId: string, who = 'patient'): Promise<ClinicianLobbyView> {
  return api.post(`/api/me/visits/${encodeURIComponent(visitId)}/admit`, { who }, clinicianLobbyView);
}

/** "Let them in when I'm ready": a clinician entering the room admits everyone checked in. */
export function setAdmitWhenReady(api: ApiClient, visitId: string, on: boolean): Promise<VisitDto> {
  return api.post(`/api/me/visits/${encodeURIComponent(visitId)}/admit-when-ready`, { on }, visitDto);
}

export function messagePatient(api: ApiClient, visitId: string, input: MessagePatientInput): Promise<ClinicianLobbyView> {
  return api.post(`/api/me/visits/${encodeURIComponent(visitId)}/message`, input, clinicianLobbyView);
}

export function endVisit(api: ApiClient, visitId: string): Promise<ClinicianLobbyView> {
  return api.post(`/api/me/visits/${encodeURIComponent(visitId)}/end`, {}, clinicianLobbyView);
}

export function markNoShow(api: ApiClient, visitId: string): Promise<ClinicianLobbyView> {
  return api.post(`/api/me/visits/${encodeURIComponent(visitId)}/no-show`, {}, clinicianLobbyView);
}
