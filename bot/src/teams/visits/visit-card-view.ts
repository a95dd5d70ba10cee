/**
 * The visit card for a visit, with what only the service knows: the patient's link, the lobby (who
 * waits, who admitted them) and how the patient was told. `currentVisitCard` reads those; every card
 * built for a visit that exists (jobs, card actions, refresh) goes through it.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { LobbyPerson, LobbyService } from '../../domain/lobby/lobby-service';
import type { AlertFailure, LobbySession } from '../../domain/lobby/lobby-types';
import type { PatientReply, VisitDeliveries, VisitDelivery } from '../../domain/notifications/notification-types';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { SHOWS_LOBBY, visitCard } from './visit-card';
import { isLive } from './visit-card-parts';

export interface VisitCardExtras {
  viewerIds: readonly string[];
  /** The viewer's zone; the visit's own when the viewer's is unknown (a job, no refresh yet). */
  timeZone: string | null;
  notice?: string;
  error?: string;
  /** The visit's lobby as read at `now`, and why the newest alert reached nobody (if it did not). */
  lobby?: { session: LobbySession; now: Date; alertFailure?: AlertFailure | null; people?: readonly LobbyPerson[]; rating?: number | null };
  /** The newest message to the patient per channel. */
  deliveries?: readonly VisitDelivery[];
  /** What the patient answered to the invitation SMS. */
  patientReply?: PatientReply | null;
  /** The service's time: a no-show can be marked from the visit's start. */
  now?: Date;
}

/** Builds the card from what the caller has read; a part left out is left off the card. */
export function visitCardFor(visits: Pick<VisitService, 'patientJoinUrl'>, visit: Visit, extras: VisitCardExtras): AdaptiveCard {
  return visitCard({
    visit,
    patientLink: isLive(visit) ? visits.patientJoinUrl(visit) : null,
    viewerIds: extras.viewerIds,
    timeZone: extras.timeZone ?? visit.timeZone,
    ...(extras.lobby ? { lobby: extras.lobby } : {}),
    ...(extras.deliveries ? { deliveries: extras.deliveries } : {}),
    ...(extras.patientReply ? { patientReply: extras.patientReply } : {}),
    ...(extras.notice ? { notice: extras.notice } : {}),
    ...(extras.error ? { error: extras.error } : {}),
    ...(extras.now ? { now: extras.now } : {}),
  });
}

/** What the card reads of the lobby. */
export type VisitCardLobby = Pick<LobbyService, 'sessionOf' | 'alertFailure' | 'people' | 'patientRating'>;

/** Where the card's parts beyond the visit come from; one left out leaves its part off the card. */
export interface VisitCardSources {
  visits: Pick<VisitService, 'patientJoinUrl'>;
  lobby?: VisitCardLobby;
  deliveries?: VisitDeliveries;
  /** The service's clock (how long a patient has waited). */
  now?: () => Date;
}

/** The card as the visit is now: its lobby (while it matters) and how the patient was told, read first. */
export async function currentVisitCard(sources: VisitCardSources, visit: Visit, extras: Omit<VisitCardExtras, 'lobby' | 'deliveries' | 'patientReply' | 'now'>): Promise<AdaptiveCard> {
  const now = (sources.now ?? (() => new Date()))();
  const people = sources.lobby && SHOWS_LOBBY.includes(visit.status) && visit.guests.length > 0 ? await sources.lobby.people(visit) : null;
  const session = people ? people[0].session : sources.lobby && SHOWS_LOBBY.includes(visit.status) ? await sources.lobby.sessionOf(visit) : null;
  const alertFailure = session && sources.lobby && visit.status === 'waiting' ? await sources.lobby.alertFailure(visit, session) : null;
  const rating = sources.lobby && visit.status === 'completed' ? await sources.lobby.patientRating(visit) : null;
  const deliveries = sources.deliveries && visit.notify.length > 0 ? await sources.deliveries.latestForVisit(visit.id) : null;
  // Only a visit still to come asks the patient to confirm.
  const patientReply = sources.deliveries && visit.status === 'scheduled' ? await sources.deliveries.patientReply(visit.id, visit.scheduleVersion) : null;
  return visitCardFor(sources.visits, visit, {
    ...extras,
    ...(patientReply ? { patientReply } : {}),
    ...(session ? { lobby: { session, now, alertFailure, rating, ...(people ? { people } : {}) } } : {}),
    ...(deliveries ? { deliveries } : {}),
    now,
  });
}
