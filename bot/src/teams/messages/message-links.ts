/**
 * The Call and Open patient links of a message card. Call is Teams' call deep link, which takes a
 * user principal name. Open patient opens the care team's Patients tab on the patient (its
 * `subEntityId` is `patient:<ref>`); in dev mode, outside Teams, the tab page itself.
 */
import type { ClinicianMessage, Person } from '../../domain/messages/message-types';
import type { MessageLinks } from './message-card';

export interface LinkSettings {
  /** The Teams app id (manifest id); null in dev mode. */
  teamsAppId: string | null;
  publicUrl: string;
}

export function callLink(person: Person): string | null {
  return person.email ? `https://teams.microsoft.com/l/call/0/0?users=${encodeURIComponent(person.email)}` : null;
}

export function openPatientLink(message: ClinicianMessage, settings: LinkSettings): string | null {
  const { patient, team } = message;
  if (!patient || !team) return null;
  const subEntityId = `patient:${patient.ref}`;
  if (!settings.teamsAppId) {
    const query = new URLSearchParams({ teamId: team.teamId, channelId: team.channelId, patient: patient.ref });
    return `${settings.publicUrl}/tabs/patients.html?${query.toString()}`;
  }
  const context = JSON.stringify({ subEntityId, channelId: team.channelId });
  return `https://teams.microsoft.com/l/entity/${settings.teamsAppId}/${encodeURIComponent(`patients-${team.channelId}`)}?context=${encodeURIComponent(context)}`;
}

/** The links as the person of `viewer` sees them: Call reaches the other side. */
export function linksFor(message: ClinicianMessage, viewer: 'sender' | 'other', settings: LinkSettings): MessageLinks {
  return { call: callLink(viewer === 'sender' ? message.recipient : message.sender), openPatient: openPatientLink(message, settings) };
}
