/** Today's visits of a channel, or of the user, as one card. */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { Visit } from '../../domain/visits/visit-types';
import { card, heading, note, paragraph, viewerClock } from '../card-parts';
import { isLive, minutesLabel, patientLabel, statusLabel } from './visit-card-parts';

/** A card has a size limit (about 28 KB): past this many, the rest is counted, not shown. */
const MAX_SHOWN = 20;

type Element = Record<string, unknown>;

export function visitListCard(visits: readonly Visit[], where: 'channel' | 'me', timeZone: string): AdaptiveCard {
  const title = where === 'channel' ? "Today's visits in this channel" : 'Your visits today';
  if (visits.length === 0) return card([heading(title), paragraph('No visits today. Type **schedule** to book one.')]);
  const shown = [...visits].sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, MAX_SHOWN);
  return card([
    heading(title),
    note(`Today in ${timeZone}; times are shown in yours.`),
    ...shown.map(visitRow),
    ...(visits.length > shown.length ? [note(`And ${visits.length - shown.length} more: open My visits to see them all.`)] : []),
  ]);
}

function visitRow(visit: Visit): Element {
  const join = isLive(visit) && visit.meeting ? [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Join', url: visit.meeting.clinicianJoinUrl }] }] : [];
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: `${viewerClock(visit.start)} · ${patientLabel(visit.patient)}`, weight: 'Bolder', wrap: true },
      {
        type: 'TextBlock',
        text: [minutesLabel(visit.durationMinutes), visit.clinicians.map((clinician) => clinician.name).join(', '), statusLabel(visit.status)].filter(Boolean).join(' · '),
        isSubtle: true,
        wrap: true,
        spacing: 'None',
      },
      ...join,
    ],
  };
}
