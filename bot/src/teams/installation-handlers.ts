import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { InstallationStore } from '../domain/shared/installations';
import { welcomeCard } from './welcome-card';
import { installationFromActivity } from './installation-from-activity';
import { sendCard } from './send-card';
import type { RoundsTurnState } from './turn-state';

interface Deps {
  installations: InstallationStore;
  logger: Logger;
}

/**
 * Keeps the installation records current and greets a conversation once when Rounds arrives.
 * Teams sends both installationUpdate and conversationUpdate(membersAdded) for one install; the
 * store's `isNew` makes the greeting happen once.
 */
export function registerInstallationHandlers(app: Application<RoundsTurnState>, { installations, logger }: Deps): void {
  const installed = async (context: TurnContext): Promise<void> => {
    const input = installationFromActivity(context.activity);
    if (!input) {
      logger.warn({ activityType: context.activity.type }, 'install event without conversation or tenant; not recorded');
      return;
    }
    const { isNew } = await installations.upsertActive(input);
    logger.info({ scope: input.scope, isNew }, 'bot installed');
    if (isNew) await sendCard(context, welcomeCard(input.scope));
  };

  const removed = async (context: TurnContext): Promise<void> => {
    const input = installationFromActivity(context.activity);
    if (!input) return;
    await installations.markRemoved(input.conversationId);
    logger.info({ scope: input.scope }, 'bot uninstalled');
  };

  const botIsAmong = (context: TurnContext, members: { id: string }[] | undefined): boolean =>
    (members ?? []).some((member) => member.id === context.activity.recipient?.id);

  app.activity('installationUpdate', async (context) => {
    const action = context.activity.action ?? '';
    if (action.startsWith('remove')) await removed(context);
    else if (action.startsWith('add')) await installed(context);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    if (botIsAmong(context, context.activity.membersAdded)) await installed(context);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    if (botIsAmong(context, context.activity.membersRemoved)) await removed(context);
  });
}
