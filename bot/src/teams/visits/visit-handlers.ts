/**
 * Virtual visits in the bot: "schedule", "visits" and "visits-channel", the patient typeahead, and the
 * actions of the schedule and visit cards (each an Action.Execute with an Action.Submit fallback).
 * Thin: the work is in teams/visits and the domain's VisitService.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { toAppError } from '../../domain/shared/app-error';
import type { InstallationStore } from '../../domain/shared/installations';
import type { DirectoryResolver } from '../../domain/patients/patient-summary';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { VisitDeliveries } from '../../domain/notifications/notification-types';
import type { TeamSettingsStore } from '../../domain/visits/team-settings';
import type { VisitService } from '../../domain/visits/visit-service';
import { patientLabel } from './visit-card-parts';
import { discardedCard } from './visit-notice-card';
import { commandWord } from '../commands';
import { sendCard } from '../send-card';
import type { RoundsTurnState } from '../turn-state';
import { registerCardAction, type CardAction } from '../card-action';
import { sendCardReply } from '../card-reply';
import { announceInFor, coordinationVisitsToday, isVisitsChannelRequest, runVisitsChannelRequest } from './coordination-channel';
import { directoryFor, searchPatients } from './patient-lookup';
import { teamMembersOf } from '../people/team-members';
import { choosePatient, confirmSchedule, startSchedule, type ScheduleDeps } from './schedule-flow';
import type { VisitTypeCatalog } from '../../domain/visits/visit-type-catalog';
import { todaysVisits } from './todays-visits';
import { turnFacts } from './turn-facts';
import { readAction, runVisitAction, type VisitVerb } from './visit-actions';

export interface VisitHandlerDeps {
  visits: VisitService;
  directories: DirectoryResolver;
  installations: InstallationStore;
  /** The team's care-coordination channel. */
  teamSettings: TeamSettingsStore;
  visitTypes: VisitTypeCatalog;
  /** For the visit card's lobby line and how the patient was told. */
  lobby: Pick<LobbyService, 'sessionOf' | 'alertFailure' | 'people' | 'patientRating'>;
  deliveries: VisitDeliveries;
  logger: Logger;
  now?: () => Date;
}

/** Registered before the command catch-all: these are messages it must not answer. */
export function registerVisitHandlers(app: Application<RoundsTurnState>, deps: VisitHandlerDeps): void {
  const { visits, directories, installations, teamSettings, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const schedule: ScheduleDeps = { visits, types: deps.visitTypes, directories, now, teamMembers: (context, facts) => teamMembersOf(context, facts.scope, logger), newKey: randomUUID, announceIn: null };
  const cardSources = { visits, lobby: deps.lobby, deliveries: deps.deliveries, now };

  app.message(isCommand('schedule'), async (context, state) => {
    await sendCard(context, await startSchedule(schedule, context, turnFacts(context, state), context.activity.text ?? ''));
  });
  app.message(isCommand('visits'), async (context, state) => {
    const facts = turnFacts(context, state);
    await sendCard(context, (await coordinationVisitsToday({ settings: teamSettings, visits, installations }, facts, now())) ?? (await todaysVisits(visits, facts, now())));
  });
  app.message(
    async (context) => isVisitsChannelRequest(context.activity.text),
    async (context, state) => {
      await sendCard(context, await runVisitsChannelRequest(teamSettings, turnFacts(context, state), context.activity.text ?? '', now()));
    },
  );

  app.adaptiveCards.search('patients', async (context, state, query) => {
    const text = query.parameters.queryText.trim();
    if (text.length < 2) return [];
    try {
      const patients = await searchPatients(await directoryFor(directories, turnFacts(context, state)), text, Math.min(query.count, 15));
      return patients.flatMap((patient) => (patient.fhirId ? [{ title: patientLabel(patient), value: patient.fhirId }] : []));
    } catch (error) {
      // A failing typeahead shows no matches; an error message in the chat for each keystroke would not help.
      logger.warn({ code: toAppError(error).code }, 'patient typeahead failed');
      return [];
    }
  });

  const onAction = (verb: string, action: CardAction) => registerCardAction(app, verb, action, logger);
  onAction('visit.confirm', async (context, state, data) => {
    const facts = turnFacts(context, state);
    // Asked for in a channel of a team with a coordination channel elsewhere: the card goes there too.
    const announceIn = await announceInFor(teamSettings, facts);
    const { reply, visit } = await confirmSchedule({ ...schedule, announceIn }, context, facts, data);
    const cardId = context.activity.replyToId;
    // Recorded before the card changes, so later updates of the visit find it.
    if (visit && cardId) await visits.recordCard({ visitId: visit.id, conversationId: facts.conversationId, activityId: cardId });
    await sendCardReply(context, reply);
  });
  onAction('visit.choose-patient', async (context, _state, data) => {
    await sendCardReply(context, choosePatient(data));
  });
  onAction('visit.discard', async (context) => {
    await sendCardReply(context, { card: discardedCard(), forAll: true });
  });
  for (const verb of ['visit.refresh', 'visit.reschedule', 'visit.cancel', 'visit.resend', 'visit.admit-when-ready'] as const satisfies readonly VisitVerb[]) {
    onAction(verb, async (context, state, data) => {
      await sendCardReply(context, await runVisitAction(cardSources, turnFacts(context, state), verb, readAction(data)));
    });
  }
}

const isCommand = (word: string) => async (context: TurnContext) => commandWord(context.activity.text) === word;
