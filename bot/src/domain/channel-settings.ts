/** How a channel's Patients tab gets its patients: from the EHR over FHIR, or entered by hand. */
export type PatientsMode = 'ehr' | 'manual';

/** Per-channel settings of the Patients tab, keyed by tenant, team and channel. */
export interface ChannelKey {
  tenantId: string;
  teamId: string;
  channelId: string;
}

export interface PatientsSettings extends ChannelKey {
  mode: PatientsMode | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface ChannelSettingsStore {
  getPatients(key: ChannelKey): Promise<PatientsSettings>;
  setPatientsMode(key: ChannelKey, mode: PatientsMode, updatedBy: string): Promise<PatientsSettings>;
}
