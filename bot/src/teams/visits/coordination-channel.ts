/**
 * A team's care-coordination channel: "visits-channel" (or "use this channel for visits") in a team
 * channel makes it the one where the cards of visits scheduled in the team's other channels are
 * posted too; "visits-channel off" stops it. "visits" there lists the whole team's visits of the day.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { InstallationStore } from '../../domain/shared/installations';
import { announceTarget, type TeamSettingsStore } from '../../domain/visits/team-settings';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { dayAround } from '../../domain/visits/zoned-time';
import { teamVisitsCard, visitsChannelClearedCard, visitsChannelOnlyInTeamCard, visitsChannelSetCard } from './visit-card-coordination';
import { commandWord } from '../commands';
import type { TurnFacts } from './turn-facts';

export const VISITS_CHANNEL_COMMAND = 'visits-channel';

const PHRASE = /^use\s+(?:this|the)\s+channel\s+for\s+(?:(?:video|virtual)\s+)?visits\b/i;
const OFF = /^\S+\s+(?:off|stop|none|clear)\s*$/i;

/** "visits-channel", "visits-channel off", or the phrase "use this channel for visits". */
export function isVisitsChannelRequest(text: string | undefined): boolean {
  return commandWord(text) === VISITS_CHANNEL_COMMAND || PHRASE.test((text ?? '').trim());
}

/** The team of a channel turn, with the channel: null outside a team channel. */
function teamChannelOf(facts: TurnFacts): { teamId: string; channelId: string; conversationId: string } | null {
  const { teamId, channelId, conversationId } = facts.origin;
  return facts.scope === 'team' && teamId && channelId && conversationId ? { teamId, channelId, conversationId } : null;
}

export async function runVisitsChannelRequest(settings: TeamSettingsStore, facts: TurnFacts, text: string, now: Date): Promise<AdaptiveCard> {
  const here = teamChannelOf(facts);
  if (!here) return visitsChannelOnlyInTeamCard();
  const by = { id: facts.caller.aadObjectId ?? '', name: facts.caller.name };
  if (commandWord(text) === VISITS_CHANNEL_COMMAND && OFF.test(text.trim())) {
    return visitsChannelClearedCard(await settings.clearCoordinationChannel(facts.tenantId, here.teamId, by, now));
  }
  const before = await settings.coordinationChannel(facts.tenantId, here.teamId);
  await settings.setCoordinationChannel({ tenantId: facts.tenantId, ...here, setBy: by, setAt: now });
  return visitsChannelSetCard(before === null ? 'none' : before.channelId === here.channelId ? 'this' : 'another');
}

/** The coordination channel's conversation, when a visit scheduled in this turn's channel is to be posted there too. */
export async function announceInFor(settings: TeamSettingsStore, facts: TurnFacts): Promise<string | null> {
  const here = teamChannelOf(facts);
  if (!here) return null;
  return announceTarget(await settings.coordinationChannel(facts.tenantId, here.teamId), facts.origin);
}

/**
 * "visits" in the team's coordination channel: today's visits of every channel of the team that
 * Rounds knows (it has spoken or been installed there), each read as the caller, who must be in the
 * team. Null in any other conversation.
 */
export async function coordinationVisitsToday(
  deps: { settings: TeamSettingsStore; visits: VisitService; installations: InstallationStore },
  facts: TurnFacts,
  now: Date,
): Promise<AdaptiveCard | null> {
  const here = teamChannelOf(facts);
  if (!here || (await deps.settings.coordinationChannel(facts.tenantId, here.teamId))?.channelId !== here.channelId) return null;
  const channels = new Set([here.channelId]);
  for (const installation of await deps.installations.listActive(facts.tenantId)) {
    if (installation.scope === 'team' && installation.teamId === here.teamId && installation.channelId) channels.add(installation.channelId);
  }
  const day = dayAround(now, facts.timeZone);
  const found = new Map<string, Visit>();
  for (const channelId of channels) {
    for (const visit of await deps.visits.list(facts.principal, { ...day, channel: { teamId: here.teamId, channelId } })) found.set(visit.id, visit);
  }
  return teamVisitsCard([...found.values()], facts.timeZone);
}
