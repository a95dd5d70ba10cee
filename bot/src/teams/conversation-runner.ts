/**
 * Runs bot logic in a conversation outside a turn (jobs), from the conversation reference stored
 * when Rounds was installed or last spoken to there.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Installation, InstallationStore } from '../domain/shared/installations';
import { baseConversationId } from './installation-from-activity';

/** Rounds has no (active) installation there: nothing can be posted until someone adds it. */
export class NotInstalledError extends Error {
  readonly code = 'not_installed';
  constructor() {
    super('not_installed');
    this.name = 'NotInstalledError';
  }
}

export type ConversationRunner = (conversationId: string, logic: (context: TurnContext) => Promise<void>, hint?: { teamId: string | null }) => Promise<void>;

export function conversationRunner(adapter: TeamsAdapter, botAppId: string, installations: InstallationStore): ConversationRunner {
  return async (conversationId, logic, hint) => {
    const installation = await installationFor(installations, conversationId, hint?.teamId ?? null);
    if (!installation) throw new NotInstalledError();
    const stored = installation.reference as Partial<ConversationReference>;
    // The conversation named (a channel reply thread, or a channel the team's record stands for).
    const reference: Partial<ConversationReference> = { ...stored, conversation: { ...stored.conversation!, id: conversationId } };
    await adapter.continueConversationAsync(botAppId, reference, logic);
  };
}

/** The conversation's own record, or (for a channel Rounds never spoke in) its team's. */
async function installationFor(installations: InstallationStore, conversationId: string, teamId: string | null): Promise<Installation | null> {
  const own = await installations.get(baseConversationId(conversationId));
  if (own && !own.removedAt) return own;
  if (!teamId) return null;
  const team = await installations.get(teamId);
  return team && !team.removedAt && team.scope === 'team' ? team : null;
}
