/**
 * Per-team settings. A team may name one channel its care-coordination channel: the card of every
 * visit scheduled in another of its channels is posted there too.
 */
import type { InstallationStore } from '../shared/installations';
import type { VisitOrigin } from './visit-types';

export interface CoordinationChannel {
  tenantId: string;
  teamId: string;
  channelId: string;
  /** Where the bot posts in that channel (its conversation id). */
  conversationId: string;
  setBy: { id: string; name: string };
  setAt: Date;
}

export interface TeamSettingsStore {
  coordinationChannel(tenantId: string, teamId: string): Promise<CoordinationChannel | null>;
  /** Names the team's coordination channel, replacing any other. */
  setCoordinationChannel(channel: CoordinationChannel): Promise<void>;
  /** Returns whether one was set. */
  clearCoordinationChannel(tenantId: string, teamId: string, by: { id: string; name: string }, at: Date): Promise<boolean>;
}

/**
 * Where a visit asked for at `origin` is also announced: the team's coordination channel, unless the
 * visit was asked for in that channel (its confirm card already is the visit's card there).
 */
export function announceTarget(channel: CoordinationChannel | null, origin: VisitOrigin): string | null {
  if (!channel || origin.teamId !== channel.teamId || origin.channelId === null) return null;
  return origin.channelId === channel.channelId ? null : channel.conversationId;
}

/**
 * Where the card of a visit scheduled from a channel's tab (no conversation of its own) is posted: the
 * team's coordination channel, else that channel itself when Rounds is in it, else nowhere.
 */
export async function tabAnnounceTarget(
  deps: { settings: TeamSettingsStore; installations: InstallationStore },
  tenantId: string,
  team: { teamId: string; channelId: string },
): Promise<string | null> {
  const coordination = await deps.settings.coordinationChannel(tenantId, team.teamId);
  if (coordination) return coordination.conversationId;
  const installed = (await deps.installations.listActive(tenantId)).find(
    (installation) => installation.scope === 'team' && installation.teamId === team.teamId && installation.channelId === team.channelId,
  );
  return installed?.conversationId ?? null;
}
