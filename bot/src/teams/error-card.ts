import type { AdaptiveCard } from '@microsoft/teams-ai';
import { card, paragraph } from './card-parts';

/** What a user sees when a turn fails: a safe message and a reference for IT, never exception text. */
export function errorCard(userMessage: string, reference: string): AdaptiveCard {
  return card([paragraph(userMessage), { type: 'TextBlock', text: `Reference: ${reference}`, isSubtle: true, size: 'Small', wrap: true }]);
}
