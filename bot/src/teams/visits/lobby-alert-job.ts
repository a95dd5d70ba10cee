/**
 * The `lobby.alert` job: a patient checked in. Step 0 tells each of the visit's clinicians in their
 * personal chat with Rounds, step 1 tells them again, step 2 tells the visit's channel. A step whose
 * patient was admitted (or whose visit moved on) does nothing. Passing connector failures throw so the
 * job runner retries (a clinician already reached may then hear twice: better than not at all);
 * permanent ones are logged as a code and skipped.
 */
import { CardFactory, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { InstallationStore } from '../../domain/installations';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { Visit, VisitJob, VisitStore } from '../../domain/visits/visit-types';
import { RetryLater, type JobHandlers } from '../../jobs/job-runner';
import { lobbyCard, lobbyPreview, type LobbyOccasion } from '../cards/visit-lobby-card';
import { baseConversationId } from '../installation-from-activity';
import { classifyConnectorFailure } from './connector-failure';
import type { ConversationRunner } from '../conversation-runner';
import type { PersonalChatRunner } from '../personal-chat-runner';
import { clinicianTeamsIds } from './lobby-views';

export interface LobbyAlertDeps {
  lobby: Pick<LobbyService, 'stillWaiting' | 'markCliniciansAlerted'>;
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
}

const OCCASIONS: readonly LobbyOccasion[] = ['arrived', 'still-waiting', 'channel'];

export function lobbyAlertJob(deps: LobbyAlertDeps): JobHandlers['lobby.alert'] {
  return async (job: LobbyAlert) => {
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
    if (outcome.retry) throw outcome.retry;
  };
}

async function tellClinicians(deps: LobbyAlertDeps, visit: Visit, activity: Outgoing, step: number): Promise<Outcome> {
  const ids = [...new Set(visit.clinicians.flatMap((clinician) => (clinician.aadObjectId ? [clinician.aadObjectId] : [])))];
  if (ids.length === 0) deps.logger.warn({ visitId: visit.id, step }, 'lobby alert: no clinician with an Entra id to tell');
  const outcome: Outcome = { delivered: 0, retry: null };
  for (const aadObjectId of ids) {
    try {
      await deps.personalChats({ tenantId: visit.tenantId, teamId: visit.origin.teamId }, aadObjectId, async (context) => {
        await context.sendActivity(activity);
      });
      outcome.delivered++;
    } catch (error) {
      outcome.retry = failed(deps, visit, step, error) ?? outcome.retry;
    }
  }
  return outcome;
}

async function tellChannel(deps: LobbyAlertDeps, visit: Visit, activity: Outgoing): Promise<Outcome> {
  const conversationId = await channelOf(deps, visit);
  if (!conversationId) {
    deps.logger.info({ visitId: visit.id, step: 2 }, 'lobby alert: the visit has no channel to tell');
    return { delivered: 0, retry: null };
  }
  try {
    await deps.conversations(conversationId, async (context) => {
      await context.sendActivity(activity);
    }, { teamId: visit.origin.teamId });
    return { delivered: 1, retry: null };
  } catch (error) {
    return { delivered: 0, retry: failed(deps, visit, 2, error) };
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

/** The error to retry with, or null after logging a permanent failure as a code. */
function failed(deps: LobbyAlertDeps, visit: Visit, step: number, error: unknown): Error | null {
  const failure = classifyConnectorFailure(error);
  if (failure.kind === 'retry') {
    if (failure.retryAfterMs !== null) return new RetryLater(Math.max(failure.retryAfterMs, 1000));
    return error instanceof Error ? error : new Error('connector_failure');
  }
  deps.logger.warn({ visitId: visit.id, step, failure: failure.kind }, 'lobby alert not delivered; not retrying');
  return null;
}
