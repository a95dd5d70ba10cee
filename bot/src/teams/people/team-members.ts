/** The people of the team or group chat a message came from, as the Bot Connector lists them. */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationScope } from '../../domain/shared/installations';
import type { TeamMember } from '../visits/clinician-match';

const PAGE_SIZE = 500;
/** A team larger than this is matched on its first pages only; a name not found is kept as typed. */
const MAX_PAGES = 10;

/** Null in a personal chat (nobody to look up) or when Teams would not list the members. */
export async function teamMembersOf(context: TurnContext, scope: ConversationScope, logger: Logger): Promise<TeamMember[] | null> {
  if (scope === 'personal') return null;
  const members: TeamMember[] = [];
  try {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, token);
      members.push(...result.members.map(toMember));
      token = result.continuationToken || undefined;
      if (!token) break;
    }
    return members;
  } catch (error) {
    logger.warn({ err: error, scope }, 'could not read the team members; clinician names kept as typed');
    return null;
  }
}

const toMember = (account: TeamsChannelAccount): TeamMember => ({
  teamsUserId: account.id,
  aadObjectId: account.aadObjectId ?? null,
  name: account.name ?? account.givenName ?? 'Unnamed',
  email: account.email ?? account.userPrincipalName ?? null,
});
