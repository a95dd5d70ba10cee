/** The on-call roster in SQL; roles are matched by their key (see roleKey). */
import { randomUUID } from 'node:crypto';
import type { OnCallShift, Person, RosterStore, ShiftInput } from '../domain/messages/message-types';
import { roleKey } from '../domain/messages/on-call-roster';
import type { Database } from './database';
import { isUuid } from './is-uuid';
import { toDate } from './sql-dates';

type ShiftRow = {
  id: string;
  tenant_id: string;
  role: string;
  person: Person;
  backup: Person | null;
  starts_at: Date | string;
  ends_at: Date | string;
  updated_by: Person;
  updated_at: Date | string;
};

function toShift(row: ShiftRow): OnCallShift {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    role: row.role,
    person: row.person,
    backup: row.backup,
    start: toDate(row.starts_at),
    end: toDate(row.ends_at),
    updatedBy: row.updated_by,
    updatedAt: toDate(row.updated_at),
  };
}

export class SqlRosterStore implements RosterStore {
  constructor(private readonly db: Database) {}

  async shifts(tenantId: string, from: Date, to: Date): Promise<OnCallShift[]> {
    const rows = await this.db.query<ShiftRow>(
      'SELECT * FROM on_call_shifts WHERE tenant_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at, role_key, id',
      [tenantId, from, to],
    );
    return rows.map(toShift);
  }

  async get(id: string): Promise<OnCallShift | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<ShiftRow>('SELECT * FROM on_call_shifts WHERE id = $1', [id]);
    return row ? toShift(row) : null;
  }

  async covering(tenantId: string, key: string, at: Date): Promise<OnCallShift[]> {
    const rows = await this.db.query<ShiftRow>(
      'SELECT * FROM on_call_shifts WHERE tenant_id = $1 AND role_key = $2 AND starts_at <= $3 AND ends_at > $3 ORDER BY starts_at DESC, updated_at DESC',
      [tenantId, key, at],
    );
    return rows.map(toShift);
  }

  async roles(tenantId: string): Promise<string[]> {
    const rows = await this.db.query<{ role: string }>(
      'SELECT DISTINCT ON (role_key) role FROM on_call_shifts WHERE tenant_id = $1 ORDER BY role_key, updated_at DESC',
      [tenantId],
    );
    return rows.map((row) => row.role);
  }

  async add(tenantId: string, shift: ShiftInput, by: Person, at: Date): Promise<OnCallShift> {
    const [row] = await this.db.query<ShiftRow>(
      `INSERT INTO on_call_shifts (id, tenant_id, role, role_key, person, backup, starts_at, ends_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9::jsonb, $10) RETURNING *`,
      [randomUUID(), tenantId, shift.role, roleKey(shift.role), JSON.stringify(shift.person), shift.backup ? JSON.stringify(shift.backup) : null, shift.start, shift.end, JSON.stringify(by), at],
    );
    return toShift(row!);
  }

  async update(id: string, shift: ShiftInput, by: Person, at: Date): Promise<OnCallShift | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<ShiftRow>(
      `UPDATE on_call_shifts SET role = $2, role_key = $3, person = $4::jsonb, backup = $5::jsonb, starts_at = $6, ends_at = $7, updated_by = $8::jsonb, updated_at = $9
       WHERE id = $1 RETURNING *`,
      [id, shift.role, roleKey(shift.role), JSON.stringify(shift.person), shift.backup ? JSON.stringify(shift.backup) : null, shift.start, shift.end, JSON.stringify(by), at],
    );
    return row ? toShift(row) : null;
  }

  async remove(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return (await this.db.query('DELETE FROM on_call_shifts WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
