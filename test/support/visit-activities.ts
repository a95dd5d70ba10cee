/** Teams-shaped card actions and typeahead queries, and what Teams would send back from a card. */
import { message } from './activities';

type Scope = 'personal' | 'channel' | 'groupChat';
export interface ActivityOptions {
  scope?: Scope;
  conversationId?: string;
  localTimezone?: string;
  from?: { id: string; name: string; aadObjectId: string };
}

function withoutText(serviceUrl: string, options: ActivityOptions): Record<string, unknown> {
  const { text: _text, entities: _entities, ...rest } = message(serviceUrl, '', options) as Record<string, unknown>;
  return { ...rest, ...(options.from ? { from: options.from } : {}) };
}

/** A message typed by someone else than the default user. */
export function messageFrom(serviceUrl: string, text: string, options: ActivityOptions) {
  return { ...message(serviceUrl, text, options), ...(options.from ? { from: options.from } : {}) };
}

/** An Action.Execute click on the card posted as `replyToId`. */
export function actionExecute(serviceUrl: string, verb: string, data: Record<string, unknown>, replyToId: string, options: ActivityOptions = {}) {
  return {
    ...withoutText(serviceUrl, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The Action.Submit fallback of old clients: a message with the data as its value and no text. */
export function actionSubmit(serviceUrl: string, data: Record<string, unknown>, replyToId: string, options: ActivityOptions = {}) {
  return { ...withoutText(serviceUrl, options), type: 'message', replyToId, value: data };
}

/** A typeahead query of an Input.ChoiceSet whose choices come from a Data.Query. */
export function searchQuery(serviceUrl: string, dataset: string, queryText: string, options: ActivityOptions = {}) {
  return {
    ...withoutText(serviceUrl, options),
    type: 'invoke',
    name: 'application/search',
    value: { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset },
  };
}

type Json = ReturnType<typeof JSON.parse>;

/** Every element of a card (body, containers, show-cards' cards), depth first. */
export function elementsOf(card: Json): Json[] {
  const found: Json[] = [];
  const walk = (node: Json) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    found.push(node);
    for (const key of ['body', 'items', 'actions', 'columns', 'card']) if (key in node) walk(node[key]);
  };
  walk(card);
  return found;
}

/** The input values of a card as Teams sends them with an action (inputs' values merged into its data). */
export function inputValues(card: Json): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of elementsOf(card)) {
    if (String(element.type).startsWith('Input.') && element.value !== undefined) values[String(element.id)] = String(element.value);
  }
  return values;
}

/** The Action.Execute of a card with this verb. */
export function actionOf(card: Json, verb: string): Json {
  const action = elementsOf(card).find((element) => element.type === 'Action.Execute' && element.verb === verb);
  if (!action) throw new Error(`no ${verb} action on the card`);
  return action;
}

/** What Teams sends for a click on `verb`: the action's data with the card's inputs (edited by `changes`). */
export function clickData(card: Json, verb: string, changes: Record<string, string> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = actionOf(card, verb).data;
  return { ...inputValues(card), ...changes, ...data };
}
