/**
 * The `lobby.alert` job: a patient checked in. Step 0 tells each of the visit's clinicians in their
 * personal chat with Rounds, step 1 tells them again, step 2 tells the visit's channel. A step whose
 * patient was admitted (or whose visit moved on) does nothing. Passing connector failures throw so the
 * job runner retries (a clinician already reached may then hear twice: better than not at all), within
 * a small budget: a patient is waiting. A step that reaches nobody, for good or past its budget, is
 * recorded, and the visit's card (already showing the patient waiting, with Admit) says why.
 */
import { types } from 'node:util';
import { CardFactory, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { InstallationStore } from '../../domain/shared/installations';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { AlertFailure } from '../../domain/lobby/lobby-types';
import type { Visit, VisitJob, VisitStore } from '../../domain/visits/visit-types';
import { RetryLater, type JobHandlers } from '../../jobs/job-runner';
import { lobbyCard, lobbyPreview, type LobbyOccasion } from './visit-lobby-card';
import { baseConversationId } from '../installation-from-activity';
import { classifyConnectorFailure } from '../connector-failure';
import type { ConversationRunner } from '../conversation-runner';
import type { PersonalChatRunner } from '../personal-chat-runner';
import { clinicianTeamsIds } from './lobby-views';

export interface LobbyAlertDeps {
  lobby: Pick<LobbyService, 'stillWaiting' | 'markCliniciansAlerted' | 'markAlertFailed'>;
  store: Pick<VisitStore, 'cards'>;
  installations: InstallationStore;
  personalChats: PersonalChatRunner;
  conversations: ConversationRunner;
  now: () => Date;
  logger: Logger;
}

type LobbyAlert = Extract<VisitJob, { kind: 'lobby.alert' }>;
type Outgoing = Partial<Activity>;
interface Outcome {
  delivered: number;
  retry: Error | null;
  /** Why the last person not reached was not (when nobody was, this is what the card says). */
  failure: AlertFailure | null;
}

const OCCASIONS: readonly LobbyOccasion[] = ['arrived', 'still-waiting', 'channel'];

/** Attempts of one step before it counts as not delivered: the next step is minutes away anyway. */
export const ALERT_ATTEMPTS = 3;

export function lobbyAlertJob(deps: LobbyAlertDeps): JobHandlers['lobby.alert'] {
  return async (job: LobbyAlert, meta) => {
    const waiting = await deps.lobby.stillWaiting(job.visitId, job.checkedInAt);
    if (!waiting) return;
    const { visit, session } = waiting;
    const occasion = OCCASIONS[Math.min(job.step, 2)] ?? 'channel';
    const view = { visit, session, now: deps.now(), viewerIds: await clinicianTeamsIds(deps.installations, visit), occasion };
    const summary = lobbyPreview(view);
    const activity: Outgoing = { summary, attachments: [CardFactory.adaptiveCard(lobbyCard(view))] };
    const outcome = occasion === 'channel' ? await tellChannel(deps, visit, activity) : await tellClinicians(deps, visit, activity, job.step);
    // The patient's page says someone was told only when someone was.
    if (outcome.delivered > 0) await deps.lobby.markCliniciansAlerted(visit.id, job.step);
    if (outcome.retry && meta.attempts < ALERT_ATTEMPTS) throw outcome.retry;
    const failure = outcome.retry ? 'no-answer' : outcome.failure;
    if (outcome.delivered === 0 && failure) await deps.lobby.markAlertFailed(visit.id, job.step, failure);
  };
}

async function tellClinicians(deps: LobbyAlertDeps, visit: Visit, activity: Outgoing, step: number): Promise<Outcome> {
  const ids = [...new Set(visit.clinicians.flatMap((clinician) => (clinician.aadObjectId ? [clinician.aadObjectId] : [])))];
  if (ids.length === 0) deps.logger.warn({ visitId: visit.id, step }, 'lobby alert: no clinician with an Entra id to tell');
  const outcome: Outcome = { delivered: 0, retry: null, failure: ids.length === 0 ? 'no-clinician' : null };
  for (const aadObjectId of ids) {
    try {
      await deps.personalChats({ tenantId: visit.tenantId, teamId: visit.origin.teamId }, aadObjectId, async (context) => {
        await context.sendActivity(activity);
      });
      outcome.delivered++;
    } catch (error) {
      const failure = failed(deps, visit, step, error);
      if (failure instanceof Error) outcome.retry = failure;
      else outcome.failure = failure;
    }
  }
  return outcome;
}

async function tellChannel(deps: LobbyAlertDeps, visit: Visit, activity: Outgoing): Promise<Outcome> {
  const conversationId = await channelOf(deps, visit);
  if (!conversationId) {
    deps.logger.info({ visitId: visit.id, step: 2 }, 'lobby alert: the visit has no channel to tell');
    return { delivered: 0, retry: null, failure: null };
  }
  try {
    await deps.conversations(conversationId, async (context) => {
      await context.sendActivity(activity);
    }, { teamId: visit.origin.teamId });
    return { delivered: 1, retry: null, failure: null };
  } catch (error) {
    const failure = failed(deps, visit, 2, error);
    return failure instanceof Error ? { delivered: 0, retry: failure, failure: null } : { delivered: 0, retry: null, failure };
  }
}

/** The conversation of the visit's card in a channel or group chat, else where it was asked for or announced. */
async function channelOf(deps: LobbyAlertDeps, visit: Visit): Promise<string | null> {
  const cards = (await deps.store.cards(visit.id)).map((card) => card.conversationId);
  for (const id of [...cards, visit.announceIn, visit.origin.conversationId]) {
    if (!id) continue;
    const installation = await deps.installations.get(baseConversationId(id));
    // A channel Rounds never spoke in has no record of its own: its team's stands for it.
    if (installation ? installation.scope !== 'personal' : visit.origin.teamId !== null) return id;
  }
  return null;
}

/** The error to retry with, or why not after logging a permanent failure as a code. */
function failed(deps: LobbyAlertDeps, visit: Visit, step: number, error: unknown): Error | AlertFailure {
  const failure = classifyConnectorFailure(error);
  if (failure.kind === 'retry') {
    if (failure.retryAfterMs !== null) return new RetryLater(Math.max(failure.retryAfterMs, 1000));
    // By brand, not instanceof: the connector client's errors may come from another realm (a test runner's).
    return types.isNativeError(error) ? error : new Error('connector_failure');
  }
  deps.logger.warn({ visitId: visit.id, step, failure: failure.kind }, 'lobby alert not delivered; not retrying');
  if (failure.kind === 'not-in-conversation') return 'not-installed';
  return failure.kind === 'unknown-user' ? 'unknown-user' : 'refused';
}
