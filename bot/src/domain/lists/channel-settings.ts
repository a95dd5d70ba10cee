/** How a channel's Patients tab gets its patients: from the EHR over FHIR, or entered by hand. */
export type PatientsMode = 'ehr' | 'manual';

/** Per-channel settings of the Patients tab, keyed by tenant, team and channel. */
export interface ChannelKey {
  tenantId: string;
  teamId: string;
  channelId: string;
}

/** How Rounds authenticates to the EHR's token endpoint; private_key_jwt is SMART Backend Services'. */
export type EhrAuthMethod = 'private_key_jwt' | 'client_secret_basic' | 'client_secret_post';

/** A channel's own EHR connection. The client secret is stored sealed (encrypted), never in clear. */
export interface EhrConnection {
  name: string;
  baseUrl: string;
  clientId: string;
  /** Null with private_key_jwt: Rounds signs with its own key. */
  sealedSecret: string | null;
  /** Null: a connection saved before the choice existed; it uses its secret the way the EHR prefers. */
  authMethod: EhrAuthMethod | null;
}

export interface PatientsSettings extends ChannelKey {
  mode: PatientsMode | null;
  /** Null: the organisation's default connection. */
  connection: EhrConnection | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface ChannelSettingsStore {
  getPatients(key: ChannelKey): Promise<PatientsSettings>;
  setPatients(key: ChannelKey, settings: { mode: PatientsMode; connection: EhrConnection | null }, updatedBy: string): Promise<PatientsSettings>;
}
