/**
 * Runs bot logic in a clinician's personal chat with Rounds. The chat they already have with Rounds
 * is used as it is (its stored conversation reference): every client posts there, the Agents
 * Playground included. Without one, the chat is created with the Bot Connector's create-conversation
 * call by Entra object id, which Teams accepts when Rounds is installed for the user or in a team they
 * are in (otherwise it refuses with a 403).
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { Channels, type ChannelAccount, type ConversationParameters, type TurnContext } from 'botbuilder';
import type { Installation, InstallationStore } from '../domain/shared/installations';
import { NotInstalledError } from './conversation-runner';

/** The tenant, and the team the chat is about (its installation is the first place to find the connector). */
export interface ChatScope {
  tenantId: string;
  teamId: string | null;
}

export type PersonalChatRunner = (scope: ChatScope, aadObjectId: string, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * The adapter falls back to its cloud's own audience when given none, as botbuilder's TeamsInfo does;
 * its typing asks for a string.
 */
const DEFAULT_AUDIENCE = null as unknown as string;

export function personalChatRunner(adapter: TeamsAdapter, botAppId: string, installations: InstallationStore): PersonalChatRunner {
  return async (scope, aadObjectId, logic) => {
    const active = await installations.listActive(scope.tenantId);
    const own = active.find((installation) => installation.scope === 'personal' && userOf(installation)?.toLowerCase() === aadObjectId.toLowerCase());
    if (own && viaOf(own)) {
      await adapter.continueConversationAsync(botAppId, own.reference, logic);
      return;
    }
    const team = scope.teamId ? await installations.get(scope.teamId) : null;
    const via = [team && !team.removedAt ? team : null, ...active].map((installation) => (installation ? viaOf(installation) : null)).find(Boolean);
    if (!via) throw new NotInstalledError();
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: via.bot ?? { id: `28:${botAppId}`, name: 'Rounds' },
      members: [{ id: aadObjectId, name: '' }],
      tenantId: scope.tenantId,
      channelData: { tenant: { id: scope.tenantId } },
    };
    await adapter.createConversationAsync(botAppId, Channels.Msteams, via.serviceUrl, DEFAULT_AUDIENCE, parameters, logic);
  };
}

interface Via {
  serviceUrl: string;
  bot: ChannelAccount | null;
}

function userOf(installation: Installation): string | null {
  const user = (installation.reference as { user?: { aadObjectId?: unknown } }).user;
  return typeof user?.aadObjectId === 'string' ? user.aadObjectId : null;
}

function viaOf(installation: Installation): Via | null {
  const reference = installation.reference as { serviceUrl?: unknown; bot?: { id?: unknown; name?: unknown } };
  if (typeof reference.serviceUrl !== 'string' || !reference.serviceUrl) return null;
  const bot = typeof reference.bot?.id === 'string' ? { id: reference.bot.id, name: typeof reference.bot.name === 'string' ? reference.bot.name : 'Rounds' } : null;
  return { serviceUrl: reference.serviceUrl, bot };
}
