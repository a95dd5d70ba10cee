import { createHash } from 'node:crypto';
import { AppError } from '../domain/shared/app-error';

/** How Rounds authenticates at the token endpoint (SMART Backend Services wants private_key_jwt). */
export type TokenAuthMethod = 'private_key_jwt' | 'client_secret_basic' | 'client_secret_post';
export const TOKEN_AUTH_METHODS: readonly TokenAuthMethod[] = ['private_key_jwt', 'client_secret_basic', 'client_secret_post'];

/** How a channel reaches its EHR: the FHIR base URL and the client credentials Rounds was issued. */
export interface FhirConnection {
  /** The FHIR base URL (the metadata address without `/metadata`). */
  baseUrl: string;
  clientId: string;
  /** '' with private_key_jwt: Rounds signs with its own key instead. */
  clientSecret: string;
  /** Teams tenant id, sent in the token request's scope per the interop-partner routing contract. */
  tenantId: string;
  /**
   * Unset: private_key_jwt without a secret, else the secret method the server's SMART configuration
   * prefers.
   */
  authMethod?: TokenAuthMethod | undefined;
}

/** The method a connection uses once the server's preferred secret method is known. */
export function authMethodOf(connection: FhirConnection, discovered: 'client_secret_basic' | 'client_secret_post'): TokenAuthMethod {
  return connection.authMethod ?? (connection.clientSecret === '' ? 'private_key_jwt' : discovered);
}

/** The base URL without trailing slashes, so `${base}/metadata` and cache keys are stable. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new AppError('validation', 'The FHIR base URL is not a valid web address.', { field: 'baseUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('validation', 'The FHIR base URL must start with https://.', { field: 'baseUrl' });
  }
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/**
 * A key for everything cached on behalf of a connection (tokens, summaries). It covers the secret, so a
 * channel configured with the right client id but a wrong secret never sees what another channel fetched.
 */
export function connectionKey(connection: FhirConnection): string {
  return createHash('sha256')
    .update(JSON.stringify([normalizeBaseUrl(connection.baseUrl), connection.clientId, connection.clientSecret, connection.tenantId, connection.authMethod ?? null]))
    .digest('hex');
}
