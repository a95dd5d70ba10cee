import type { Logger } from 'pino';
import type { Config } from './config';
import { devAuthenticator } from './http/auth/dev-authenticator';
import { createSsoAuthenticator } from './http/auth/sso-authenticator';
import { createHttpServer } from './http/create-http-server';
import { registerBotRoutes } from './http/routes/bot-routes';
import { registerHealthRoutes } from './http/routes/health-routes';
import { registerStaticRoutes } from './http/routes/static-routes';
import { registerTabApiRoutes } from './http/routes/tab-api-routes';
import type { Database } from './storage/database';
import { openDatabase } from './storage/open-database';
import { SqlBotStorage } from './storage/sql-bot-storage';
import { SqlChannelSettingsStore } from './storage/sql-channel-settings-store';
import { SqlInstallationStore } from './storage/sql-installation-store';
import { createBotAdapter } from './teams/bot-adapter';
import { createBotApp } from './teams/create-bot-app';
import { version } from './version';

export interface RoundsService {
  /** Base URL the service listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  db: Database;
  close(): Promise<void>;
}

/** Builds adapters, stores and edges from the configuration and starts listening. */
export async function startRounds(config: Config, logger: Logger): Promise<RoundsService> {
  const db = await openDatabase(config.database, (error) => logger.error({ err: error }, 'idle database connection failed'));
  const installations = new SqlInstallationStore(db);
  const channelSettings = new SqlChannelSettingsStore(db);

  const adapter = createBotAdapter(config.bot);
  const app = createBotApp({ adapter, botAppId: config.bot?.appId ?? '', storage: new SqlBotStorage(db), installations, logger });
  const authenticator = config.bot
    ? createSsoAuthenticator({ appId: config.bot.appId, publicHost: new URL(config.publicUrl).host, tenantId: config.bot.tenantId, jwksUrl: config.ssoJwksUrl })
    : devAuthenticator;

  const server = createHttpServer(logger);
  registerHealthRoutes(server, db, version, logger);
  registerBotRoutes(server, adapter, app, logger);
  registerTabApiRoutes(server, { authenticator, channelSettings, appId: config.bot?.appId ?? null, version, logger });
  registerStaticRoutes(server, config.tabsDir, logger);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { address, port } = server.address();
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    db,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; in-flight requests still finish.
        server.server.closeIdleConnections();
      });
      await db.close();
    },
  };
}
