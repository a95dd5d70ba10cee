import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotIdentity } from '../config';

/**
 * The Bot Framework adapter. With an identity it validates every incoming activity's JWT (401 when
 * missing or wrong) and signs outgoing calls; without one (dev mode) it does neither.
 */
export function createBotAdapter(bot: BotIdentity | null): TeamsAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory(
    bot
      ? { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.password, MicrosoftAppType: bot.type, MicrosoftAppTenantId: bot.tenantId }
      : {},
  );
  return new TeamsAdapter({}, credentials);
}
