/** The Patients tab's calls to the API, typed by the shared contract. */
import { connectionTestResult, patientsConfig } from '../../../bot/src/contracts/api';
import type { ConnectionTestInput, ConnectionTestResult, PatientsConfig, PatientsConfigInput, PatientsConfigQuery } from '../../../bot/src/contracts/api';
import type { ApiClient } from '../shared/api-client';
import type { HostContext } from '../shared/teams-host';

/** The channel a Patients tab belongs to; undefined when the page was opened anywhere else. */
export function channelOf(host: HostContext): PatientsConfigQuery | undefined {
  return host.teamId && host.channelId ? { teamId: host.teamId, channelId: host.channelId } : undefined;
}

export function loadPatientsConfig(api: ApiClient, channel: PatientsConfigQuery): Promise<PatientsConfig> {
  return api.get('/api/patients/config', patientsConfig, { teamId: channel.teamId, channelId: channel.channelId });
}

export function savePatientsConfig(api: ApiClient, input: PatientsConfigInput): Promise<PatientsConfig> {
  return api.put('/api/patients/config', input, patientsConfig);
}

export function testConnection(api: ApiClient, input: ConnectionTestInput): Promise<ConnectionTestResult> {
  return api.post('/api/patients/config/test', input, connectionTestResult);
}
