/**
 * The PeopleDirectory over Teams: the members of every team Rounds is installed in, as the Bot
 * Connector lists them. Each team's list is kept for a few minutes, so a typeahead asks Teams once
 * per team rather than once per keystroke; a membership change shows within minutes.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Installation, InstallationStore } from '../../domain/shared/installations';
import type { PeopleDirectory } from '../../domain/messages/message-types';
import type { TeamMember } from '../visits/clinician-match';
import { teamMembersOf } from './team-members';
import { matchPeople, type DirectoryPerson } from './people-match';

const TTL_MS = 5 * 60 * 1000;

/** The members of the team an installation is in; null when Teams would not list them. */
export type TeamMembersLookup = (installation: Installation) => Promise<TeamMember[] | null>;

export function connectorTeamMembers(adapter: TeamsAdapter, botAppId: string, logger: Logger): TeamMembersLookup {
  return async (installation) => {
    const stored = installation.reference as Partial<ConversationReference>;
    // The team's own conversation (its General channel, whose id is the team id) lists the whole team.
    const reference: Partial<ConversationReference> = { ...stored, conversation: { ...stored.conversation!, id: installation.teamId ?? installation.conversationId } };
    let members: TeamMember[] | null = null;
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      members = await teamMembersOf(context, 'team', logger);
    });
    return members;
  };
}

export interface ConnectorPeopleDirectoryDeps {
  installations: InstallationStore;
  members: TeamMembersLookup;
  /** People listed without asking Teams: the dev identity in dev mode, where no team may have Rounds yet. */
  localPeople?: readonly (DirectoryPerson & { tenantId: string })[];
  logger: Logger;
  now?: () => number;
}

// Without an Entra object id nobody can be addressed (a bot, an unresolved guest): not a pick.
const toPeople = (members: readonly TeamMember[]): DirectoryPerson[] =>
  members.flatMap((member) => (member.aadObjectId ? [{ aadObjectId: member.aadObjectId, name: member.name, email: member.email }] : []));

export class ConnectorPeopleDirectory implements PeopleDirectory {
  private readonly teams = new Map<string, { members: Promise<DirectoryPerson[] | null>; until: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: ConnectorPeopleDirectoryDeps) {
    this.now = deps.now ?? Date.now;
  }

  async search(tenantId: string, query: string, limit: number): Promise<DirectoryPerson[]> {
    const installations = await this.deps.installations.listActive(tenantId);
    // One record per channel Rounds is in: one lookup per team.
    const teams = new Map(installations.flatMap((installation) => (installation.scope === 'team' && installation.teamId ? [[installation.teamId, installation] as const] : [])));
    const memberLists = await Promise.all([...teams.values()].map((installation) => this.membersOf(installation)));
    const local = (this.deps.localPeople ?? []).filter((person) => person.tenantId === tenantId).map(({ aadObjectId, name, email }) => ({ aadObjectId, name, email }));
    return matchPeople([...local, ...memberLists.flatMap((members) => members ?? [])], query, limit);
  }

  private membersOf(installation: Installation): Promise<DirectoryPerson[] | null> {
    const key = `${installation.tenantId}|${installation.teamId}`;
    const cached = this.teams.get(key);
    if (cached && cached.until > this.now()) return cached.members;
    // The promise is kept, so searches typed while Teams answers share one lookup.
    const members = this.lookUp(key, installation);
    this.teams.set(key, { members, until: this.now() + TTL_MS });
    return members;
  }

  private async lookUp(key: string, installation: Installation): Promise<DirectoryPerson[] | null> {
    try {
      const members = await this.deps.members(installation);
      if (members) return toPeople(members);
    } catch (error) {
      // One team out of reach still leaves the others to search.
      this.deps.logger.warn({ err: error, teamId: installation.teamId }, 'could not list a team for people search');
    }
    // Not kept: the next search asks Teams again.
    this.teams.delete(key);
    return null;
  }
}
