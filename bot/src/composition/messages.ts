/** Clinician messages about a patient: sending, acknowledging, escalating, the on-call roster, the people picker. */
import { randomUUID } from 'node:crypto';
import { MessageService } from '../domain/messages/message-service';
import { OnCallRoster } from '../domain/messages/on-call-roster';
import { registerClinicianMessageRoutes } from '../http/messages/clinician-message-routes';
import { registerPeopleRoutes } from '../http/messages/people-routes';
import { registerRosterRoutes } from '../http/messages/roster-routes';
import { createBotInstaller } from '../installs/graph-bot-installer';
import { SqlMessageStore } from '../storage/sql-message-store';
import { SqlRosterStore } from '../storage/sql-roster-store';
import { messageJobHandlers } from '../teams/messages/message-jobs';
import { ConnectorPeopleDirectory } from '../teams/people/connector-people-directory';
import type { Capability } from './capability';
import type { Lists } from './lists';
import type { Platform } from './platform';

export interface Messages extends Capability {
  messages: MessageService;
  roster: OnCallRoster;
  people: ConnectorPeopleDirectory;
}

export function composeMessages(platform: Platform, { lists }: Pick<Lists, 'lists'>): Messages {
  const { db, deployment, audit, config, logger, now, installations } = platform;
  const { authenticator } = deployment;
  const roster = new OnCallRoster({ store: new SqlRosterStore(db), now });
  const people = new ConnectorPeopleDirectory({ installations, members: deployment.teamMembers, localPeople: deployment.localPeople, logger, now: () => now().getTime() });
  const messages = new MessageService({ store: new SqlMessageStore(db), roster, membership: deployment.membership, audit, settings: config.messages, now, newId: randomUUID });
  return {
    messages,
    roster,
    people,
    jobHandlers: messageJobHandlers({
      messages,
      installations,
      personalChats: platform.personalChats,
      conversations: platform.conversations,
      installer: createBotInstaller(config.appInstall, { logger }),
      links: platform.links,
      logger,
    }),
    registerRoutes(server) {
      registerClinicianMessageRoutes(server, { authenticator, lists, messages, logger });
      registerRosterRoutes(server, { authenticator, roster, logger });
      registerPeopleRoutes(server, { authenticator, people, logger });
    },
    start: () => messages.schedulePurge(),
  };
}
