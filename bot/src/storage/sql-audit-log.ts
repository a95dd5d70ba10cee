import type { AuditEntry, AuditLog } from '../domain/shared/audit';
import type { Database } from './database';

export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Database) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (tenant_id, team_id, channel_id, user_id, action, list_id, patient_ref, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        entry.actor.tenantId,
        entry.channel?.teamId ?? null,
        entry.channel?.channelId ?? null,
        entry.actor.userId,
        entry.action,
        entry.listId ?? null,
        entry.patientRef ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      ],
    );
  }
}
