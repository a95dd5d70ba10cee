/** The Patients tab: rounding lists, their live updates, a channel's EHR settings, whole-ward adds. */
import { ListService } from '../domain/lists/list-service';
import { PatientsSettingsService } from '../domain/lists/patients-settings-service';
import { JWKS_PATH } from '../http/jwks-routes';
import { registerCensusRoutes } from '../http/lists/census-routes';
import { registerListEventsRoutes } from '../http/lists/list-events-routes';
import { registerListsRoutes } from '../http/lists/lists-routes';
import { registerPatientsSettingsRoutes } from '../http/lists/patients-settings-routes';
import { ListEventsHub } from '../realtime/list-events-hub';
import { SqlListStore } from '../storage/sql-list-store';
import { warnOnFailure, type Capability } from './capability';
import type { Platform } from './platform';

export interface Lists extends Capability {
  lists: ListService;
}

export async function composeLists(platform: Platform): Promise<Lists> {
  const { db, audit, channelSettings, directories, sealer, deployment, config, logger, now } = platform;
  const hub = new ListEventsHub(db);
  await hub.start();
  const lists = new ListService({
    store: new SqlListStore(db),
    audit,
    membership: deployment.membership,
    events: hub,
    directories,
    modeOf: async (channel) => (await channelSettings.getPatients(channel)).mode,
    now,
  });
  const settings = new PatientsSettingsService({ store: channelSettings, lists, sealer, tester: directories, audit, events: hub });
  const { authenticator } = deployment;
  return {
    lists,
    registerRoutes(server) {
      registerPatientsSettingsRoutes(server, { authenticator, settings, defaultConnectionName: platform.ehrName, jwksUrl: `${config.publicUrl}${JWKS_PATH}`, logger });
      registerListsRoutes(server, { authenticator, lists, logger });
      registerCensusRoutes(server, { authenticator, lists, logger });
      registerListEventsRoutes(server, { authenticator, lists, hub, logger });
    },
    stop: () => hub.stop().catch(warnOnFailure(logger, 'listening for list events')),
  };
}
