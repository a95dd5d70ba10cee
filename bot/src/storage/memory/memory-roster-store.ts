import type { OnCallShift, Person, RosterStore, ShiftInput } from '../../domain/messages/message-types';
import { roleKey } from '../../domain/messages/on-call-roster';
import { copy, MemoryTables } from './memory-tables';

type ShiftRow = OnCallShift & { roleKey: string };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The twin of SqlRosterStore: shifts matched by role key, a shift's end after its start. */
export class MemoryRosterStore implements RosterStore {
  private readonly rows = new Map<string, ShiftRow>();

  constructor(private readonly tables = new MemoryTables()) {}

  async shifts(tenantId: string, from: Date, to: Date): Promise<OnCallShift[]> {
    return [...this.rows.values()]
      .filter((shift) => shift.tenantId === tenantId && shift.start < to && shift.end > from)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || byText(a.roleKey, b.roleKey) || byText(a.id, b.id))
      .map(toShift);
  }

  async get(id: string): Promise<OnCallShift | null> {
    const row = this.rows.get(id);
    return row ? toShift(row) : null;
  }

  async covering(tenantId: string, key: string, at: Date): Promise<OnCallShift[]> {
    return [...this.rows.values()]
      .filter((shift) => shift.tenantId === tenantId && shift.roleKey === key && shift.start <= at && shift.end > at)
      .sort((a, b) => b.start.getTime() - a.start.getTime() || b.updatedAt.getTime() - a.updatedAt.getTime())
      .map(toShift);
  }

  async roles(tenantId: string): Promise<string[]> {
    const latest = new Map<string, ShiftRow>();
    for (const shift of this.rows.values()) {
      if (shift.tenantId !== tenantId) continue;
      const known = latest.get(shift.roleKey);
      if (!known || shift.updatedAt > known.updatedAt) latest.set(shift.roleKey, shift);
    }
    return [...latest.entries()].sort(([a], [b]) => byText(a, b)).map(([, shift]) => shift.role);
  }

  async add(tenantId: string, shift: ShiftInput, by: Person, at: Date): Promise<OnCallShift> {
    const row = this.row(this.tables.nextId(), tenantId, shift, by, at);
    this.rows.set(row.id, row);
    return toShift(row);
  }

  async update(id: string, shift: ShiftInput, by: Person, at: Date): Promise<OnCallShift | null> {
    const existing = this.rows.get(id);
    if (!existing) return null;
    const row = this.row(id, existing.tenantId, shift, by, at);
    this.rows.set(id, row);
    return toShift(row);
  }

  async remove(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }

  private row(id: string, tenantId: string, shift: ShiftInput, by: Person, at: Date): ShiftRow {
    if (!(shift.end > shift.start)) throw new Error('a shift ends after it starts');
    return { id, tenantId, ...copy(shift), roleKey: roleKey(shift.role), updatedBy: copy(by), updatedAt: new Date(at) };
  }
}

const toShift = ({ roleKey: _key, ...shift }: ShiftRow): OnCallShift => copy(shift);
