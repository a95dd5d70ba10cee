import type { Logger } from 'pino';
import type { Server } from 'restify';
import { connectionTestInput, patientsConfigInput, patientsConfigQuery, type ConnectionTestResult, type PatientsConfig } from '../../contracts/api';
import type { PatientsSettings } from '../../domain/lists/channel-settings';
import type { PatientsSettingsService } from '../../domain/lists/patients-settings-service';
import type { Authenticator, Identity } from '../auth/identity';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';

interface Deps {
  authenticator: Authenticator;
  settings: PatientsSettingsService;
  defaultConnectionName: string;
  /** Where Rounds publishes its public keys (PUBLIC_URL + /.well-known/jwks.json). */
  jwksUrl: string;
  logger: Logger;
}

const channelOf = (identity: Identity, input: { teamId: string; channelId: string }) => ({ tenantId: identity.tenantId, teamId: input.teamId, channelId: input.channelId });

/** The Patients tab's configuration page API. Secrets go in, never out. */
export function registerPatientsSettingsRoutes(server: Server, { authenticator, settings, defaultConnectionName, jwksUrl, logger }: Deps): void {
  const view = (saved: PatientsSettings): PatientsConfig => ({
    teamId: saved.teamId,
    channelId: saved.channelId,
    mode: saved.mode,
    connection: saved.connection
      ? {
          name: saved.connection.name,
          baseUrl: saved.connection.baseUrl,
          clientId: saved.connection.clientId,
          hasSecret: saved.connection.sealedSecret !== null,
          authMethod: saved.connection.authMethod,
        }
      : null,
    defaultConnectionName,
    jwksUrl,
    updatedAt: saved.updatedAt?.toISOString() ?? null,
    updatedBy: saved.updatedBy,
  });

  server.get(
    '/api/patients/config',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const query = parseInput(patientsConfigQuery, req.query);
      res.json(view(await settings.get(identity, channelOf(identity, query))));
    }),
  );

  server.put(
    '/api/patients/config',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const input = parseInput(patientsConfigInput, req.body);
      res.json(view(await settings.set(identity, channelOf(identity, input), { mode: input.mode, connection: input.connection ?? null })));
    }),
  );

  server.post(
    '/api/patients/config/test',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const input = parseInput(connectionTestInput, req.body);
      const result: ConnectionTestResult = await settings.test(identity, channelOf(identity, input), input.connection);
      res.json(result);
    }),
  );
}
