/**
 * A card action registered as a Universal Action (invoke) and as its Action.Submit fallback
 * (message), with one way of answering what goes wrong: the error's user message, never its text.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { toAppError } from '../domain/shared/app-error';
import { httpStatusOf } from '../net/http-status';
import { errorCard } from './error-card';
import { sendCard } from './send-card';
import type { RoundsTurnState } from './turn-state';
import { isInvoke, sendInvokeError } from './card-reply';

export type CardAction = (context: TurnContext, state: RoundsTurnState, data: unknown) => Promise<void>;

/** The same action as a Universal Action (invoke) and as its Action.Submit fallback (message). */
export function registerCardAction(app: Application<RoundsTurnState>, verb: string, action: CardAction, logger: Logger): void {
  const guarded: CardAction = async (context, state, data) => {
    try {
      await action(context, state, data);
    } catch (error) {
      await replyWithError(context, error, verb, logger);
    }
  };
  app.adaptiveCards.actionExecute(verb, async (context, state, data) => {
    await guarded(context, state, data);
    // The invoke response was sent above; teams-ai ignores this value then.
    return '';
  });
  app.adaptiveCards.actionSubmit(verb, guarded);
}

async function replyWithError(context: TurnContext, error: unknown, verb: string, logger: Logger): Promise<void> {
  const appError = toAppError(error);
  const reference = randomUUID();
  if (appError.code === 'internal') logger.error({ err: error, reference, verb }, 'card action failed');
  else logger.info({ code: appError.code, verb }, 'card action refused');
  if (isInvoke(context)) await sendInvokeError(context, httpStatusOf(appError.code), appError.code === 'internal' ? `${appError.userMessage} Reference: ${reference}` : appError.userMessage);
  else await sendCard(context, errorCard(appError.userMessage, reference));
}
