import type { StoredVisitType, VisitTypeStore } from '../domain/visits/visit-type-catalog';
import type { Database } from './database';
import { toDate } from './sql-dates';

type VisitTypeRow = {
  tenant_id: string;
  key: string;
  name: string;
  default_duration_minutes: number;
  telehealth: boolean;
  send_sms: boolean;
  send_email: boolean;
  updated_by: string;
  updated_at: Date | string;
};

const toType = (row: VisitTypeRow): StoredVisitType => ({
  tenantId: row.tenant_id,
  key: row.key,
  name: row.name,
  defaultDurationMinutes: row.default_duration_minutes,
  telehealth: row.telehealth,
  templates: { sms: row.send_sms, email: row.send_email },
  updatedBy: row.updated_by,
  updatedAt: toDate(row.updated_at),
});

export class SqlVisitTypeStore implements VisitTypeStore {
  constructor(private readonly db: Database) {}

  async list(tenantId: string): Promise<StoredVisitType[]> {
    return (await this.db.query<VisitTypeRow>('SELECT * FROM visit_types WHERE tenant_id = $1 ORDER BY key', [tenantId])).map(toType);
  }

  async insert(type: StoredVisitType): Promise<boolean> {
    const rows = await this.db.query<{ key: string }>(
      `INSERT INTO visit_types (tenant_id, key, name, default_duration_minutes, telehealth, send_sms, send_email, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
      [type.tenantId, type.key, type.name, type.defaultDurationMinutes, type.telehealth, type.templates.sms, type.templates.email, type.updatedBy, type.updatedAt],
    );
    return rows.length > 0;
  }

  async save(type: StoredVisitType): Promise<void> {
    await this.db.query(
      `INSERT INTO visit_types (tenant_id, key, name, default_duration_minutes, telehealth, send_sms, send_email, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, key) DO UPDATE SET name = EXCLUDED.name, default_duration_minutes = EXCLUDED.default_duration_minutes,
         telehealth = EXCLUDED.telehealth, send_sms = EXCLUDED.send_sms, send_email = EXCLUDED.send_email,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [type.tenantId, type.key, type.name, type.defaultDurationMinutes, type.telehealth, type.templates.sms, type.templates.email, type.updatedBy, type.updatedAt],
    );
  }

  async remove(tenantId: string, key: string): Promise<boolean> {
    return (await this.db.query<{ key: string }>('DELETE FROM visit_types WHERE tenant_id = $1 AND key = $2 RETURNING key', [tenantId, key])).length > 0;
  }
}
