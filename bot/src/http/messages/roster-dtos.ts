/** The on-call roster as the roster API shows it (contracts/roster-api.ts): ISO instants, people as id and name. */
import type { PersonDto } from '../../contracts/people-api';
import type { RoleDto, ShiftDto, ShiftInputDto } from '../../contracts/roster-api';
import type { OnCallShift, Person, ShiftInput } from '../../domain/messages/message-types';

// Field by field: a stored person's JSON leaves the service only with what the contract names.
const toPersonDto = (person: Person): PersonDto => ({ aadObjectId: person.aadObjectId, name: person.name, email: person.email ?? null });

export function toShiftDto(shift: OnCallShift, onDutyNow: boolean): ShiftDto {
  return {
    id: shift.id,
    role: shift.role,
    person: toPersonDto(shift.person),
    backup: shift.backup && toPersonDto(shift.backup),
    start: shift.start.toISOString(),
    end: shift.end.toISOString(),
    updatedBy: shift.updatedBy.name,
    updatedAt: shift.updatedAt.toISOString(),
    onDutyNow,
  };
}

export function toRoleDto({ role, shift }: { role: string; shift: OnCallShift | null }): RoleDto {
  return {
    role,
    onDuty: shift && toPersonDto(shift.person),
    backup: shift?.backup ? toPersonDto(shift.backup) : null,
    until: shift?.end.toISOString() ?? null,
  };
}

export const fromShiftInputDto = (input: ShiftInputDto): ShiftInput => ({
  role: input.role,
  person: input.person,
  backup: input.backup,
  start: new Date(input.start),
  end: new Date(input.end),
});
