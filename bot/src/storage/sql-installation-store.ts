import type { ConversationScope, Installation, InstallationInput, InstallationStore } from '../domain/shared/installations';
import type { Database } from './database';
import { toDate } from './sql-dates';

type InstallationRow = {
  conversation_id: string;
  tenant_id: string;
  scope: ConversationScope;
  team_id: string | null;
  channel_id: string | null;
  reference: Record<string, unknown>;
  installed_at: Date | string;
  removed_at: Date | string | null;
};

function toInstallation(row: InstallationRow): Installation {
  return {
    conversationId: row.conversation_id,
    tenantId: row.tenant_id,
    scope: row.scope,
    teamId: row.team_id,
    channelId: row.channel_id,
    reference: row.reference,
    installedAt: toDate(row.installed_at),
    removedAt: row.removed_at === null ? null : toDate(row.removed_at),
  };
}

export class SqlInstallationStore implements InstallationStore {
  constructor(private readonly db: Database) {}

  upsertActive(input: InstallationInput): Promise<{ isNew: boolean }> {
    return this.db.transaction(async (tx) => {
      // Lock the row so two install events arriving together report "new" once.
      const previous = await tx.query<{ removed_at: Date | null }>('SELECT removed_at FROM installations WHERE conversation_id = $1 FOR UPDATE', [
        input.conversationId,
      ]);
      const wasActive = previous.length > 0 && previous[0]?.removed_at === null;
      await tx.query(
        `INSERT INTO installations (conversation_id, tenant_id, scope, team_id, channel_id, reference)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (conversation_id) DO UPDATE SET
           tenant_id = EXCLUDED.tenant_id, scope = EXCLUDED.scope, team_id = EXCLUDED.team_id,
           channel_id = EXCLUDED.channel_id, reference = EXCLUDED.reference, updated_at = now(),
           installed_at = CASE WHEN installations.removed_at IS NULL THEN installations.installed_at ELSE now() END,
           removed_at = NULL`,
        [input.conversationId, input.tenantId, input.scope, input.teamId, input.channelId, JSON.stringify(input.reference)],
      );
      return { isNew: !wasActive };
    });
  }

  async markRemoved(conversationId: string): Promise<void> {
    await this.db.query('UPDATE installations SET removed_at = now(), updated_at = now() WHERE conversation_id = $1 AND removed_at IS NULL', [
      conversationId,
    ]);
  }

  async get(conversationId: string): Promise<Installation | null> {
    const rows = await this.db.query<InstallationRow>('SELECT * FROM installations WHERE conversation_id = $1', [conversationId]);
    return rows[0] ? toInstallation(rows[0]) : null;
  }

  async listActive(tenantId: string): Promise<Installation[]> {
    const rows = await this.db.query<InstallationRow>(
      'SELECT * FROM installations WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY installed_at, conversation_id',
      [tenantId],
    );
    return rows.map(toInstallation);
  }
}
