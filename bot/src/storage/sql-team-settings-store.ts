import type { CoordinationChannel, TeamSettingsStore } from '../domain/visits/team-settings';
import type { Database } from './database';

type SettingsRow = {
  coordination_channel_id: string | null;
  coordination_conversation_id: string | null;
  updated_at: Date | string;
  updated_by: { id: string; name: string };
};

export class SqlTeamSettingsStore implements TeamSettingsStore {
  constructor(private readonly db: Database) {}

  async coordinationChannel(tenantId: string, teamId: string): Promise<CoordinationChannel | null> {
    const [row] = await this.db.query<SettingsRow>(
      'SELECT coordination_channel_id, coordination_conversation_id, updated_at, updated_by FROM team_settings WHERE tenant_id = $1 AND team_id = $2',
      [tenantId, teamId],
    );
    if (!row?.coordination_channel_id || !row.coordination_conversation_id) return null;
    return {
      tenantId,
      teamId,
      channelId: row.coordination_channel_id,
      conversationId: row.coordination_conversation_id,
      setBy: row.updated_by,
      setAt: new Date(row.updated_at),
    };
  }

  async setCoordinationChannel(channel: CoordinationChannel): Promise<void> {
    await this.db.query(
      `INSERT INTO team_settings (tenant_id, team_id, coordination_channel_id, coordination_conversation_id, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (tenant_id, team_id) DO UPDATE SET
         coordination_channel_id = EXCLUDED.coordination_channel_id, coordination_conversation_id = EXCLUDED.coordination_conversation_id,
         updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [channel.tenantId, channel.teamId, channel.channelId, channel.conversationId, channel.setAt, JSON.stringify(channel.setBy)],
    );
  }

  async clearCoordinationChannel(tenantId: string, teamId: string, by: { id: string; name: string }, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE team_settings SET coordination_channel_id = NULL, coordination_conversation_id = NULL, updated_at = $3, updated_by = $4::jsonb
       WHERE tenant_id = $1 AND team_id = $2 AND coordination_channel_id IS NOT NULL RETURNING team_id`,
      [tenantId, teamId, at, JSON.stringify(by)],
    );
    return rows.length > 0;
  }
}
