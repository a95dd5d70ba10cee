/**
 * The lobby's card actions in the bot: Admit, Message patient and Mark no-show on the lobby card and
 * the visit card, and the refresh of either while a patient is in the lobby. Each is an
 * Action.Execute with an Action.Submit fallback. Thin: the work is in teams/lobby/lobby-actions.ts
 * and the domain's LobbyService.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { toAppError } from '../../domain/shared/app-error';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { VisitDeliveries } from '../../domain/notifications/notification-types';
import type { VisitService } from '../../domain/visits/visit-service';
import { errorCard } from '../error-card';
import { LOBBY_REFRESH_VERB } from '../visits/visit-card';
import { LOBBY_CARD_REFRESH_VERB } from './visit-lobby-card';
import { sendCard } from '../send-card';
import type { RoundsTurnState } from '../turn-state';
import { isInvoke, sendCardReply, updateCard, type CardReply } from '../card-reply';
import { classifyConnectorFailure } from '../connector-failure';
import { readLobbyAction, runLobbyAction, type LobbyVerb } from './lobby-actions';
import { turnFacts } from '../visits/turn-facts';

export interface LobbyHandlerDeps {
  lobby: LobbyService;
  visits: VisitService;
  /** How the patient was told, for the visit card. */
  deliveries: VisitDeliveries;
  logger: Logger;
  now?: () => Date;
}

const VERBS = ['visit.admit', 'visit.message', 'visit.no-show', 'visit.end', LOBBY_CARD_REFRESH_VERB, LOBBY_REFRESH_VERB] as const satisfies readonly LobbyVerb[];

export function registerLobbyHandlers(app: Application<RoundsTurnState>, deps: LobbyHandlerDeps): void {
  const actions = { lobby: deps.lobby, visits: deps.visits, deliveries: deps.deliveries, now: deps.now ?? (() => new Date()) };
  for (const verb of VERBS) {
    const run = async (context: TurnContext, state: RoundsTurnState, data: unknown) => {
      try {
        await reply(context, await runLobbyAction(actions, turnFacts(context, state), verb, readLobbyAction(data)), deps.logger);
      } catch (error) {
        await replyWithError(context, error, verb, deps.logger);
      }
    };
    app.adaptiveCards.actionExecute(verb, async (context, state, data) => {
      await run(context, state, data);
      // The invoke response was sent above; teams-ai ignores this value then.
      return '';
    });
    app.adaptiveCards.actionSubmit(verb, run);
  }
}

/** Refusals come back as cards from runLobbyAction; what reaches here is unexpected, or unreadable input. */
async function replyWithError(context: TurnContext, error: unknown, verb: string, logger: Logger): Promise<void> {
  const appError = toAppError(error);
  const reference = randomUUID();
  if (appError.code === 'internal') logger.error({ err: error, reference, verb }, 'lobby action failed');
  else logger.info({ code: appError.code, verb }, 'lobby action refused');
  await reply(context, { card: errorCard(appError.userMessage, reference), forAll: false }, logger);
}

/**
 * An invoke is answered with the card, and a card for everyone also updates the posted one; that
 * update is a courtesy (the visit's card job and Teams' refresh follow), so its failure does not undo
 * the answer. The Action.Submit fallback cannot be answered: a card for everyone updates the clicked
 * one in place, one for the clicker only (a refusal, an error) comes as a new message, so the posted
 * card never turns into someone else's "not allowed".
 */
async function reply(context: TurnContext, answer: CardReply, logger: Logger): Promise<void> {
  const cardId = context.activity.replyToId;
  if (isInvoke(context)) {
    if (answer.forAll && cardId) {
      await updateCard(context, cardId, answer.card).catch((error: unknown) => logger.warn({ failure: classifyConnectorFailure(error).kind }, 'lobby card not updated in place'));
    }
    await sendCardReply(context, { card: answer.card, forAll: false });
  } else if (answer.forAll) await sendCardReply(context, answer);
  else await sendCard(context, answer.card);
}
