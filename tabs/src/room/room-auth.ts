/**
 * How the room page proves who it is. The patient's link token is their key; a clinician signs in
 * with Teams SSO when the page runs inside Teams, and needs nothing in dev mode. teams-js is loaded
 * only for clinicians, so a patient's phone never downloads it.
 */
import { clientConfig } from '../../../bot/src/contracts/api';
import { PATIENT_HEADER } from '../../../bot/src/contracts/room-api';
import type { AuthHeaders } from './room-client';

export function patientAuth(token: string): AuthHeaders {
  return async () => ({ [PATIENT_HEADER]: token });
}

/** Outside Teams the API answers 401 unless it runs in dev mode; the page then says to open it from Teams. */
export async function clinicianAuth(fetchFn: typeof fetch = (url, init) => fetch(url, init)): Promise<AuthHeaders> {
  const { initHost, getSsoToken } = await import('../shared/teams-host');
  const host = await initHost();
  if (!host.inTeams) return async () => ({});
  const config = clientConfig.safeParse(await (await fetchFn('/api/client-config', { headers: { accept: 'application/json' } })).json());
  if (config.success && config.data.devMode) return async () => ({});
  return async () => ({ authorization: `Bearer ${await getSsoToken()}` });
}
