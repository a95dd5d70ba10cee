/** The visit card for a visit, with what only the service knows (the patient's link). */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { isLive } from '../cards/visit-card-parts';
import { visitCard } from '../cards/visit-card';

export interface VisitCardExtras {
  viewerIds: readonly string[];
  /** The viewer's zone; the visit's own when the viewer's is unknown (a job, no refresh yet). */
  timeZone: string | null;
  notice?: string;
  error?: string;
}

export function visitCardFor(visits: Pick<VisitService, 'patientJoinUrl'>, visit: Visit, extras: VisitCardExtras): AdaptiveCard {
  return visitCard({
    visit,
    patientLink: isLive(visit) ? visits.patientJoinUrl(visit) : null,
    viewerIds: extras.viewerIds,
    timeZone: extras.timeZone ?? visit.timeZone,
    ...(extras.notice ? { notice: extras.notice } : {}),
    ...(extras.error ? { error: extras.error } : {}),
  });
}
