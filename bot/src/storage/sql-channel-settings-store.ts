import type { ChannelKey, ChannelSettingsStore, PatientsMode, PatientsSettings } from '../domain/channel-settings';
import type { Database } from './database';

type SettingsRow = {
  patients_mode: PatientsMode | null;
  updated_at: Date | string;
  updated_by: string;
};

function toSettings(key: ChannelKey, row: SettingsRow | undefined): PatientsSettings {
  if (!row) return { ...key, mode: null, updatedAt: null, updatedBy: null };
  return { ...key, mode: row.patients_mode, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
}

export class SqlChannelSettingsStore implements ChannelSettingsStore {
  constructor(private readonly db: Database) {}

  async getPatients(key: ChannelKey): Promise<PatientsSettings> {
    const rows = await this.db.query<SettingsRow>(
      'SELECT patients_mode, updated_at, updated_by FROM channel_settings WHERE tenant_id = $1 AND team_id = $2 AND channel_id = $3',
      [key.tenantId, key.teamId, key.channelId],
    );
    return toSettings(key, rows[0]);
  }

  async setPatientsMode(key: ChannelKey, mode: PatientsMode, updatedBy: string): Promise<PatientsSettings> {
    const rows = await this.db.query<SettingsRow>(
      `INSERT INTO channel_settings (tenant_id, team_id, channel_id, patients_mode, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, team_id, channel_id) DO UPDATE SET
         patients_mode = EXCLUDED.patients_mode, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING patients_mode, updated_at, updated_by`,
      [key.tenantId, key.teamId, key.channelId, mode, updatedBy],
    );
    return toSettings(key, rows[0]);
  }
}
