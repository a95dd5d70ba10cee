import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationScope, InstallationInput } from '../domain/shared/installations';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

function scopeOf(conversationType: string | undefined): ConversationScope {
  if (conversationType === 'channel') return 'team';
  if (conversationType === 'groupChat') return 'groupChat';
  return 'personal';
}

/** A channel reply thread has the id `<channel>;messageid=<id>`: the installation is the channel itself. */
export const baseConversationId = (id: string): string => id.split(';messageid=')[0] ?? id;

/** Reads where the bot is from a Teams activity; null when the activity lacks a conversation or tenant. */
export function installationFromActivity(activity: Partial<Activity>): InstallationInput | null {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const conversation = activity.conversation;
  const tenantId = conversation?.tenantId ?? channelData.tenant?.id;
  if (!conversation?.id || !tenantId) return null;
  const conversationId = baseConversationId(conversation.id);
  const scope = scopeOf(conversation.conversationType);
  const reference = TurnContext.getConversationReference(activity);
  return {
    conversationId,
    tenantId,
    scope,
    teamId: scope === 'team' ? (channelData.team?.id ?? null) : null,
    channelId: scope === 'team' ? (channelData.channel?.id ?? conversationId) : null,
    reference: { ...reference, conversation: { ...reference.conversation, id: conversationId } } as unknown as Record<string, unknown>,
  };
}
