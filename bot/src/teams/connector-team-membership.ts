/**
 * Team membership from Teams itself: asks the Bot Connector whether the user is a member of the team
 * (the bot must be installed in it). Answers are cached briefly; a roster change shows within minutes.
 */
import { TeamsInfo } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { InstallationStore } from '../domain/installations';
import type { Actor, TeamMembership } from '../domain/lists/list-types';

const TTL_MS = 5 * 60 * 1000;

export class ConnectorTeamMembership implements TeamMembership {
  private readonly cache = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botAppId: string,
    private readonly installations: InstallationStore,
    private readonly now: () => number = Date.now,
  ) {}

  async isMember(actor: Actor, teamId: string): Promise<boolean> {
    const key = `${actor.tenantId}|${teamId}|${actor.userId}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.member;
    const member = await this.askTeams(actor, teamId);
    this.cache.set(key, { member, until: this.now() + TTL_MS });
    return member;
  }

  private async askTeams(actor: Actor, teamId: string): Promise<boolean> {
    const installation = await this.installations.get(teamId);
    if (!installation || installation.removedAt || installation.tenantId !== actor.tenantId) return false;
    let member = false;
    await this.adapter.continueConversationAsync(this.botAppId, installation.reference, async (context) => {
      try {
        await TeamsInfo.getTeamMember(context, teamId, actor.userId);
        member = true;
      } catch (error) {
        // The connector answers 404 (MemberNotFoundInConversation) for non-members; anything else is a real failure.
        if ((error as { statusCode?: unknown }).statusCode !== 404) throw error;
      }
    });
    return member;
  }
}
