/**
 * What every capability stands on: the database, the organisation's EHR (or the local sandbox),
 * secrets, the stores several capabilities share, how jobs reach Teams, and the deployment's answers
 * (dev mode or Teams). Its own routes are the service's: health, the tab API's identity, keys, pages.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from '../config';
import { ChannelDirectories } from '../ehr/channel-directories';
import { createFhirPatientDirectory } from '../fhir/fhir-patient-directory';
import { registerHealthRoutes } from '../http/health-routes';
import { JWKS_PATH, registerJwksRoutes } from '../http/jwks-routes';
import { registerTabApiRoutes } from '../http/tab-api-routes';
import { startFhirSandbox } from '../sandbox/start-fhir-sandbox';
import { configuredKeyring, storedKeyring, type FhirKeyring } from '../secrets/fhir-signing-keys';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import { loadSecretsKey } from '../secrets/secrets-key';
import type { Database } from '../storage/database';
import { openDatabase } from '../storage/open-database';
import { SqlAuditLog } from '../storage/sql-audit-log';
import { SqlChannelSettingsStore } from '../storage/sql-channel-settings-store';
import { SqlInstallationStore } from '../storage/sql-installation-store';
import { SqlOutboxStore } from '../storage/sql-outbox-store';
import { SqlSigningKeyStore } from '../storage/sql-signing-key-store';
import { conversationRunner, type ConversationRunner } from '../teams/conversation-runner';
import { personalChatRunner, type PersonalChatRunner } from '../teams/personal-chat-runner';
import { version } from '../version';
import { deploymentOf, type Deployment } from './deployment';

export interface Platform {
  config: Config;
  logger: Logger;
  now: () => Date;
  db: Database;
  deployment: Deployment;
  /** The key behind sealed secrets and patient link tokens. */
  secretsKey: Buffer;
  sealer: SecretBox;
  installations: SqlInstallationStore;
  channelSettings: SqlChannelSettingsStore;
  audit: SqlAuditLog;
  /** The one outbox: notifications write it, visit cards read how the patient was told from it. */
  outbox: SqlOutboxStore;
  /** The EHR behind a channel: its own connection, or the organisation's (or the sandbox). */
  directories: ChannelDirectories;
  ehrName: string;
  /** How jobs reach Teams outside a turn: a conversation Rounds is in, or a clinician's personal chat. */
  conversations: ConversationRunner;
  personalChats: PersonalChatRunner;
  links: { teamsAppId: string | null; publicUrl: string };
  /** The local FHIR sandbox's base URL when no EHR is configured. */
  sandboxUrl: string | null;
  registerRoutes(server: Server): void;
  /** Once Rounds listens: the local sandbox reads Rounds' keys there (PUBLIC_URL may be a tunnel). */
  listening(url: string): void;
  close(): Promise<void>;
}

export async function composePlatform(config: Config, logger: Logger, now: () => Date): Promise<Platform> {
  // The embedded database and the sandbox each take a few seconds to start: start them together.
  const onIdleError = (error: unknown) => logger.error({ err: error }, 'idle database connection failed');
  const [db, ehr] = await Promise.all([openDatabase(config.database, onIdleError, { timeoutMs: config.databaseConnectTimeoutMs, logger }), organisationEhr(config, logger)]);
  const installations = new SqlInstallationStore(db);
  const channelSettings = new SqlChannelSettingsStore(db);
  const deployment = deploymentOf(config, installations, logger);

  const secrets = await loadSecretsKey(config.secretsKey, config.dataDir);
  if (secrets.generated && (!deployment.devMode || config.database.kind === 'postgres')) {
    logger.warn('SECRETS_KEY is not set: EHR secrets and patient links use a key kept in DATA_DIR; set SECRETS_KEY from a vault, the same on every instance');
  }
  const sealer = createSecretBox(secrets.key);
  const keyring: FhirKeyring = config.fhirPrivateKey ? await configuredKeyring(config.fhirPrivateKey) : storedKeyring({ store: new SqlSigningKeyStore(db), sealer, now: Date.now });
  const directories = new ChannelDirectories({
    settings: channelSettings,
    sealer,
    organisationDefault: ehr.connection,
    open: (connection) => createFhirPatientDirectory(connection, { keyring }),
  });
  const botAppId = deployment.appId ?? '';

  return {
    config,
    logger,
    now,
    db,
    deployment,
    secretsKey: secrets.key,
    sealer,
    installations,
    channelSettings,
    audit: new SqlAuditLog(db),
    outbox: new SqlOutboxStore(db),
    directories,
    ehrName: ehr.connection.name,
    conversations: conversationRunner(deployment.adapter, botAppId, installations),
    personalChats: personalChatRunner(deployment.adapter, botAppId, installations),
    links: { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl },
    sandboxUrl: ehr.sandboxUrl,
    registerRoutes(server) {
      registerHealthRoutes(server, db, version, logger, { adminApiKey: config.adminApiKey });
      registerTabApiRoutes(server, { authenticator: deployment.authenticator, appId: deployment.appId, version, logger });
      registerJwksRoutes(server, keyring, logger);
    },
    listening: (url) => ehr.registerJwksUrl(`${url}${JWKS_PATH}`),
    close: async () => {
      await ehr.close();
      await db.close();
    },
  };
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
