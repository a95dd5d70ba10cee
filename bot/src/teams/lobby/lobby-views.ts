/**
 * Who a visit's lobby cards are for: the Teams user ids of its clinicians, which Teams needs to
 * refresh a card by itself. The cards are built elsewhere: the visit card, lobby line included, by
 * `currentVisitCard` (visit-card-view.ts), the lobby card by cards/visit-lobby-card.ts.
 */
import type { InstallationStore } from '../../domain/shared/installations';
import type { Visit } from '../../domain/visits/visit-types';

/** The Teams user ids of the visit's clinicians that Rounds knows (from their chats with it), for card refresh. */
export async function clinicianTeamsIds(installations: InstallationStore, visit: Visit): Promise<string[]> {
  const wanted = new Set(visit.clinicians.flatMap((clinician) => (clinician.aadObjectId ? [clinician.aadObjectId.toLowerCase()] : [])));
  if (wanted.size === 0) return [];
  const ids: string[] = [];
  for (const installation of await installations.listActive(visit.tenantId)) {
    const user = (installation.reference as { user?: { id?: unknown; aadObjectId?: unknown } }).user;
    if (installation.scope !== 'personal' || typeof user?.id !== 'string' || typeof user.aadObjectId !== 'string') continue;
    if (wanted.has(user.aadObjectId.toLowerCase())) ids.push(user.id);
  }
  return [...new Set(ids)];
}
