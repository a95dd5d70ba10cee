/** How a channel's Patients tab gets its patients: from the EHR over FHIR, or entered by hand. */
export type PatientsMode = 'ehr' | 'manual';

/** Per-channel settings of the Patients tab, keyed by tenant, team and channel. */
export interface ChannelKey {
  tenantId: string;
  teamId: string;
  channelId: string;
}

/** A channel's own EHR connection. The client secret is stored sealed (encrypted), never in clear. */
export interface EhrConnection {
  name: string;
  baseUrl: string;
  clientId: string;
  sealedSecret: string;
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
