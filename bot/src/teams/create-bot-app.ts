import { randomUUID } from 'node:crypto';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import { toAppError } from '../domain/shared/app-error';
import type { InstallationStore } from '../domain/shared/installations';
import type { DirectoryResolver } from '../domain/patients/patient-summary';
import type { VisitDeliveries } from '../domain/notifications/notification-types';
import type { TeamSettingsStore } from '../domain/visits/team-settings';
import type { VisitService } from '../domain/visits/visit-service';
import type { LobbyService } from '../domain/lobby/lobby-service';
import type { MessageService } from '../domain/messages/message-service';
import type { PeopleDirectory } from '../domain/messages/message-types';
import type { OnCallRoster } from '../domain/messages/on-call-roster';
import { errorCard } from './error-card';
import { registerCommandHandlers } from './command-handlers';
import { registerInstallationHandlers } from './installation-handlers';
import { registerLobbyHandlers } from './lobby/lobby-handlers';
import { registerMessageHandlers } from './messages/message-handlers';
import { registerVisitHandlers } from './visits/visit-handlers';
import type { VisitTypeCatalog } from '../domain/visits/visit-type-catalog';
import { installationFromActivity } from './installation-from-activity';
import type { LinkSettings } from './messages/message-links';
import { sendCard } from './send-card';
import type { RoundsTurnState } from './turn-state';

export interface BotDeps {
  adapter: TeamsAdapter;
  botAppId: string;
  storage: Storage;
  installations: InstallationStore;
  visits: VisitService;
  lobby: LobbyService;
  /** The EHR behind a channel (or the organisation's), for finding the patient of a visit. */
  directories: DirectoryResolver;
  /** Each team's care-coordination channel. */
  teamSettings: TeamSettingsStore;
  /** The visit types the schedule form offers. */
  visitTypes: VisitTypeCatalog;
  /** How each visit's patient was told (the outbox), for the visit card. */
  deliveries: VisitDeliveries;
  messages: MessageService;
  roster: OnCallRoster;
  /** Finds message recipients by name beyond the conversation's own members. */
  people: PeopleDirectory;
  /** For the Open patient deep link of message cards. */
  links: LinkSettings;
  logger: Logger;
  /** The service's clock (wait times on cards, "today" for visits, schedule parsing). */
  now?: () => Date;
}

/** The teams-ai Application with every handler registered, in routing order. */
export function createBotApp({ adapter, botAppId, storage, installations, visits, lobby, directories, teamSettings, visitTypes, deliveries, messages, roster, people, links, logger, now }: BotDeps): Application<RoundsTurnState> {
  const app = new Application<RoundsTurnState>({
    adapter,
    botAppId,
    storage,
    // Teams shows "Rounds is typing" while a turn takes over a second: teams-ai 1.7's run() starts that
    // timer on every message whatever `startTypingTimer` says, so the option is left at its default.
    turnStateFactory: () => new TurnState(),
  });

  app.turn('beforeTurn', async (context, state) => {
    if (context.activity.localTimezone) state.user.timeZone = context.activity.localTimezone;
    // A message proves the bot is in the conversation; refresh the reference (its serviceUrl can move).
    if (context.activity.type === 'message') {
      const input = installationFromActivity(context.activity);
      if (input) await installations.upsertActive(input);
    }
    return true;
  });

  registerInstallationHandlers(app, { installations, logger });
  registerVisitHandlers(app, { visits, directories, installations, teamSettings, visitTypes, lobby, deliveries, logger, ...(now ? { now } : {}) });
  registerLobbyHandlers(app, { lobby, visits, deliveries, logger, ...(now ? { now } : {}) });
  registerMessageHandlers(app, { messages, roster, people, directories, links, logger });
  registerCommandHandlers(app);

  app.error(async (context, error) => {
    const reference = randomUUID();
    const appError = toAppError(error);
    logger.error({ err: error, reference, activityType: context.activity.type }, 'bot turn failed');
    await sendCard(context, errorCard(appError.userMessage, reference));
  });

  return app;
}
