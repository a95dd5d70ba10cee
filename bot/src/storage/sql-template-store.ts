import type { MessageTemplate, StoredTemplate, TemplateKey, TemplateStore } from '../domain/notifications/notification-types';
import type { Database } from './database';

type TemplateRow = { key: TemplateKey; subject: string | null; body: string; updated_by: string; updated_at: Date | string };

const toTemplate = (row: TemplateRow): StoredTemplate => ({
  key: row.key,
  subject: row.subject,
  body: row.body,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at),
});

export class SqlTemplateStore implements TemplateStore {
  constructor(private readonly db: Database) {}

  async get(tenantId: string, key: TemplateKey): Promise<StoredTemplate | null> {
    const rows = await this.db.query<TemplateRow>('SELECT key, subject, body, updated_by, updated_at FROM notification_templates WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    return rows[0] ? toTemplate(rows[0]) : null;
  }

  async set(tenantId: string, key: TemplateKey, template: MessageTemplate, updatedBy: string): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_templates (tenant_id, key, subject, body, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, key) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [tenantId, key, template.subject, template.body, updatedBy],
    );
  }

  async remove(tenantId: string, key: TemplateKey): Promise<void> {
    await this.db.query('DELETE FROM notification_templates WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
  }

  async list(tenantId: string): Promise<StoredTemplate[]> {
    const rows = await this.db.query<TemplateRow>('SELECT key, subject, body, updated_by, updated_at FROM notification_templates WHERE tenant_id = $1 ORDER BY key', [tenantId]);
    return rows.map(toTemplate);
  }
}
