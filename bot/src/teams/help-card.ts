import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { BotCommand } from './commands';
import { card, commandFacts, heading, paragraph } from './card-parts';

export function helpCard(list: readonly BotCommand[]): AdaptiveCard {
  return card([
    heading('What Rounds can do'),
    paragraph('Type one of these (in a channel, mention me first: **@Rounds help**):'),
    commandFacts(list),
    paragraph('Open the **Patients** tab in a channel for rounding lists, and **My visits** for your day.'),
  ]);
}
