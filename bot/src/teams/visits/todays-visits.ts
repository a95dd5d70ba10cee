/** "visits": today's visits of this channel (in a team) or of the caller (in a chat), in the caller's day. */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { VisitService } from '../../domain/visits/visit-service';
import { dayAround } from '../../domain/visits/zoned-time';
import { visitListCard } from './visit-list-card';
import type { TurnFacts } from './turn-facts';

export async function todaysVisits(visits: VisitService, facts: TurnFacts, now: Date): Promise<AdaptiveCard> {
  const day = dayAround(now, facts.timeZone);
  const { teamId, channelId } = facts.origin;
  const inChannel = facts.scope === 'team' && teamId !== null && channelId !== null;
  const list = await visits.list(facts.principal, {
    ...day,
    ...(inChannel ? { channel: { teamId, channelId } } : { personId: facts.principal.kind === 'user' ? facts.principal.actor.userId : '' }),
  });
  return visitListCard(list, inChannel ? 'channel' : 'me', facts.timeZone);
}
