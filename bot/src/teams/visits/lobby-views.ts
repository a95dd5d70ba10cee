/**
 * The cards that show a visit's lobby: the visit card with its lobby line, and the lobby card. Built
 * here, where the lobby is known; the visit card built elsewhere (jobs, visit actions) has no lobby
 * line and refreshes through the lobby handler while the lobby matters.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { InstallationStore } from '../../domain/installations';
import type { LobbySession } from '../../domain/lobby/lobby-types';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { visitCard } from '../cards/visit-card';
import { isLive } from '../cards/visit-card-parts';

export interface LobbyCardExtras {
  viewerIds: readonly string[];
  /** The viewer's zone when known, else the visit's own. */
  timeZone: string | null;
  now: Date;
  notice?: string;
  error?: string;
}

export function visitCardWithLobby(visits: Pick<VisitService, 'patientJoinUrl'>, visit: Visit, session: LobbySession, extras: LobbyCardExtras): AdaptiveCard {
  return visitCard({
    visit,
    patientLink: isLive(visit) ? visits.patientJoinUrl(visit) : null,
    viewerIds: extras.viewerIds,
    timeZone: extras.timeZone ?? visit.timeZone,
    lobby: { session, now: extras.now },
    ...(extras.notice ? { notice: extras.notice } : {}),
    ...(extras.error ? { error: extras.error } : {}),
  });
}

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
