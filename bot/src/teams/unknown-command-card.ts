import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { BotCommand } from './commands';
import { card, commandFacts, paragraph } from './card-parts';

/** The reply to a message that is not a command. Never echoes the message: it may hold patient data. */
export function unknownCommandCard(list: readonly BotCommand[]): AdaptiveCard {
  return card([paragraph("Sorry, I didn't understand that. These are the commands I know:"), commandFacts(list)]);
}
