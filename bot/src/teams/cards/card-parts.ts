import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { BotCommand } from '../commands';

/** Adaptive Card 1.5: the newest version every Teams client renders. */
export function card(body: Record<string, unknown>[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
}

export const heading = (text: string): Record<string, unknown> => ({ type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true });

export const paragraph = (text: string): Record<string, unknown> => ({ type: 'TextBlock', text, wrap: true });

export const commandFacts = (list: readonly BotCommand[]): Record<string, unknown> => ({
  type: 'FactSet',
  facts: list.map((command) => ({ title: command.example, value: command.description })),
});
