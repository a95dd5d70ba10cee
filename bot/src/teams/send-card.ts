import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';

export const sendCard = (context: TurnContext, content: AdaptiveCard) =>
  context.sendActivity({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] });
