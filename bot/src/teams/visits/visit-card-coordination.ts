/**
 * The answers of "visits-channel" (a team's care-coordination channel, where the cards of its visits
 * are posted), and "visits" in that channel: today's visits of the whole team.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { Visit } from '../../domain/visits/visit-types';
import { card, heading, note, paragraph, viewerClock } from '../card-parts';
import { isLive, minutesLabel, patientLabel, statusLabel } from './visit-card-parts';

/** Which channel had the visit cards before this one was chosen. */
export type PreviousChannel = 'none' | 'this' | 'another';

const PREVIOUS: Record<PreviousChannel, string | null> = {
  none: null,
  this: 'This already was the team’s channel for visits.',
  another: 'Until now they went to another channel of this team; that channel no longer gets them.',
};

export function visitsChannelSetCard(previous: PreviousChannel): AdaptiveCard {
  const before = PREVIOUS[previous];
  return card([
    heading('Visit cards will come to this channel'),
    paragraph(
      'When a video visit is scheduled in another channel of this team, its card is posted here too, and kept up to date: rescheduled, patient told, waiting in the lobby, admitted, cancelled. Visits scheduled here stay here.',
    ),
    ...(before ? [note(before)] : []),
    paragraph('Type **visits** here for today’s visits of the whole team. To stop, type **visits-channel off**.'),
  ]);
}

export function visitsChannelClearedCard(wasSet: boolean): AdaptiveCard {
  return card([
    heading(wasSet ? 'Visit cards stay where visits are scheduled' : 'No channel was chosen for visits'),
    paragraph(
      wasSet
        ? 'This team no longer has a channel for visits: a visit’s card is shown only where it was scheduled. Cards already posted keep being updated.'
        : 'A visit’s card is shown where it was scheduled. To post the cards of all the team’s visits in one channel, type **visits-channel** there.',
    ),
  ]);
}

export function visitsChannelOnlyInTeamCard(): AdaptiveCard {
  return card([
    heading('Choose the channel in a team'),
    paragraph(
      'A team can have one channel where the cards of all its video visits are posted (its care-coordination channel). Go to that channel and type **@Rounds visits-channel** there.',
    ),
    paragraph('In a chat, a visit’s card is shown in the chat where it was scheduled.'),
  ]);
}

/** A card has a size limit (about 28 KB): past this many, the rest is counted, not shown. */
const MAX_SHOWN = 20;

export function teamVisitsCard(visits: readonly Visit[], timeZone: string): AdaptiveCard {
  const title = 'Today’s visits in this team';
  if (visits.length === 0) return card([heading(title), paragraph('No visits today in any channel of this team. Type **schedule** to book one.')]);
  const shown = [...visits].sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, MAX_SHOWN);
  return card([
    heading(title),
    note(`Scheduled in any channel of this team, today in ${timeZone}; times are shown in yours.`),
    ...shown.map(visitRow),
    ...(visits.length > shown.length ? [note(`And ${visits.length - shown.length} more: open My visits to see them all.`)] : []),
  ]);
}

function visitRow(visit: Visit): Record<string, unknown> {
  const join = isLive(visit) && visit.meeting ? [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Join', url: visit.meeting.clinicianJoinUrl }] }] : [];
  const clinicians = visit.clinicians.map((clinician) => clinician.name).join(', ');
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: `${viewerClock(visit.start)} · ${patientLabel(visit.patient)}`, weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: [minutesLabel(visit.durationMinutes), clinicians, statusLabel(visit.status)].filter(Boolean).join(' · '), isSubtle: true, wrap: true, spacing: 'None' },
      ...join,
    ],
  };
}
