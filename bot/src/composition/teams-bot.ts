/** The bot in Teams: one teams-ai Application whose handlers reach every capability's services. */
import { registerBotRoutes } from '../http/bot-routes';
import { SqlBotStorage } from '../storage/sql-bot-storage';
import { createBotApp } from '../teams/create-bot-app';
import type { Capability } from './capability';
import type { Messages } from './messages';
import type { Platform } from './platform';
import type { Visits } from './visits';

export function composeTeamsBot(platform: Platform, { visits, lobby, teamSettings, visitTypes }: Pick<Visits, 'visits' | 'lobby' | 'teamSettings' | 'visitTypes'>, { messages, roster, people }: Pick<Messages, 'messages' | 'roster' | 'people'>): Capability {
  const { db, deployment, logger } = platform;
  const app = createBotApp({
    adapter: deployment.adapter,
    botAppId: deployment.appId ?? '',
    storage: new SqlBotStorage(db),
    installations: platform.installations,
    visits,
    lobby,
    directories: platform.directories,
    teamSettings,
    visitTypes,
    deliveries: platform.outbox,
    messages,
    roster,
    people,
    links: platform.links,
    logger,
    now: platform.now,
  });
  return { registerRoutes: (server) => registerBotRoutes(server, deployment.adapter, app, logger) };
}
