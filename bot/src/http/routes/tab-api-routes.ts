import type { Logger } from 'pino';
import type { Server } from 'restify';
import {
  patientsConfigInput,
  patientsConfigQuery,
  type ClientConfig,
  type Me,
  type PatientsConfig,
} from '../../contracts/api';
import type { ChannelSettingsStore, PatientsSettings } from '../../domain/channel-settings';
import type { Authenticator } from '../auth/identity';
import { parseInput } from '../parse-input';
import { authedRoute, route } from '../route';

interface Deps {
  authenticator: Authenticator;
  channelSettings: ChannelSettingsStore;
  appId: string | null;
  version: string;
  logger: Logger;
}

const toPatientsConfig = (settings: PatientsSettings): PatientsConfig => ({
  teamId: settings.teamId,
  channelId: settings.channelId,
  mode: settings.mode,
  updatedAt: settings.updatedAt?.toISOString() ?? null,
  updatedBy: settings.updatedBy,
});

/** The JSON API the tab pages call. The tenant always comes from the caller's token, never from input. */
export function registerTabApiRoutes(server: Server, { authenticator, channelSettings, appId, version, logger }: Deps): void {
  server.get(
    '/api/client-config',
    route(logger, async (_req, res) => {
      const body: ClientConfig = { devMode: authenticator.devMode, appId, version };
      res.json(body);
    }),
  );

  server.get(
    '/api/me',
    authedRoute(logger, authenticator, async (_req, res, identity) => {
      const body: Me = { userId: identity.userId, name: identity.name, tenantId: identity.tenantId };
      res.json(body);
    }),
  );

  server.get(
    '/api/patients/config',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const query = parseInput(patientsConfigQuery, req.query);
      res.json(toPatientsConfig(await channelSettings.getPatients({ tenantId: identity.tenantId, ...query })));
    }),
  );

  server.put(
    '/api/patients/config',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const input = parseInput(patientsConfigInput, req.body);
      const key = { tenantId: identity.tenantId, teamId: input.teamId, channelId: input.channelId };
      res.json(toPatientsConfig(await channelSettings.setPatientsMode(key, input.mode, identity.userId)));
    }),
  );
}
