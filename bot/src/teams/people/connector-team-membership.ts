/**
 * Team membership from Teams itself: asks the Bot Connector whether the user is a member of the team
 * (the bot must be installed in it). Answers are cached briefly; a membership change shows within minutes.
 */
import { TeamsInfo, type ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { InstallationStore } from '../../domain/shared/installations';
import type { Actor, TeamMembership } from '../../domain/shared/actor';

const TTL_MS = 5 * 60 * 1000;

/** Asks Teams, through the team's conversation reference, whether a user (Entra object id) is a member. */
export type MemberLookup = (reference: Partial<ConversationReference>, teamId: string, userId: string) => Promise<boolean>;

export function connectorMemberLookup(adapter: TeamsAdapter, botAppId: string): MemberLookup {
  return async (reference, teamId, userId) => {
    let member = false;
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      try {
        await TeamsInfo.getTeamMember(context, teamId, userId);
        member = true;
      } catch (error) {
        // The connector answers 404 (MemberNotFoundInConversation) for non-members; anything else is a real failure.
        if ((error as { statusCode?: unknown }).statusCode !== 404) throw error;
      }
    });
    return member;
  };
}

export class ConnectorTeamMembership implements TeamMembership {
  private readonly cache = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly lookup: MemberLookup,
    private readonly installations: InstallationStore,
    private readonly now: () => number = Date.now,
  ) {}

  async isMember(actor: Actor, teamId: string): Promise<boolean> {
    const key = `${actor.tenantId}|${teamId}|${actor.userId}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.member;
    const installation = await this.installations.get(teamId);
    // Without Rounds in the team there are no members to ask: nobody is confirmed a member.
    if (!installation || installation.removedAt || installation.tenantId !== actor.tenantId) return false;
    const member = await this.lookup(installation.reference, teamId, actor.userId);
    this.cache.set(key, { member, until: this.now() + TTL_MS });
    return member;
  }
}
