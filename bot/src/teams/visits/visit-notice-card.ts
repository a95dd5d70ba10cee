/** Short answers of the schedule flow that are not a form or a visit. */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { Visit } from '../../domain/visits/visit-types';
import { card, heading, paragraph, viewerTime } from '../card-parts';
import { patientLabel } from './visit-card-parts';

export const discardedCard = (): AdaptiveCard => card([paragraph('Nothing was scheduled.')]);

/** Sent to whoever scheduled a visit when its card cannot go to the team: Rounds is not in that team. */
export function installInTeamCard(visit: Visit): AdaptiveCard {
  return card([
    heading('The visit card could not be posted'),
    paragraph(`The visit with ${patientLabel(visit.patient)} on ${viewerTime(visit.start)} is scheduled, but I could not post its card to the team's channel: Rounds is not installed in that team, or not in that channel.`),
    paragraph('Ask a team owner to add Rounds to the team (**Apps** > **Manage your apps** > **Upload an app**, or from the Teams store of your organisation). Private channels need Rounds added to the channel too.'),
    paragraph('You can see the visit in **My visits** meanwhile.'),
  ]);
}
