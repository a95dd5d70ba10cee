/**
 * HTTP contract of the on-call roster (the On-call tab), for the signed-in user's organisation:
 * - `GET /api/roster/shifts?from=<ISO instant>&to=<ISO instant>` → `{ shifts: ShiftDto[] }` overlapping [from, to), at most 31 days;
 * - `POST /api/roster/shifts` (ShiftInputDto) → 201 ShiftDto; `PUT /api/roster/shifts/<id>` → ShiftDto; `DELETE /api/roster/shifts/<id>` → 204;
 * - `GET /api/roster/roles` → `{ roles: RoleDto[] }`: every role on the roster, who is on duty now (null: nobody) and until when.
 * Errors: `{ error: { code, message, field } }` with 400 / 404.
 */
import { z } from 'zod/v4';
import { personDto } from './people-api';

export const shiftInputDto = z.object({
  role: z.string({ error: 'role is required' }).trim().min(1, 'Name the role, for example "Cardiology on call".').max(80),
  person: personDto,
  backup: personDto.nullable(),
  start: z.iso.datetime({ offset: true, error: 'start must be an ISO date-time with a zone, e.g. 2026-11-24T08:00:00Z' }),
  end: z.iso.datetime({ offset: true, error: 'end must be an ISO date-time with a zone, e.g. 2026-11-24T20:00:00Z' }),
});
export type ShiftInputDto = z.infer<typeof shiftInputDto>;

export const shiftDto = shiftInputDto.extend({
  id: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  /** Covers the service's "now". */
  onDutyNow: z.boolean(),
});
export type ShiftDto = z.infer<typeof shiftDto>;

export const roleDto = z.object({
  role: z.string(),
  onDuty: personDto.nullable(),
  backup: personDto.nullable(),
  /** The end of the shift on duty now (ISO); null when nobody is. */
  until: z.string().nullable(),
});
export type RoleDto = z.infer<typeof roleDto>;

export const rosterRangeQuery = z.object({
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO date-time' }),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO date-time' }),
});
