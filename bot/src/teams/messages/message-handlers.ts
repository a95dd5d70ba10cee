/**
 * Clinician messages in the bot: "message …" (and "urgent message …", "stat message …") or the form,
 * and the Acknowledge and Reply actions of message cards (each an Action.Execute with an
 * Action.Submit fallback). Thin: the work is in teams/messages and the domain's MessageService.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';
import type { DirectoryResolver } from '../../domain/patients/patient-summary';
import type { MessageService } from '../../domain/messages/message-service';
import type { ClinicianMessage, PeopleDirectory } from '../../domain/messages/message-types';
import type { OnCallRoster } from '../../domain/messages/on-call-roster';
import { MESSAGE_VERBS, messageCard, messagePreview, type MessageAudience } from './message-card';
import { MESSAGE_SEND_VERB } from './message-form-card';
import { linksFor, type LinkSettings } from './message-links';
import { isMessageCommand } from './parse-message-request';
import { actorOf, blankForm, sendFromForm, sendFromText, type SendFlowDeps, type SendOutcome } from './send-message-flow';
import type { RoundsTurnState } from '../turn-state';
import { sendCardReply } from '../card-reply';
import { turnFacts } from '../visits/turn-facts';
import { registerCardAction } from '../card-action';

export interface MessageHandlerDeps {
  messages: MessageService;
  roster: OnCallRoster;
  people: PeopleDirectory;
  directories: DirectoryResolver;
  links: LinkSettings;
  logger: Logger;
}

const actionInput = z.object({ messageId: z.uuid({ error: 'This card is out of date. Open the newest one.' }), text: z.string().optional() });

export function registerMessageHandlers(app: Application<RoundsTurnState>, deps: MessageHandlerDeps): void {
  const flow: SendFlowDeps = { ...deps, newKey: randomUUID };

  app.message(
    async (context) => isMessageCommand(context.activity.text),
    async (context, state) => {
      const facts = turnFacts(context, state);
      const text = context.activity.text ?? '';
      const outcome = /^\s*message\s*$/i.test(text) ? await blankForm(flow, facts) : await sendFromText(flow, context, facts, text);
      await answerNew(deps, context, outcome);
    },
  );

  const onAction = (verb: string, action: Parameters<typeof registerCardAction>[2]) => registerCardAction(app, verb, action, deps.logger);
  onAction(MESSAGE_SEND_VERB, async (context, state, data) => {
    const outcome = await sendFromForm(flow, context, turnFacts(context, state), data);
    const cardId = context.activity.replyToId;
    // Recorded before the form turns into the sender's card, so later updates find it.
    if (outcome.message && cardId) await deps.messages.recordCard({ messageId: outcome.message.id, audience: 'sender', conversationId: context.activity.conversation.id, activityId: cardId });
    await sendCardReply(context, { card: outcome.card, forAll: true });
  });
  onAction(MESSAGE_VERBS.acknowledge, async (context, state, data) => {
    const actor = actorOf(turnFacts(context, state));
    const { message, first } = await deps.messages.acknowledge(actor, readAction(data).messageId);
    const notice = first ? `Acknowledged. ${message.sender.name} sees it on their card.` : `Already acknowledged by ${message.acknowledgedBy?.name ?? 'someone'}.`;
    await sendCardReply(context, { card: await cardFor(deps, actor.userId, context, message, notice), forAll: true });
  });
  onAction(MESSAGE_VERBS.reply, async (context, state, data) => {
    const actor = actorOf(turnFacts(context, state));
    const input = readAction(data);
    const { reply, parent } = await deps.messages.reply(actor, input.messageId, input.text ?? '');
    await sendCardReply(context, { card: await cardFor(deps, actor.userId, context, parent, `Reply sent to ${reply.recipient.name}.`), forAll: true });
  });
}

function readAction(data: unknown): z.infer<typeof actionInput> {
  const parsed = actionInput.safeParse(data);
  if (!parsed.success) throw new AppError('validation', 'This card is out of date. Open the newest one.');
  return parsed.data;
}

/** The card as the clicker sees it: their own side of the message. */
async function cardFor(deps: MessageHandlerDeps, userId: string, context: TurnContext, message: ClinicianMessage, notice: string) {
  const same = (id: string | undefined) => id?.toLowerCase() === userId.toLowerCase();
  const audience: MessageAudience = same(message.sender.aadObjectId)
    ? 'sender'
    : same(message.recipient.aadObjectId)
      ? 'recipient'
      : same(message.backup?.aadObjectId)
        ? 'backup'
        : context.activity.conversation.conversationType === 'personal'
          ? 'recipient'
          : 'channel';
  const thread = await deps.messages.threadOf(message);
  return messageCard({ message, audience, thread, links: linksFor(message, audience === 'sender' ? 'sender' : 'other', deps.links), notice });
}

/** A typed request is answered with a new card; a sent message's card is recorded for later updates. */
async function answerNew(deps: MessageHandlerDeps, context: TurnContext, outcome: SendOutcome): Promise<void> {
  const summary = outcome.message ? messagePreview(outcome.message, 'sender') : 'Message a colleague';
  const sent = await context.sendActivity({ summary, attachments: [CardFactory.adaptiveCard(outcome.card)] });
  if (outcome.message && sent?.id) {
    await deps.messages.recordCard({ messageId: outcome.message.id, audience: 'sender', conversationId: context.activity.conversation.id, activityId: sent.id });
  }
}
