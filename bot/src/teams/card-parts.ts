import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { BotCommand } from './commands';

type Element = Record<string, unknown>;

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

/**
 * An instant as Teams shows it in each viewer's own time zone. The card date/time functions take an
 * RFC 3339 time without fractions of a second.
 */
export function viewerTime(instant: Date): string {
  const iso = instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

export const viewerClock = (instant: Date): string => `{{TIME(${instant.toISOString().replace(/\.\d{3}Z$/, 'Z')})}}`;

/**
 * A Universal Action, with an Action.Submit fallback for clients without Action.Execute. The verb is
 * repeated in the data: that is how the fallback submission is routed.
 */
export function execute(title: string, verb: string, data: Record<string, unknown>, style?: 'positive' | 'destructive'): Element {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { ...data, verb },
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { ...data, verb } },
  };
}

export const attention = (text: string): Element => ({ type: 'TextBlock', text, color: 'Attention', wrap: true, spacing: 'Small' });

export const warning = (text: string): Element => ({ type: 'TextBlock', text, color: 'Warning', wrap: true, spacing: 'Small', size: 'Small' });

export const note = (text: string): Element => ({ type: 'TextBlock', text, isSubtle: true, wrap: true, size: 'Small' });

/**
 * The patient field of a form. One already found is named in words, with a search beside it for
 * another: a client without typeahead (the Agents Playground) would show a search input's value, the
 * patient's id. Whoever builds the form carries the found patient in its action's data.
 */
export function patientField(found: string | null, labels: { heading: string; empty: string }, required: boolean): Element[] {
  const search = {
    type: 'Input.ChoiceSet',
    id: 'patientId',
    style: 'filtered',
    placeholder: 'Search by name, MRN or birth date',
    choices: [],
    'choices.data': { type: 'Data.Query', dataset: 'patients' },
  };
  if (!found) return [{ ...search, label: labels.empty, ...(required ? { isRequired: true, errorMessage: 'Choose the patient.' } : {}) }];
  return [
    { type: 'TextBlock', text: labels.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'TextBlock', text: found, wrap: true, spacing: 'None' },
    { ...search, label: 'Or choose another patient' },
  ];
}
