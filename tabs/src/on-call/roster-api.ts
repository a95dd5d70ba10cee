/** The On call tab's calls (contract: bot/src/contracts/roster-api.ts); answers are checked by the client. */
import { z } from 'zod/v4';
import { roleDto, shiftDto } from '../../../bot/src/contracts/roster-api';
import type { RoleDto, ShiftDto, ShiftInputDto } from '../../../bot/src/contracts/roster-api';
import type { ApiClient } from '../shared/api-client';

const shiftsResponse = z.object({ shifts: z.array(shiftDto) });
const rolesResponse = z.object({ roles: z.array(roleDto) });

export interface Roster {
  roles: RoleDto[];
  shifts: ShiftDto[];
}

/** Who is on duty now, and the shifts overlapping [from, to) (ISO instants). */
export async function fetchRoster(api: ApiClient, range: { from: string; to: string }): Promise<Roster> {
  const [roles, shifts] = await Promise.all([api.get('/api/roster/roles', rolesResponse), api.get('/api/roster/shifts', shiftsResponse, range)]);
  return { roles: roles.roles, shifts: shifts.shifts };
}

export function addShift(api: ApiClient, input: ShiftInputDto): Promise<ShiftDto> {
  return api.post('/api/roster/shifts', input, shiftDto);
}

export function updateShift(api: ApiClient, id: string, input: ShiftInputDto): Promise<ShiftDto> {
  return api.put(`/api/roster/shifts/${encodeURIComponent(id)}`, input, shiftDto);
}

export function removeShift(api: ApiClient, id: string): Promise<void> {
  return api.send('DELETE', `/api/roster/shifts/${encodeURIComponent(id)}`);
}
