/**
 * The service's configuration: validated once from the environment, then passed down (never read
 * from process.env anywhere else). Every problem is reported at once, so a deployment is fixed in one go.
 */
import path from 'node:path';
import { z } from 'zod/v4';
import { parseIceServers, type IceServer } from './contracts/room-api';
import type { MessageSettings } from './domain/messages/message-types';
import { resolveDevUser, type DevUser } from './dev-user';
import { TOKEN_AUTH_METHODS, type TokenAuthMethod } from './fhir/fhir-connection';
import { privateKeyProblem } from './secrets/fhir-signing-keys';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Three minutes after sending, each later than the one before: re-alert, backup, channel. */
const escalationSteps = z
  .string()
  .regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/, 'must be three minutes after sending, comma-separated (re-alert, backup, channel), e.g. 5,10,15')
  .transform((value) => value.split(',').map((part) => Number(part.trim())) as [number, number, number])
  .refine(([realert, backup, channel]) => realert >= 1 && realert < backup && backup < channel, 'must be at least 1 and increasing, e.g. 5,10,15');

const envSchema = z
  .object({
    PORT: optional(z.coerce.number().int().min(0).max(65535)),
    HOST: optional(z.string()),
    PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
    BOT_ID: optional(z.string().regex(guid, 'must be a GUID (the Entra app id of the bot)')),
    BOT_PASSWORD: optional(z.string()),
    BOT_TENANT_ID: optional(z.string().regex(guid, 'must be a GUID (the Entra tenant id)')),
    BOT_TYPE: optional(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])),
    DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })),
    DATA_DIR: optional(z.string()),
    TABS_DIR: optional(z.string()),
    LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
    SSO_JWKS_URL: optional(z.url({ protocol: /^https?$/ })),
    FHIR_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'must be the http(s) base URL of a FHIR server' })),
    FHIR_CLIENT_ID: optional(z.string()),
    FHIR_CLIENT_SECRET: optional(z.string()),
    FHIR_CLIENT_AUTH: optional(z.enum(TOKEN_AUTH_METHODS)),
    FHIR_PRIVATE_KEY: optional(
      z
        .string()
        // Env files and secret stores often carry a PEM on one line with literal \n.
        .transform((value) => value.replace(/\\n/g, '\n').trim())
        .superRefine((pem, ctx) => {
          const problem = privateKeyProblem(pem);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    ),
    FHIR_CONNECTION_NAME: optional(z.string().max(80)),
    MEETING_PROVIDER: optional(z.enum(['builtin', 'graph'])),
    GRAPH_TENANT_ID: optional(z.string().regex(guid, 'must be a GUID (the Entra tenant id)')),
    GRAPH_CLIENT_ID: optional(z.string().regex(guid, 'must be a GUID (the Entra app id Rounds calls Microsoft Graph as)')),
    GRAPH_CLIENT_SECRET: optional(z.string()),
    GRAPH_ORGANIZER_ID: optional(z.string().regex(guid, 'must be a GUID (the Entra object id of the default meeting organizer)')),
    GRAPH_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
    GRAPH_AUTHORITY_URL: optional(z.url({ protocol: /^https?$/ })),
    TEAMS_APP_ID: optional(z.string().regex(guid, 'must be a GUID (the id in the Teams app manifest)')),
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587' })),
    SMTP_FROM: optional(z.string().min(3)),
    SMS_PROVIDER: optional(z.enum(['twilio', 'acs'])),
    TWILIO_ACCOUNT_SID: optional(z.string().regex(/^AC[0-9a-f]{32}$/i, 'must be a Twilio account SID (AC followed by 32 hex digits)')),
    TWILIO_AUTH_TOKEN: optional(z.string()),
    TWILIO_FROM: optional(z.string()),
    TWILIO_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
    ACS_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
    ACS_ACCESS_KEY: optional(z.string()),
    ACS_FROM: optional(z.string()),
    REMINDER_OFFSETS: optional(
      z.string().regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, 'must be minutes before the visit, comma-separated, e.g. 1440,15'),
    ),
    LOBBY_OPENS_BEFORE_MINUTES: optional(z.coerce.number().int().min(0).max(1440)),
    LOBBY_CLOSES_AFTER_MINUTES: optional(z.coerce.number().int().min(0).max(1440)),
    LOBBY_IDENTITY: optional(z.string().regex(/^(none|(first-name|birth-year)(,(first-name|birth-year))?)$/, "must be 'none', 'first-name', 'birth-year' or 'first-name,birth-year'")),
    LOBBY_ESCALATE_AFTER_MINUTES: optional(z.coerce.number().int().min(1).max(240)),
    LOBBY_REQUESTS_PER_MINUTE: optional(z.coerce.number().int().min(10)),
    VISIT_EMPTY_ROOM_END_MINUTES: optional(z.coerce.number().int().min(1).max(240)),
    ROOM_MAX_PARTICIPANTS: optional(z.coerce.number().int().min(2).max(16)),
    VISIT_END_GRACE_MINUTES: optional(z.coerce.number().int().min(0).max(1440)),
    MESSAGE_URGENT_ESCALATION_MINUTES: optional(escalationSteps),
    MESSAGE_STAT_ESCALATION_MINUTES: optional(escalationSteps),
    MESSAGE_RETENTION_DAYS: optional(z.coerce.number().int().min(1).max(3650)),
    ROOM_ICE_SERVERS: optional(z.string()),
    WEBHOOK_URL: optional(z.url({ protocol: /^https?$/, error: 'must be the http(s) URL that receives visit events' })),
    WEBHOOK_SECRET: optional(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)')),
    INTEGRATION_API_KEY: optional(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)')),
    DEV_USER_FILE: optional(z.string()),
    DEV_USER_ID: optional(z.string().max(100)),
    DEV_USER_NAME: optional(z.string().max(100)),
    DEV_TENANT_ID: optional(z.string().max(100)),
    DATABASE_CONNECT_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(0).max(3600)),
    ADMIN_API_KEY: optional(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)')),
    SECRETS_KEY: optional(
      z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 random bytes in base64 (openssl rand -base64 32)'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'is required when BOT_ID is set' });
    }
    if (!env.BOT_ID && (env.BOT_PASSWORD || env.BOT_TENANT_ID)) {
      ctx.addIssue({ code: 'custom', path: ['BOT_ID'], message: 'is required when BOT_PASSWORD or BOT_TENANT_ID is set' });
    }
    if (!env.BOT_ID && env.HOST && !['127.0.0.1', 'localhost', '::1'].includes(env.HOST)) {
      ctx.addIssue({ code: 'custom', path: ['HOST'], message: 'dev mode (no BOT_ID) is unauthenticated and binds to loopback only; set BOT_ID to listen elsewhere' });
    }
    if (env.FHIR_BASE_URL && !env.FHIR_CLIENT_ID) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_CLIENT_ID'], message: 'is required with FHIR_BASE_URL' });
    }
    if (env.FHIR_CLIENT_AUTH && env.FHIR_CLIENT_AUTH !== 'private_key_jwt' && !env.FHIR_CLIENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_CLIENT_SECRET'], message: `is required with FHIR_CLIENT_AUTH=${env.FHIR_CLIENT_AUTH}` });
    }
    if (env.FHIR_CLIENT_AUTH === 'private_key_jwt' && env.FHIR_CLIENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_CLIENT_SECRET'], message: 'is not used with FHIR_CLIENT_AUTH=private_key_jwt (Rounds signs with its key); remove it' });
    }
    if (!env.FHIR_BASE_URL && (env.FHIR_CLIENT_ID || env.FHIR_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_BASE_URL'], message: 'is required when FHIR_CLIENT_ID or FHIR_CLIENT_SECRET is set' });
    }
    if (env.MEETING_PROVIDER === 'graph') {
      for (const name of ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_ORGANIZER_ID'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when MEETING_PROVIDER is graph' });
      }
    }
    const ice = parseIceServers(env.ROOM_ICE_SERVERS);
    if ('problem' in ice) ctx.addIssue({ code: 'custom', path: ['ROOM_ICE_SERVERS'], message: ice.problem.replace(/^ROOM_ICE_SERVERS:?\s*/, '') });
    if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when WEBHOOK_URL is set' });
    if (env.SMTP_URL && !env.SMTP_FROM) ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'is required when SMTP_URL is set' });
    const smsNeeds = { twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'], acs: ['ACS_ENDPOINT', 'ACS_ACCESS_KEY', 'ACS_FROM'] } as const;
    for (const name of env.SMS_PROVIDER ? smsNeeds[env.SMS_PROVIDER] : []) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required when SMS_PROVIDER is ${env.SMS_PROVIDER}` });
    }
    if (env.BOT_TYPE === 'SingleTenant' && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: 'is required when BOT_TYPE is SingleTenant' });
    }
  });

export interface BotIdentity {
  appId: string;
  password: string;
  tenantId: string | undefined;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export type MeetingsConfig =
  | { kind: 'builtin' }
  | ({ kind: 'graph'; organizerId: string } & GraphAppConfig);

/** Microsoft Graph as the app: Entra tenant, app and secret, and where Graph and Entra ID live. */
export interface GraphAppConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphBaseUrl: string;
  authorityUrl: string;
}

/** Installing Rounds for a message recipient who does not have it yet (Graph teamsAppInstallation). */
export type AppInstallConfig = GraphAppConfig & {
  /** The manifest id: the org catalog's `externalId` of Rounds. */
  teamsAppId: string;
};

export type SmsConfig =
  | { kind: 'twilio'; accountSid: string; authToken: string; from: string; baseUrl: string }
  | { kind: 'acs'; endpoint: string; accessKey: string; from: string };

export interface Config {
  port: number;
  host: string;
  /** Where users reach the service; used in printed URLs and links. */
  publicUrl: string;
  /** Null in dev mode: activities and tab calls are accepted unauthenticated, on loopback only. */
  bot: BotIdentity | null;
  /** Dev mode only: who the tab pages act as (the Agents Playground's user, unless set otherwise). */
  devUser: DevUser | null;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** How long start-up keeps trying a database that does not answer yet. */
  databaseConnectTimeoutMs: number;
  dataDir: string;
  tabsDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  ssoJwksUrl: string;
  /**
   * The organisation's default EHR; null runs the local FHIR sandbox. `clientSecret` is '' with
   * private_key_jwt; `authMethod` undefined: the secret method the EHR prefers.
   */
  fhir: { name: string; baseUrl: string; clientId: string; clientSecret: string; authMethod: TokenAuthMethod | undefined } | null;
  /** FHIR_PRIVATE_KEY (PEM); null: Rounds generates its key and keeps it sealed in the database. */
  fhirPrivateKey: string | null;
  /** Key for secrets at rest; null generates one into DATA_DIR. */
  secretsKey: Buffer | null;
  meetings: MeetingsConfig;
  /** Null: Rounds cannot install itself for a clinician, who must add it before getting messages. */
  appInstall: AppInstallConfig | null;
  /** The Teams app (manifest) id, for deep links into Rounds' tabs; null in dev mode links to the pages themselves. */
  teamsAppId: string | null;
  /** Null: patient emails stay in the outbox. */
  email: { smtpUrl: string; from: string } | null;
  /** Null: patient SMS stay in the outbox. */
  sms: SmsConfig | null;
  /** Minutes before a visit when the patient is reminded. */
  reminderOffsetsMinutes: number[];
  /** Null: the integration API answers 401 to everyone. */
  integrationApiKey: string | null;
  /** Null: /healthz shows its details (version, uptime, database) to loopback callers only. */
  adminApiKey: string | null;
  /** Null: visit events are not relayed. */
  webhook: { url: string; secret: string } | null;
  /** STUN/TURN servers for the built-in video rooms; none needed on loopback or a LAN. */
  roomIceServers: IceServer[];
  /** Most browsers one built-in room holds (patient, guests and clinicians together): every browser sends to every other. */
  roomMaxParticipants: number;
  lobby: {
    opensBeforeMinutes: number;
    closesAfterMinutes: number;
    identity: { firstName: boolean; birthYear: boolean };
    escalateAfterMinutes: number;
    /** An admitted visit whose built-in room stays empty this long ends by itself. */
    emptyRoomEndMinutes: number;
    /** A visit still open this long after its end time ends by itself. */
    endGraceMinutes: number;
    /** Patient lobby requests one link may take per minute (links that are not Rounds' own are limited per address). */
    requestsPerMinute: number;
  };
  messages: MessageSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const repoRoot = path.resolve(__dirname, '..', '..');

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const port = e.PORT ?? 3978;
  const bot: BotIdentity | null = e.BOT_ID
    ? {
        appId: e.BOT_ID,
        password: e.BOT_PASSWORD ?? '',
        tenantId: e.BOT_TENANT_ID,
        type: e.BOT_TYPE ?? (e.BOT_TENANT_ID ? 'SingleTenant' : 'MultiTenant'),
      }
    : null;
  const dataDir = path.resolve(e.DATA_DIR ?? path.join(repoRoot, '.data'));
  const graph = graphAppConfig(e);
  const devUser = bot ? null : devUserOf(e);
  return {
    port,
    // Dev mode is unauthenticated, so it must never be reachable from another machine.
    host: bot ? (e.HOST ?? '0.0.0.0') : '127.0.0.1',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    bot,
    devUser,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    databaseConnectTimeoutMs: (e.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 60) * 1000,
    dataDir,
    tabsDir: path.resolve(e.TABS_DIR ?? path.join(repoRoot, 'tabs', 'dist')),
    logLevel: e.LOG_LEVEL ?? 'info',
    ssoJwksUrl: e.SSO_JWKS_URL ?? 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    fhir:
      e.FHIR_BASE_URL && e.FHIR_CLIENT_ID
        ? {
            name: e.FHIR_CONNECTION_NAME ?? new URL(e.FHIR_BASE_URL).host,
            baseUrl: e.FHIR_BASE_URL,
            clientId: e.FHIR_CLIENT_ID,
            clientSecret: e.FHIR_CLIENT_SECRET ?? '',
            // SMART Backend Services' method unless a secret says otherwise.
            authMethod: e.FHIR_CLIENT_AUTH ?? (e.FHIR_CLIENT_SECRET ? undefined : 'private_key_jwt'),
          }
        : null,
    fhirPrivateKey: e.FHIR_PRIVATE_KEY ?? null,
    secretsKey: e.SECRETS_KEY ? Buffer.from(e.SECRETS_KEY, 'base64') : null,
    meetings: meetingsConfig(e, graph),
    appInstall: graph && e.TEAMS_APP_ID ? { ...graph, teamsAppId: e.TEAMS_APP_ID } : null,
    teamsAppId: e.TEAMS_APP_ID ?? null,
    email: e.SMTP_URL && e.SMTP_FROM ? { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM } : null,
    sms: smsConfig(e),
    reminderOffsetsMinutes: (e.REMINDER_OFFSETS ?? '1440,15').split(',').map((part) => Number(part.trim())),
    integrationApiKey: e.INTEGRATION_API_KEY ?? null,
    adminApiKey: e.ADMIN_API_KEY ?? null,
    roomIceServers: (() => {
      const ice = parseIceServers(e.ROOM_ICE_SERVERS);
      return 'iceServers' in ice ? ice.iceServers : [];
    })(),
    roomMaxParticipants: e.ROOM_MAX_PARTICIPANTS ?? 8,
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET } : null,
    lobby: {
      opensBeforeMinutes: e.LOBBY_OPENS_BEFORE_MINUTES ?? 60,
      closesAfterMinutes: e.LOBBY_CLOSES_AFTER_MINUTES ?? 60,
      identity: {
        firstName: (e.LOBBY_IDENTITY ?? 'first-name,birth-year').includes('first-name'),
        birthYear: (e.LOBBY_IDENTITY ?? 'first-name,birth-year').includes('birth-year'),
      },
      escalateAfterMinutes: e.LOBBY_ESCALATE_AFTER_MINUTES ?? 5,
      emptyRoomEndMinutes: e.VISIT_EMPTY_ROOM_END_MINUTES ?? 5,
      endGraceMinutes: e.VISIT_END_GRACE_MINUTES ?? 30,
      requestsPerMinute: e.LOBBY_REQUESTS_PER_MINUTE ?? 120,
    },
    messages: {
      escalation: { urgent: e.MESSAGE_URGENT_ESCALATION_MINUTES ?? [5, 10, 15], stat: e.MESSAGE_STAT_ESCALATION_MINUTES ?? [2, 4, 6] },
      retentionDays: e.MESSAGE_RETENTION_DAYS ?? 30,
    },
  };
}

type Env = z.infer<typeof envSchema>;

/** The Agents Playground's file next to the code, unless DEV_USER_FILE names another (or `none`). */
function devUserOf(e: Env): DevUser {
  const file = e.DEV_USER_FILE === 'none' ? null : path.resolve(e.DEV_USER_FILE ?? path.join(repoRoot, '.m365agentsplayground.yml'));
  const { user, problem } = resolveDevUser({ file, id: e.DEV_USER_ID, tenantId: e.DEV_TENANT_ID, name: e.DEV_USER_NAME });
  if (problem) throw new ConfigError([`DEV_USER_FILE: ${problem}; fix it, or set DEV_USER_FILE=none`]);
  return user;
}

/** Meetings and installs call Graph as the same Entra app: null until its tenant, id and secret are all set. */
function graphAppConfig(e: Env): GraphAppConfig | null {
  if (!e.GRAPH_TENANT_ID || !e.GRAPH_CLIENT_ID || !e.GRAPH_CLIENT_SECRET) return null;
  return {
    tenantId: e.GRAPH_TENANT_ID,
    clientId: e.GRAPH_CLIENT_ID,
    clientSecret: e.GRAPH_CLIENT_SECRET,
    graphBaseUrl: (e.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0').replace(/\/$/, ''),
    authorityUrl: (e.GRAPH_AUTHORITY_URL ?? 'https://login.microsoftonline.com').replace(/\/$/, ''),
  };
}

function meetingsConfig(e: Env, graph: GraphAppConfig | null): MeetingsConfig {
  return e.MEETING_PROVIDER === 'graph' && graph && e.GRAPH_ORGANIZER_ID ? { kind: 'graph', ...graph, organizerId: e.GRAPH_ORGANIZER_ID } : { kind: 'builtin' };
}

function smsConfig(e: Env): SmsConfig | null {
  if (e.SMS_PROVIDER === 'twilio' && e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM) {
    return { kind: 'twilio', accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM, baseUrl: (e.TWILIO_BASE_URL ?? 'https://api.twilio.com').replace(/\/$/, '') };
  }
  if (e.SMS_PROVIDER === 'acs' && e.ACS_ENDPOINT && e.ACS_ACCESS_KEY && e.ACS_FROM) {
    return { kind: 'acs', endpoint: e.ACS_ENDPOINT.replace(/\/$/, ''), accessKey: e.ACS_ACCESS_KEY, from: e.ACS_FROM };
  }
  return null;
}
