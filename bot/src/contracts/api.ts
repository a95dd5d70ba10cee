/**
 * The HTTP contract between the service and the tab pages. Shared by bot/src/http (validation)
 * and tabs/ (types and request building). Pure zod: no Node or DOM imports.
 */
import { z } from 'zod/v4';

/** Every non-2xx answer of the API has this body. `message` is safe to show to a user. */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** GET /api/client-config: what a page needs to know before it signs in. No secrets. */
export const clientConfig = z.object({
  devMode: z.boolean(),
  /** Entra app id of the bot/tab (null in dev mode). */
  appId: z.string().nullable(),
  version: z.string(),
});
export type ClientConfig = z.infer<typeof clientConfig>;

/** GET /api/me: who the API thinks the caller is (from the Teams SSO token, or the dev identity). */
export const me = z.object({
  userId: z.string(),
  name: z.string(),
  tenantId: z.string(),
});
export type Me = z.infer<typeof me>;

export const patientsMode = z.enum(['ehr', 'manual'], { error: "mode must be 'ehr' or 'manual'" });
export type PatientsMode = z.infer<typeof patientsMode>;

const channelRef = {
  teamId: z.string({ error: 'teamId is required' }).trim().min(1, 'teamId is required').max(256, 'teamId is too long'),
  channelId: z.string({ error: 'channelId is required' }).trim().min(1, 'channelId is required').max(256, 'channelId is too long'),
};

/** Query of GET /api/patients/config. */
export const patientsConfigQuery = z.object(channelRef);
export type PatientsConfigQuery = z.infer<typeof patientsConfigQuery>;

/** private_key_jwt: SMART Backend Services' signed assertion; the other two send a client secret. */
export const ehrAuthMethod = z.enum(['private_key_jwt', 'client_secret_basic', 'client_secret_post'], {
  error: 'authentication must be private_key_jwt, client_secret_basic or client_secret_post',
});
export type EhrAuthMethodDto = z.infer<typeof ehrAuthMethod>;

/**
 * A channel's own EHR connection (SMART backend services, client credentials). Without one, EHR mode
 * uses the organisation's default connection (FHIR_* variables, or the local sandbox).
 * `clientSecret` may be omitted on update to keep the stored one; it is never sent back, and not used
 * with private_key_jwt. `authMethod` omitted: a secret, used the way the EHR prefers.
 */
export const ehrConnectionInput = z.object({
  name: z.string({ error: 'connection name is required' }).trim().min(1, 'connection name is required').max(80, 'connection name is too long'),
  baseUrl: z.url({ protocol: /^https?$/, error: 'FHIR base URL must be an http(s) URL' }).max(500, 'FHIR base URL is too long'),
  clientId: z.string({ error: 'client id is required' }).trim().min(1, 'client id is required').max(256, 'client id is too long'),
  clientSecret: z.string().min(1, 'client secret is required').max(1024, 'client secret is too long').optional(),
  authMethod: ehrAuthMethod.optional(),
});
export type EhrConnectionInput = z.infer<typeof ehrConnectionInput>;

/** Body of PUT /api/patients/config. */
export const patientsConfigInput = z.object({ ...channelRef, mode: patientsMode, connection: ehrConnectionInput.nullable().optional() });
export type PatientsConfigInput = z.infer<typeof patientsConfigInput>;

export const ehrConnectionView = z.object({
  name: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  /** Null: saved before the choice existed (a secret, used the way the EHR prefers). */
  authMethod: ehrAuthMethod.nullable(),
});
export type EhrConnectionView = z.infer<typeof ehrConnectionView>;

/** Answer of GET and PUT /api/patients/config; `mode` null until the channel has been configured. */
export const patientsConfig = z.object({
  teamId: z.string(),
  channelId: z.string(),
  mode: patientsMode.nullable(),
  /** The channel's own connection; null means the organisation default. */
  connection: ehrConnectionView.nullable(),
  /** What the organisation default is, for the config page ("Local FHIR sandbox", or the default's name). */
  defaultConnectionName: z.string(),
  /** Rounds' public keys, to register with the EHR for private_key_jwt. */
  jwksUrl: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type PatientsConfig = z.infer<typeof patientsConfig>;

/** Body of POST /api/patients/config/test: test a connection before saving it. */
export const connectionTestInput = z.object({ ...channelRef, connection: ehrConnectionInput.nullable() });
export type ConnectionTestInput = z.infer<typeof connectionTestInput>;

export const connectionTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), fhirVersion: z.string(), message: z.string() }),
  z.object({
    ok: z.literal(false),
    problem: z.enum(['unreachable', 'tls', 'bad_credentials', 'not_fhir', 'unsupported_version', 'search_refused']),
    message: z.string(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResult>;
