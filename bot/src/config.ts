/**
 * The service's configuration: validated once from the environment, then passed down (never read
 * from process.env anywhere else). Every problem is reported at once, so a deployment is fixed in one go.
 */
import path from 'node:path';
import { z } from 'zod/v4';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

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
    FHIR_CONNECTION_NAME: optional(z.string().max(80)),
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
    if (env.FHIR_BASE_URL && (!env.FHIR_CLIENT_ID || !env.FHIR_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_CLIENT_ID'], message: 'FHIR_CLIENT_ID and FHIR_CLIENT_SECRET are required with FHIR_BASE_URL' });
    }
    if (!env.FHIR_BASE_URL && (env.FHIR_CLIENT_ID || env.FHIR_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_BASE_URL'], message: 'is required when FHIR_CLIENT_ID or FHIR_CLIENT_SECRET is set' });
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

export interface Config {
  port: number;
  host: string;
  /** Where users reach the service; used in printed URLs and links. */
  publicUrl: string;
  /** Null in dev mode: activities and tab calls are accepted unauthenticated, on loopback only. */
  bot: BotIdentity | null;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  tabsDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  ssoJwksUrl: string;
  /** The organisation's default EHR; null runs the local FHIR sandbox. */
  fhir: { name: string; baseUrl: string; clientId: string; clientSecret: string } | null;
  /** Key for secrets at rest; null generates one into DATA_DIR. */
  secretsKey: Buffer | null;
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
  return {
    port,
    // Dev mode is unauthenticated, so it must never be reachable from another machine.
    host: bot ? (e.HOST ?? '0.0.0.0') : '127.0.0.1',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    bot,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    tabsDir: path.resolve(e.TABS_DIR ?? path.join(repoRoot, 'tabs', 'dist')),
    logLevel: e.LOG_LEVEL ?? 'info',
    ssoJwksUrl: e.SSO_JWKS_URL ?? 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    fhir:
      e.FHIR_BASE_URL && e.FHIR_CLIENT_ID && e.FHIR_CLIENT_SECRET
        ? { name: e.FHIR_CONNECTION_NAME ?? new URL(e.FHIR_BASE_URL).host, baseUrl: e.FHIR_BASE_URL, clientId: e.FHIR_CLIENT_ID, clientSecret: e.FHIR_CLIENT_SECRET }
        : null,
    secretsKey: e.SECRETS_KEY ? Buffer.from(e.SECRETS_KEY, 'base64') : null,
  };
}
