import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config';
import { ListService } from './domain/lists/list-service';
import { PatientsSettingsService } from './domain/lists/patients-settings-service';
import { ChannelDirectories } from './ehr/channel-directories';
import { createFhirPatientDirectory } from './fhir/fhir-patient-directory';
import { devAuthenticator } from './http/auth/dev-authenticator';
import { BUILT_IN_DEV_USER } from './dev-user';
import { createSsoAuthenticator } from './http/auth/sso-authenticator';
import { createHttpServer, routeRegistryOf } from './http/create-http-server';
import type { RouteRegistry } from './http/route-registry';
import { registerBotRoutes } from './http/routes/bot-routes';
import { registerCensusRoutes } from './http/routes/census-routes';
import { registerClinicianMessageRoutes } from './http/routes/clinician-message-routes';
import { registerHealthRoutes } from './http/routes/health-routes';
import { registerListEventsRoutes } from './http/routes/list-events-routes';
import { registerListsRoutes } from './http/routes/lists-routes';
import { JWKS_PATH, registerJwksRoutes } from './http/routes/jwks-routes';
import { registerPatientsSettingsRoutes } from './http/routes/patients-settings-routes';
import { registerStaticRoutes } from './http/routes/static-routes';
import { registerTabApiRoutes } from './http/routes/tab-api-routes';
import { ListEventsHub } from './realtime/list-events-hub';
import { startFhirSandbox } from './sandbox/start-fhir-sandbox';
import { configuredKeyring, storedKeyring } from './secrets/fhir-signing-keys';
import { createSecretBox } from './secrets/secret-box';
import { loadSecretsKey } from './secrets/secrets-key';
import type { Database } from './storage/database';
import { openDatabase } from './storage/open-database';
import { SqlAuditLog } from './storage/sql-audit-log';
import { SqlBotStorage } from './storage/sql-bot-storage';
import { SqlChannelSettingsStore } from './storage/sql-channel-settings-store';
import { SqlInstallationStore } from './storage/sql-installation-store';
import { SqlListStore } from './storage/sql-list-store';
import { SqlSigningKeyStore } from './storage/sql-signing-key-store';
import { createBotAdapter } from './teams/bot-adapter';
import { ConnectorTeamMembership, connectorRosterLookup } from './teams/connector-team-membership';
import { createBotApp } from './teams/create-bot-app';
import { conversationRunner } from './teams/conversation-runner';
import { visitCardJobHandlers } from './teams/visits/visit-card-jobs';
import { lobbyAlertJob } from './teams/visits/lobby-alert-job';
import { personalChatRunner } from './teams/personal-chat-runner';
import { version } from './version';
import { VisitService } from './domain/visits/visit-service';
import { JobRunner, type JobHandlers } from './jobs/job-runner';
import { createMeetingProvider } from './meetings/create-meeting-provider';
import { registerIntegrationVisitsRoutes } from './http/routes/integration-visits-routes';
import { registerLobbyRoutes } from './http/routes/lobby-routes';
import { registerVisitBoardRoutes } from './http/routes/visit-board-routes';
import { registerVisitStatsRoutes } from './http/routes/visit-stats-routes';
import { VisitStatsService } from './domain/visits/visit-stats';
import { SqlVisitStatsStore } from './storage/sql-visit-stats-store';
import { createLinkTokens } from './secrets/link-tokens';
import { LobbyService } from './domain/lobby/lobby-service';
import { registerLobbyApiRoutes } from './http/routes/lobby-api-routes';
import { registerLobbyActionRoutes } from './http/routes/lobby-action-routes';
import { LobbyHub } from './realtime/lobby-hub';
import { SqlLobbyStore } from './storage/sql-lobby-store';
import { SqlWebhookCursor } from './storage/sql-webhook-cursor';
import { createNotifications } from './notify/create-notifications';
import { registerOutboxRoutes } from './http/routes/outbox-routes';
import { registerSmsRoutes } from './http/routes/sms-routes';
import { registerTemplateRoutes } from './http/routes/template-routes';
import { registerPatientVisitRoutes } from './http/routes/patient-visit-routes';
import { registerVisitTypeRoutes } from './http/routes/visit-type-routes';
import { VisitTypeCatalog } from './domain/visits/visit-type-catalog';
import { SqlVisitTypeStore } from './storage/sql-visit-type-store';
import { tabAnnounceTarget } from './domain/team-settings';
import { sampleValues } from './notify/message-variables';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { SqlVisitStore } from './storage/sql-visit-store';
import { SqlOutboxStore } from './storage/sql-outbox-store';
import { SqlTeamSettingsStore } from './storage/sql-team-settings-store';
import { refreshingCards } from './notify/notify-job';
import { registerRoomRoutes } from './http/routes/room-routes';
import { RoomSignals } from './realtime/room-signals';
import { SqlRoomDirectory } from './storage/sql-room-directory';
import { MessageService } from './domain/messages/message-service';
import { OnCallRoster } from './domain/messages/on-call-roster';
import { SqlMessageStore } from './storage/sql-message-store';
import { SqlRosterStore } from './storage/sql-roster-store';
import { SqlSmsReplyStore } from './storage/sql-sms-reply-store';
import { messageJobHandlers } from './teams/messages/message-jobs';
import { createBotInstaller } from './installs/graph-bot-installer';
import { registerPeopleRoutes } from './http/routes/people-routes';
import { registerRosterRoutes } from './http/routes/roster-routes';
import { ConnectorPeopleDirectory, connectorTeamMembers } from './teams/people/connector-people-directory';

export interface RoundsService {
  /** Base URL the service listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  db: Database;
  /** The local FHIR sandbox's base URL when no EHR is configured. */
  sandboxUrl: string | null;
  /** Every route the service answers, with its auth kind (the security tests are driven from it). */
  routes: RouteRegistry;
  /** Finishes the job pass in flight and runs every job due now (tests use it instead of waiting for the next pass). */
  runDueJobs(): Promise<number>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The service's clock: tests move it to make reminders come due. */
  now?: () => Date;
}

/**
 * The organisation's default EHR: the configured one, or a local sandbox behind the same SMART auth a
 * hospital uses: private_key_jwt, checked against Rounds' JWKS URL (registered once Rounds listens).
 */
async function organisationEhr(config: Config, logger: Logger) {
  if (config.fhir) return { connection: config.fhir, close: async () => undefined, sandboxUrl: null, registerJwksUrl: () => undefined };
  // The sandbox still takes a secret (tests use it); Rounds itself signs.
  const sandbox = await startFhirSandbox({ clientId: 'rounds-local', clientSecret: randomBytes(24).toString('base64url') });
  logger.info({ fhirBaseUrl: sandbox.baseUrl }, 'no EHR configured: local FHIR sandbox started');
  return {
    connection: {
      name: 'Local FHIR sandbox (synthetic patients)',
      baseUrl: sandbox.baseUrl,
      clientId: 'rounds-local',
      clientSecret: '',
      authMethod: 'private_key_jwt' as const,
    },
    close: () => sandbox.close(),
    sandboxUrl: sandbox.baseUrl,
    registerJwksUrl: (url: string) => sandbox.setJwksUrl(url),
  };
}

/** Builds adapters, stores and edges from the configuration and starts listening. */
export async function startRounds(config: Config, logger: Logger, options: StartOptions = {}): Promise<RoundsService> {
  const now = options.now ?? (() => new Date());
  // The embedded database and the sandbox each take a few seconds to start: start them together.
  const [db, ehr] = await Promise.all([openDatabase(config.database, (error) => logger.error({ err: error }, 'idle database connection failed'), { timeoutMs: config.databaseConnectTimeoutMs, logger }), organisationEhr(config, logger)]);
  const installations = new SqlInstallationStore(db);
  const channelSettings = new SqlChannelSettingsStore(db);
  const audit = new SqlAuditLog(db);
  const hub = new ListEventsHub(db);
  await hub.start();

  const secrets = await loadSecretsKey(config.secretsKey, config.dataDir);
  if (secrets.generated && (config.bot || config.database.kind === 'postgres')) {
    logger.warn('SECRETS_KEY is not set: EHR secrets and patient links use a key kept in DATA_DIR; set SECRETS_KEY from a vault, the same on every instance');
  }
  const sealer = createSecretBox(secrets.key);
  const keyring = config.fhirPrivateKey ? await configuredKeyring(config.fhirPrivateKey) : storedKeyring({ store: new SqlSigningKeyStore(db), sealer, now: Date.now });

  const directories = new ChannelDirectories({
    settings: channelSettings,
    sealer,
    organisationDefault: ehr.connection,
    open: (connection) => createFhirPatientDirectory(connection, { keyring }),
  });

  const adapter = createBotAdapter(config.bot);
  const devUser = config.devUser ?? BUILT_IN_DEV_USER;
  const authenticator = config.bot
    ? createSsoAuthenticator({ appId: config.bot.appId, publicHost: new URL(config.publicUrl).host, tenantId: config.bot.tenantId, jwksUrl: config.ssoJwksUrl })
    : devAuthenticator(devUser);
  // Dev mode has one local user and no Teams roster to ask.
  const membership = config.bot ? new ConnectorTeamMembership(connectorRosterLookup(adapter, config.bot.appId), installations) : { isMember: async () => true };

  const lists = new ListService({
    store: new SqlListStore(db),
    audit,
    membership,
    events: hub,
    directories,
    modeOf: async (channel) => (await channelSettings.getPatients(channel)).mode,
    now,
  });
  const settings = new PatientsSettingsService({ store: channelSettings, lists, sealer, tester: directories, audit, events: hub });

  const visitStore = new SqlVisitStore(db);
  const roomSignals = new RoomSignals(db, logger);
  const meetings = createMeetingProvider(config.meetings, { publicUrl: config.publicUrl, closeRoom: (roomId) => roomSignals.closeRoom(roomId) });
  const tokens = createLinkTokens(secrets.key);
  const visits = new VisitService({
    store: visitStore,
    meetings,
    tokens,
    audit,
    membership,
    settings: { reminderOffsetsMinutes: config.reminderOffsetsMinutes, publicUrl: config.publicUrl },
    now,
  });
  const visitTypes = new VisitTypeCatalog({ store: new SqlVisitTypeStore(db), audit, now });
  const teamSettings = new SqlTeamSettingsStore(db);
  const lobbyHub = new LobbyHub(db);
  await lobbyHub.start();
  const lobby = new LobbyService({
    visits: visitStore,
    audit,
    lobby: new SqlLobbyStore(db),
    events: lobbyHub,
    tokens,
    membership,
    settings: config.lobby,
    meetings,
    // Rounds sees who is in its own rooms only; a Teams meeting's visit ends at its end time.
    presence: {
      presence: async (visit, at) => (visit.meeting?.provider === 'builtin' ? roomSignals.occupancy(visit.meeting.meetingId, at) : null),
      clinicianPresent: async (visit) => visit.meeting?.provider === 'builtin' && (await roomSignals.hasPresent(visit.meeting.meetingId, 'clinician')),
    },
    // Built-in rooms let the patient in with their link; a Teams meeting is joined by its own link.
    patientMeetingUrl: (visit, token) =>
      visit.meeting?.provider === 'builtin' ? `${visit.meeting.clinicianJoinUrl}?patient=${token}` : (visit.meeting?.clinicianJoinUrl ?? ''),
    now,
  });
  const roster = new OnCallRoster({ store: new SqlRosterStore(db), now });
  const people = new ConnectorPeopleDirectory({
    installations,
    members: connectorTeamMembers(adapter, config.bot?.appId ?? '', logger),
    // Dev mode may have Rounds in no team yet: the local clinician can still be picked.
    localPeople: config.bot ? [] : [{ tenantId: devUser.tenantId, aadObjectId: devUser.id, name: devUser.name, email: devUser.email }],
    logger,
    now: () => now().getTime(),
  });
  const messages = new MessageService({ store: new SqlMessageStore(db), roster, membership, audit, settings: config.messages, now, newId: randomUUID });
  const links = { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl };
  // How jobs reach Teams outside a turn: a conversation Rounds is in, or a clinician's personal chat.
  const conversations = conversationRunner(adapter, config.bot?.appId ?? '', installations);
  const personalChats = personalChatRunner(adapter, config.bot?.appId ?? '', installations);
  // What visit cards say of how the patient was told; the dispatcher's store refreshes them as messages settle.
  const deliveries = new SqlOutboxStore(db);
  const app = createBotApp({
    adapter,
    botAppId: config.bot?.appId ?? '',
    storage: new SqlBotStorage(db),
    installations,
    visits,
    lobby,
    directories,
    teamSettings,
    visitTypes,
    deliveries,
    messages,
    roster,
    people,
    links,
    logger,
    now,
  });
  const notifications = createNotifications({
    config,
    db,
    visits: visitStore,
    patientJoinUrl: (visit) => visits.patientJoinUrl(visit),
    guestLink: (visit, guestId) => visits.guestLink(visit, guestId),
    logger,
    now,
  });
  const jobHandlers: Partial<JobHandlers> = {
    // Once the patient's messages are written, the visit's cards say how they were told.
    'visit.notify': refreshingCards(notifications.notifyJob, { visits: visitStore, now }),
    ...visitCardJobHandlers({
      store: visitStore,
      visits,
      lobby,
      deliveries,
      now,
      installations,
      conversations,
      logger,
    }),
    'lobby.alert': lobbyAlertJob({
      lobby,
      store: visitStore,
      installations,
      personalChats,
      conversations,
      now,
      logger,
    }),
    'visit.auto-end': (job) => lobby.autoEnd(job.visitId, job.reason),
    'visit.meeting-end': (job) => lobby.endMeeting(job.visitId),
    ...messageJobHandlers({
      messages,
      installations,
      personalChats,
      conversations,
      installer: createBotInstaller(config.appInstall, { logger }),
      links,
      logger,
    }),
  };
  const jobs = new JobRunner(db, jobHandlers, logger, { now });

  const server = createHttpServer(logger, { publicUrl: config.publicUrl });
  const routes = routeRegistryOf(server);
  registerHealthRoutes(server, db, version, logger, { adminApiKey: config.adminApiKey });
  registerBotRoutes(server, adapter, app, logger);
  registerTabApiRoutes(server, { authenticator, appId: config.bot?.appId ?? null, version, logger });
  registerJwksRoutes(server, keyring, logger);
  registerPatientsSettingsRoutes(server, { authenticator, settings, defaultConnectionName: ehr.connection.name, jwksUrl: `${config.publicUrl}${JWKS_PATH}`, logger });
  registerListsRoutes(server, { authenticator, lists, logger });
  registerCensusRoutes(server, { authenticator, lists, logger });
  registerListEventsRoutes(server, { authenticator, lists, hub, logger });
  registerClinicianMessageRoutes(server, { authenticator, lists, messages, logger });
  registerPatientVisitRoutes(server, {
    authenticator,
    lists,
    visits,
    types: visitTypes,
    announceIn: (tenantId, team) => tabAnnounceTarget({ settings: teamSettings, installations }, tenantId, team),
    now,
    logger,
  });
  registerVisitTypeRoutes(server, { authenticator, types: visitTypes, logger });
  registerIntegrationVisitsRoutes(server, {
    visits,
    types: visitTypes,
    apiKey: config.integrationApiKey,
    // The key belongs to this deployment, so its visits belong to the deployment's tenant.
    tenantId: config.bot?.tenantId ?? devUser.tenantId,
    directory: (tenantId) => directories.organisationDefault(tenantId),
    logger,
  });
  registerLobbyRoutes(server, { tabsDir: config.tabsDir, logger });
  registerLobbyActionRoutes(server, { authenticator, lobby, logger });
  registerLobbyApiRoutes(server, { lobby, hub: lobbyHub, settings: config.lobby, isGenuineLink: (token) => tokens.verify(token) !== null, secureCookies: config.publicUrl.startsWith('https:'), logger });
  registerVisitBoardRoutes(server, { authenticator, visits, logger });
  registerVisitStatsRoutes(server, { authenticator, stats: new VisitStatsService({ store: new SqlVisitStatsStore(db), membership, audit }), logger });
  registerRosterRoutes(server, { authenticator, roster, logger });
  registerPeopleRoutes(server, { authenticator, people, logger });
  registerRoomRoutes(server, { authenticator, lobby, rooms: new SqlRoomDirectory(db), signals: roomSignals, iceServers: config.roomIceServers, maxParticipants: config.roomMaxParticipants, tabsDir: config.tabsDir, logger });
  registerOutboxRoutes(server, { outbox: notifications.outbox, devMode: !config.bot, logger });
  registerSmsRoutes(server, { optOuts: notifications.optOuts, replies: new SqlSmsReplyStore(db), now, twilioAuthToken: notifications.twilioAuthToken, publicUrl: config.publicUrl, devMode: !config.bot, logger });
  registerTemplateRoutes(server, { authenticator, templates: notifications.templates, audit, sampleValues: sampleValues(config.publicUrl, notifications.organisationName), logger });
  registerStaticRoutes(server, config.tabsDir, logger);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  await jobs.start();
  await messages.schedulePurge();
  notifications.dispatcher.start();
  const webhooks = config.webhook ? new WebhookDispatcher(config.webhook, new SqlWebhookCursor(db), logger, { now }) : null;
  await webhooks?.start();
  const { address, port } = server.address();
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  // The local sandbox reads the keys where Rounds listens, not through PUBLIC_URL (maybe a tunnel).
  ehr.registerJwksUrl(`${url}${JWKS_PATH}`);

  return {
    url,
    db,
    sandboxUrl: ehr.sandboxUrl,
    routes,
    runDueJobs: () => jobs.drain(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (and event streams) would hold close() open.
        server.server.closeAllConnections();
      });
      // Shut down everything even when the database is already gone.
      await jobs.stop().catch((error: unknown) => logger.warn({ err: error }, 'could not stop the job runner'));
      await webhooks?.stop();
      await notifications.close();
      await lobbyHub.stop().catch((error: unknown) => logger.warn({ err: error }, 'could not stop listening for lobby events'));
      await hub.stop().catch((error: unknown) => logger.warn({ err: error }, 'could not stop listening for list events'));
      await ehr.close();
      await db.close();
    },
  };
}
