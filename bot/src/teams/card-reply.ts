/**
 * How a card action is answered. Action.Execute (an invoke) is answered with the new card, which
 * replaces the card for whoever clicked; `forAll` also updates the posted card for everyone. The
 * Action.Submit fallback (a message) cannot answer with a card, so it always updates in place.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';

export interface CardReply {
  card: AdaptiveCard;
  /** Update the posted card for everyone (the visit changed), not only for the clicker. */
  forAll: boolean;
}

const ADAPTIVE_CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';

export const isInvoke = (context: TurnContext): boolean => context.activity.type === (ActivityTypes.Invoke as string);

/** Sends the reply; resolves to the id of the card's activity when it is known (to record it). */
export async function sendCardReply(context: TurnContext, reply: CardReply): Promise<string | undefined> {
  const cardActivityId = context.activity.replyToId;
  if (isInvoke(context)) {
    if (reply.forAll && cardActivityId) await updateCard(context, cardActivityId, reply.card);
    await answerInvoke(context, { statusCode: 200, type: ADAPTIVE_CARD_RESPONSE, value: reply.card });
    return cardActivityId;
  }
  if (cardActivityId) {
    await updateCard(context, cardActivityId, reply.card);
    return cardActivityId;
  }
  const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(reply.card)] });
  return sent?.id;
}

/** An invoke that cannot be answered with a card (e.g. the visit cannot be read): Teams keeps the card and shows the message. */
export async function sendInvokeError(context: TurnContext, statusCode: number, message: string): Promise<void> {
  await answerInvoke(context, { statusCode, type: 'application/vnd.microsoft.error', value: { code: statusCode >= 500 ? 'InternalError' : 'BadRequest', message } });
}

export function updateCard(context: TurnContext, activityId: string, card: AdaptiveCard): Promise<unknown> {
  return context.updateActivity({ id: activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
}

function answerInvoke(context: TurnContext, body: Record<string, unknown>): Promise<unknown> {
  // Once this is queued, teams-ai leaves the response alone.
  return context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}
