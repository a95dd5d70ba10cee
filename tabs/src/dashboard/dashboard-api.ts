/** The Dashboard tab's calls; answers are checked against the shared contract by the client. */
import { visitStatsDto } from '../../../bot/src/contracts/visit-stats-api';
import type { VisitStatsDto } from '../../../bot/src/contracts/visit-stats-api';
import type { ApiClient } from '../shared/api-client';
import type { DayRange } from '../visits/visit-days';

const statsPath = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}/visit-stats`;

export function fetchVisitStats(api: ApiClient, teamId: string, range: DayRange, timeZone: string): Promise<VisitStatsDto> {
  return api.get(statsPath(teamId), visitStatsDto, { from: range.from, to: range.to, timeZone });
}

export function fetchVisitStatsCsv(api: ApiClient, teamId: string, range: DayRange, timeZone: string): Promise<string> {
  return api.getText(`${statsPath(teamId)}.csv`, { from: range.from, to: range.to, timeZone });
}
