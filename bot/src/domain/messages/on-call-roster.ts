/**
 * The on-call roster: who answers for a role ("Cardiology on call") between two times, and who
 * backs them up. Clinicians keep it in the On-call tab; messages addressed to a role are resolved
 * against it at the moment they are sent.
 */
import { AppError } from '../shared/app-error';
import type { Actor } from '../shared/actor';
import type { OnCallShift, Person, RosterStore, ShiftInput } from './message-types';

const MAX_SHIFT_HOURS = 7 * 24;
const MAX_ROLE = 80;
/** The widest period one read may ask for: a month of shifts is what a page shows at most. */
const MAX_RANGE_DAYS = 31;

/** How a role is matched: case, spacing and an "on call" suffix do not matter ("cardiology on-call" = "Cardiology"). */
export function roleKey(role: string): string {
  return role
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim()
    .replace(/\s*\b(on ?call)$/, '')
    .trim();
}

export const actorPerson = (actor: Actor): Person => ({ aadObjectId: actor.userId, name: actor.name });

export interface RosterDeps {
  store: RosterStore;
  now(): Date;
}

export class OnCallRoster {
  constructor(private readonly deps: RosterDeps) {}

  /** The person on duty for the role right now (the latest-started covering shift), or null. */
  async onDuty(tenantId: string, role: string, at: Date = this.deps.now()): Promise<OnCallShift | null> {
    const key = roleKey(role);
    if (!key) return null;
    return (await this.deps.store.covering(tenantId, key, at))[0] ?? null;
  }

  async shifts(actor: Actor, from: Date, to: Date): Promise<OnCallShift[]> {
    if (to <= from) throw new AppError('validation', 'The end of the period must be after its start.', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new AppError('validation', `Ask for at most ${MAX_RANGE_DAYS} days of shifts at a time.`, { field: 'to' });
    }
    return this.deps.store.shifts(actor.tenantId, from, to);
  }

  roles(actor: Actor): Promise<string[]> {
    return this.deps.store.roles(actor.tenantId);
  }

  /** Every role on the roster with the shift on duty for it right now (null: nobody is). */
  async rolesOnDuty(actor: Actor): Promise<{ role: string; shift: OnCallShift | null }[]> {
    const at = this.deps.now();
    const roles = await this.roles(actor);
    return Promise.all(roles.map(async (role) => ({ role, shift: await this.onDuty(actor.tenantId, role, at) })));
  }

  /**
   * The ids of those shifts that are on duty right now. Covering "now" is not enough: of overlapping
   * shifts of a role, only the one onDuty picks (the latest start) answers messages, so the tab says the same.
   */
  async onDutyNow(tenantId: string, shifts: readonly OnCallShift[]): Promise<Set<string>> {
    const at = this.deps.now();
    const covering = new Map(shifts.filter((shift) => shift.start <= at && at < shift.end).map((shift) => [roleKey(shift.role), shift.role]));
    const onDuty = await Promise.all([...covering.values()].map((role) => this.onDuty(tenantId, role, at)));
    return new Set(onDuty.flatMap((shift) => (shift ? [shift.id] : [])));
  }

  async add(actor: Actor, input: ShiftInput): Promise<OnCallShift> {
    return this.deps.store.add(actor.tenantId, checked(input), actorPerson(actor), this.deps.now());
  }

  async update(actor: Actor, id: string, input: ShiftInput): Promise<OnCallShift> {
    await this.owned(actor, id);
    const updated = await this.deps.store.update(id, checked(input), actorPerson(actor), this.deps.now());
    if (!updated) throw notFound();
    return updated;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.owned(actor, id);
    if (!(await this.deps.store.remove(id))) throw notFound();
  }

  private async owned(actor: Actor, id: string): Promise<OnCallShift> {
    const shift = await this.deps.store.get(id);
    if (!shift || shift.tenantId !== actor.tenantId) throw notFound();
    return shift;
  }
}

const notFound = () => new AppError('not_found', 'This shift is no longer on the roster.');

function checked(input: ShiftInput): ShiftInput {
  const role = input.role.trim().replace(/\s+/g, ' ');
  if (!roleKey(role)) throw new AppError('validation', 'Name the role, for example "Cardiology on call".', { field: 'role' });
  if (role.length > MAX_ROLE) throw new AppError('validation', `Keep the role under ${MAX_ROLE} characters.`, { field: 'role' });
  if (input.end <= input.start) throw new AppError('validation', 'The shift must end after it starts.', { field: 'end' });
  if (input.end.getTime() - input.start.getTime() > MAX_SHIFT_HOURS * 3_600_000) {
    throw new AppError('validation', 'A shift can last at most 7 days; add one shift per period.', { field: 'end' });
  }
  if (input.backup && input.backup.aadObjectId.toLowerCase() === input.person.aadObjectId.toLowerCase()) {
    throw new AppError('validation', 'The backup must be someone else than the person on call.', { field: 'backup' });
  }
  return { ...input, role };
}
