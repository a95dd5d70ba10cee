import type { ChannelKey, ChannelSettingsStore, EhrAuthMethod, EhrConnection, PatientsMode, PatientsSettings } from '../domain/lists/channel-settings';
import type { Database } from './database';

type SettingsRow = {
  patients_mode: PatientsMode | null;
  ehr_name: string | null;
  ehr_base_url: string | null;
  ehr_client_id: string | null;
  ehr_client_secret_enc: string | null;
  ehr_auth_method: EhrAuthMethod | null;
  updated_at: Date | string;
  updated_by: string;
};

const COLUMNS = 'patients_mode, ehr_name, ehr_base_url, ehr_client_id, ehr_client_secret_enc, ehr_auth_method, updated_at, updated_by';

function toSettings(key: ChannelKey, row: SettingsRow | undefined): PatientsSettings {
  if (!row) return { ...key, mode: null, connection: null, updatedAt: null, updatedBy: null };
  const connection: EhrConnection | null =
    row.ehr_base_url && row.ehr_client_id && (row.ehr_client_secret_enc || row.ehr_auth_method === 'private_key_jwt')
      ? {
          name: row.ehr_name ?? row.ehr_base_url,
          baseUrl: row.ehr_base_url,
          clientId: row.ehr_client_id,
          sealedSecret: row.ehr_client_secret_enc,
          authMethod: row.ehr_auth_method,
        }
      : null;
  return { ...key, mode: row.patients_mode, connection, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
}

export class SqlChannelSettingsStore implements ChannelSettingsStore {
  constructor(private readonly db: Database) {}

  async getPatients(key: ChannelKey): Promise<PatientsSettings> {
    const rows = await this.db.query<SettingsRow>(`SELECT ${COLUMNS} FROM channel_settings WHERE tenant_id = $1 AND team_id = $2 AND channel_id = $3`, [
      key.tenantId,
      key.teamId,
      key.channelId,
    ]);
    return toSettings(key, rows[0]);
  }

  async setPatients(key: ChannelKey, settings: { mode: PatientsMode; connection: EhrConnection | null }, updatedBy: string): Promise<PatientsSettings> {
    const c = settings.connection;
    const rows = await this.db.query<SettingsRow>(
      `INSERT INTO channel_settings (tenant_id, team_id, channel_id, patients_mode, ehr_name, ehr_base_url, ehr_client_id, ehr_client_secret_enc, ehr_auth_method, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, team_id, channel_id) DO UPDATE SET
         patients_mode = EXCLUDED.patients_mode, ehr_name = EXCLUDED.ehr_name, ehr_base_url = EXCLUDED.ehr_base_url,
         ehr_client_id = EXCLUDED.ehr_client_id, ehr_client_secret_enc = EXCLUDED.ehr_client_secret_enc,
         ehr_auth_method = EXCLUDED.ehr_auth_method, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [
        key.tenantId,
        key.teamId,
        key.channelId,
        settings.mode,
        c?.name ?? null,
        c?.baseUrl ?? null,
        c?.clientId ?? null,
        c?.sealedSecret ?? null,
        c?.authMethod ?? null,
        updatedBy,
      ],
    );
    return toSettings(key, rows[0]);
  }
}
