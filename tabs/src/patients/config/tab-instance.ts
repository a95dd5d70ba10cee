/** What Teams stores for a channel's Patients tab once its config page is saved. */
import type { PatientsConfigQuery } from '../../../../bot/src/contracts/api';
import type { TabInstance } from '../../shared/teams-host';

/**
 * `configPageUrl` is this page's address. The content page is resolved next to it, so the tab works
 * wherever the service publishes the pages (in production `<origin>/tabs/patients.html`).
 */
export function patientsTabInstance(channel: PatientsConfigQuery, configPageUrl: string): TabInstance {
  const contentUrl = new URL('patients.html', configPageUrl).href;
  return {
    contentUrl,
    websiteUrl: contentUrl,
    entityId: `patients-${channel.channelId}`,
    suggestedDisplayName: 'Patients',
  };
}
