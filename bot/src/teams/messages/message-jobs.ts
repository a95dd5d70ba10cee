/**
 * The jobs of clinician messages, run from the job table (once, whichever instance):
 * - `message.deliver`: the recipient's 1:1 card. A recipient without Rounds gets it installed through
 *   Graph when permitted (then the delivery is retried); otherwise the sender's card says why.
 * - `message.escalate`: re-alert the recipient, then the role's backup, then the care team's channel,
 *   each only while nobody has acknowledged; each step lands on the sender's card.
 * - `message.cards`: every card of the message updated in place (sender's, recipient's, backup's, channel's).
 * - `message.sender-card`: for tab-sent messages, the sender's card in their personal chat.
 * - `message.purge`: the retention purge, daily.
 * Passing connector failures throw so the runner retries; permanent ones are recorded and skipped.
 */
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { InstallationStore } from '../../domain/shared/installations';
import type { MessageService } from '../../domain/messages/message-service';
import type { BotInstaller, ClinicianMessage, MessageCard, Person } from '../../domain/messages/message-types';
import { RetryLater, type JobHandlers } from '../../jobs/job-runner';
import { messageCard, messagePreview, type MessageAudience, type MessageOccasion } from './message-card';
import type { ConversationRunner } from '../conversation-runner';
import { baseConversationId } from '../installation-from-activity';
import type { PersonalChatRunner } from '../personal-chat-runner';
import { classifyConnectorFailure } from '../connector-failure';
import { linksFor, type LinkSettings } from './message-links';

export interface MessageJobDeps {
  messages: MessageService;
  installations: InstallationStore;
  personalChats: PersonalChatRunner;
  conversations: ConversationRunner;
  /** Null when Graph installation is not configured (or in dev mode). */
  installer: BotInstaller | null;
  links: LinkSettings;
  logger: Logger;
}

type Handlers = Pick<JobHandlers, 'message.deliver' | 'message.escalate' | 'message.cards' | 'message.sender-card' | 'message.purge'>;

/** How long to wait after installing Rounds for someone before trying the chat again. */
const AFTER_INSTALL_MS = 10_000;

/** Attempts at delivery before the sender is told it did not arrive: someone is waiting for an answer. */
export const DELIVERY_ATTEMPTS = 3;

export function messageJobHandlers(deps: MessageJobDeps): Handlers {
  return {
    'message.deliver': async (job, meta) => {
      const message = await deps.messages.byId(job.messageId);
      if (!message || message.deliveredAt) return;
      try {
        await post(deps, message, 'recipient', 'new');
        await deps.messages.delivered(message.id);
      } catch (error) {
        await undelivered(deps, message, error, meta.attempts);
      }
    },

    'message.escalate': async (job) => {
      const action = await deps.messages.escalation(job.messageId, job.step);
      if (action.kind === 'nothing') return;
      try {
        if (action.kind === 'realert') await post(deps, action.message, 'recipient', 'realert');
        else if (action.kind === 'backup') await post(deps, action.message, 'backup', 'new');
        else await post(deps, action.message, 'channel', 'new');
        await deps.messages.escalated(job.messageId, job.step);
      } catch (error) {
        const failure = classifyConnectorFailure(error);
        if (failure.kind === 'retry') throw failure.retryAfterMs === null ? error : new RetryLater(Math.max(failure.retryAfterMs, 1000));
        deps.logger.warn({ messageId: job.messageId, step: job.step, failure: failure.kind }, 'message escalation step not delivered');
        await deps.messages.escalationFailed(job.messageId, job.step);
      }
    },

    'message.cards': async (job) => {
      const message = await deps.messages.byId(job.messageId);
      // A later version's job will show the later state.
      if (!message || message.version > job.version) return;
      const thread = await deps.messages.threadOf(message);
      for (const card of await deps.messages.cards(message.id)) {
        const view = messageCard({ message, audience: card.audience, thread, links: linksFor(message, card.audience === 'sender' ? 'sender' : 'other', deps.links), occasion: 'update' });
        try {
          await runIn(deps, message, card, (context) => context.updateActivity({ id: card.activityId, type: 'message', attachments: [CardFactory.adaptiveCard(view)] }));
        } catch (error) {
          const failure = classifyConnectorFailure(error);
          if (failure.kind === 'retry') throw error;
          deps.logger.info({ messageId: message.id, audience: card.audience, failure: failure.kind }, 'message card not updated');
        }
      }
    },

    'message.sender-card': async (job) => {
      const message = await deps.messages.byId(job.messageId);
      if (!message) return;
      try {
        await post(deps, message, 'sender', 'new');
      } catch (error) {
        const failure = classifyConnectorFailure(error);
        if (failure.kind === 'retry') throw error;
        deps.logger.info({ messageId: message.id, failure: failure.kind }, "sender's message card not posted");
      }
    },

    'message.purge': async () => {
      const purged = await deps.messages.purgeExpired();
      deps.logger.info({ purged }, 'clinician messages past retention purged');
    },
  };
}

/** Posts the audience's card (a new activity: a notification) and records it for later updates. */
async function post(deps: MessageJobDeps, message: ClinicianMessage, audience: MessageAudience, occasion: MessageOccasion): Promise<void> {
  const thread = await deps.messages.threadOf(message);
  const view = messageCard({ message, audience, thread, links: linksFor(message, audience === 'sender' ? 'sender' : 'other', deps.links), occasion });
  const activity: Partial<Activity> = { summary: messagePreview(message, audience, occasion), attachments: [CardFactory.adaptiveCard(view)] };
  let posted: { conversationId: string; activityId: string } | null = null;
  const send = async (context: TurnContext) => {
    const sent = await context.sendActivity(activity);
    if (sent?.id) posted = { conversationId: context.activity.conversation.id, activityId: sent.id };
  };
  if (audience === 'channel' && message.team) await deps.conversations(message.team.channelId, send, { teamId: message.team.teamId });
  else await deps.personalChats({ tenantId: message.tenantId, teamId: message.team?.teamId ?? null }, personOf(message, audience).aadObjectId, send);
  const where = posted as { conversationId: string; activityId: string } | null;
  if (where) await deps.messages.recordCard({ messageId: message.id, audience, ...where });
}

function personOf(message: ClinicianMessage, audience: MessageAudience): Person {
  if (audience === 'sender') return message.sender;
  if (audience === 'backup' && message.backup) return message.backup;
  return message.recipient;
}

/** A card in a conversation Rounds has a record of (a channel, a chat it was added to), else in the person's 1:1 chat. */
async function runIn(deps: MessageJobDeps, message: ClinicianMessage, card: MessageCard, logic: (context: TurnContext) => Promise<unknown>): Promise<void> {
  const known = await deps.installations.get(baseConversationId(card.conversationId));
  const run = async (context: TurnContext) => {
    await logic(context);
  };
  if (known && !known.removedAt) await deps.conversations(card.conversationId, run, { teamId: message.team?.teamId ?? null });
  else if (card.audience === 'channel' && message.team) await deps.conversations(card.conversationId, run, { teamId: message.team.teamId });
  else await deps.personalChats({ tenantId: message.tenantId, teamId: message.team?.teamId ?? null }, personOf(message, card.audience).aadObjectId, run);
}

/** The recipient could not be reached: install Rounds for them when permitted (and retry), else tell the sender. */
async function undelivered(deps: MessageJobDeps, message: ClinicianMessage, error: unknown, attempts: number): Promise<void> {
  const failure = classifyConnectorFailure(error);
  if (failure.kind === 'retry' && attempts < DELIVERY_ATTEMPTS) throw failure.retryAfterMs === null ? error : new RetryLater(Math.max(failure.retryAfterMs, 1000));
  if (failure.kind === 'not-in-conversation' && deps.installer && !message.events.some((event) => event.kind === 'installed')) {
    const outcome = await deps.installer.installFor(message.tenantId, message.recipient.aadObjectId);
    if (outcome.kind === 'installed' || outcome.kind === 'already-installed') {
      await deps.messages.installedForRecipient(message.id);
      // Teams needs a moment before the new personal chat can be created.
      throw new RetryLater(AFTER_INSTALL_MS);
    }
    if (outcome.kind === 'unavailable') throw new RetryLater(Math.max(outcome.retryAfterMs ?? AFTER_INSTALL_MS, 1000));
  }
  deps.logger.warn({ messageId: message.id, failure: failure.kind }, 'message not delivered');
  await deps.messages.notDelivered(message.id, undeliverableReason(failure.kind));
}

function undeliverableReason(kind: ReturnType<typeof classifyConnectorFailure>['kind']): string {
  switch (kind) {
    case 'not-in-conversation':
      return 'not-installed';
    case 'unknown-user':
      return 'unknown-user';
    case 'retry':
      return 'no-answer';
    case 'gone':
    case 'refused':
      return 'refused';
  }
}
