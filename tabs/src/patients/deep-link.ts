/**
 * Links to a patient in the Patients tab, as the bot's "Open patient" button builds them: Teams
 * context `subEntityId` (teams-js v2 `page.subPageId`) `patient:<ref>`, where `ref` is a list entry id
 * or the patient's reference in clinician messages (FHIR id, or the entry id of a hand-entered
 * patient). Outside Teams (dev) the same is `?patient=<ref>` in the page address.
 */
import { deepLinkSubPage } from '../shared/teams-host';
import type { HostContext } from '../shared/teams-host';

const PREFIX = 'patient:';

/** `ref` of a `patient:<ref>` sub-page; undefined for anything else. */
export function patientRefOf(subPage: string | undefined): string | undefined {
  const ref = subPage?.startsWith(PREFIX) ? subPage.slice(PREFIX.length).trim() : '';
  return ref || undefined;
}

/** The patient this tab was opened for, if any. */
export async function linkedPatientRef(host: HostContext, win: Window = window): Promise<string | undefined> {
  if (host.inTeams) return patientRefOf(await deepLinkSubPage());
  return new URLSearchParams(win.location.search).get('patient')?.trim() || undefined;
}
