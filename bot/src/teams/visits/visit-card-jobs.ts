/**
 * The job handlers that keep visit cards in Teams: post a visit's card to a conversation, and update
 * every recorded card in place when the visit changes (with its lobby and how the patient was told,
 * as a refresh would show them). Passing connector failures throw (the job runner retries with
 * backoff); permanent ones are logged and the job ends.
 */
import { types } from 'node:util';
import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Logger } from 'pino';
import type { InstallationStore } from '../../domain/shared/installations';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit, VisitJob, VisitStore } from '../../domain/visits/visit-types';
import { RetryLater, type JobHandlers } from '../../jobs/job-runner';
import { installInTeamCard } from './visit-notice-card';
import { baseConversationId } from '../installation-from-activity';
import { updateCard } from '../card-reply';
import { classifyConnectorFailure } from '../connector-failure';
import type { ConversationRunner } from '../conversation-runner';
import { currentVisitCard, type VisitCardSources } from './visit-card-view';

/** Without the lobby or the deliveries (optional sources), the card leaves their lines out. */
export interface VisitCardJobDeps extends Omit<VisitCardSources, 'visits'> {
  store: Pick<VisitStore, 'get' | 'cards'>;
  visits: Pick<VisitService, 'recordCard' | 'patientJoinUrl'>;
  installations: InstallationStore;
  conversations: ConversationRunner;
  logger: Logger;
}

type PostCard = Extract<VisitJob, { kind: 'visit.post-card' }>;
type UpdateCards = Extract<VisitJob, { kind: 'visit.card' }>;

export function visitCardJobHandlers(deps: VisitCardJobDeps): Pick<JobHandlers, 'visit.post-card' | 'visit.card'> {
  return {
    'visit.post-card': (job) => postCard(deps, job),
    'visit.card': (job) => updateCards(deps, job),
  };
}

async function postCard(deps: VisitCardJobDeps, job: PostCard): Promise<void> {
  const visit = await deps.store.get(job.visitId);
  if (!visit) return;
  const cards = await deps.store.cards(visit.id);
  // A confirm card in this conversation already became the visit's card: one card per conversation.
  if (cards.some((card) => baseConversationId(card.conversationId) === baseConversationId(job.conversationId))) return;
  const content = await currentVisitCard(deps, visit, { viewerIds: [], timeZone: null });
  try {
    let activityId: string | undefined;
    await deps.conversations(
      job.conversationId,
      async (context) => {
        activityId = (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(content)] }))?.id;
      },
      { teamId: visit.origin.teamId },
    );
    if (activityId) await deps.visits.recordCard({ visitId: visit.id, conversationId: job.conversationId, activityId });
  } catch (error) {
    const failure = classifyConnectorFailure(error);
    if (failure.kind === 'retry') throw retryError(failure.retryAfterMs, error);
    deps.logger.warn({ visitId: visit.id, failure: failure.kind }, 'visit card not posted; not retrying');
    if (failure.kind === 'not-in-conversation') await tellRequester(deps, visit);
  }
}

async function updateCards(deps: VisitCardJobDeps, job: UpdateCards): Promise<void> {
  const visit = await deps.store.get(job.visitId);
  if (!visit) return;
  const cards = await deps.store.cards(visit.id);
  if (cards.length === 0) return;
  const content = await currentVisitCard(deps, visit, { viewerIds: [], timeZone: null });
  let retry: Error | null = null;
  // Every card is tried; one passing failure retries them all (an update in place is idempotent).
  for (const card of cards) {
    try {
      await deps.conversations(card.conversationId, (context: TurnContext) => updateCard(context, card.activityId, content).then(() => undefined), { teamId: visit.origin.teamId });
    } catch (error) {
      const failure = classifyConnectorFailure(error);
      if (failure.kind === 'retry') retry = retryError(failure.retryAfterMs, error);
      else deps.logger.warn({ visitId: visit.id, failure: failure.kind }, 'visit card not updated; not retrying');
    }
  }
  if (retry) throw retry;
}

/** Teams' Retry-After when it gave one (the connector client has already retried briefly), else the runner's backoff. */
function retryError(retryAfterMs: number | null, error: unknown): Error {
  if (retryAfterMs !== null) return new RetryLater(Math.max(retryAfterMs, 1000));
  // By brand, not instanceof: the connector client's errors may come from another realm (a test runner's).
  return types.isNativeError(error) ? error : new Error('connector_failure');
}

/** Tells whoever scheduled the visit, in their personal chat with Rounds, how to get the card posted. */
async function tellRequester(deps: VisitCardJobDeps, visit: Visit): Promise<void> {
  const personal = (await deps.installations.listActive(visit.tenantId)).find(
    (installation) => installation.scope === 'personal' && (installation.reference as { user?: { aadObjectId?: string } }).user?.aadObjectId === visit.createdBy.id,
  );
  if (!personal) {
    deps.logger.warn({ visitId: visit.id }, 'requester has no personal chat with Rounds; cannot say the team needs Rounds installed');
    return;
  }
  try {
    await deps.conversations(personal.conversationId, async (context) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(installInTeamCard(visit))] });
    });
  } catch (error) {
    // The instruction is a courtesy: failing to send it must not repost the card.
    deps.logger.warn({ visitId: visit.id, failure: classifyConnectorFailure(error).kind }, 'could not tell the requester to install Rounds in the team');
  }
}
