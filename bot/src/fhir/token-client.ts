import { createHash } from 'node:crypto';
import { type FhirKeyring } from '../secrets/fhir-signing-keys';
import { CLIENT_ASSERTION_TYPE, signClientAssertion } from './client-assertion';
import { type FhirConnection, type TokenAuthMethod } from './fhir-connection';
import { readJson } from './fhir-errors';
import { FhirFailure, fhirError } from './fhir-failure';
import { type FhirHttp } from './fhir-http';
import { permittedTypes } from './scopes';
import { TtlCache } from './ttl-cache';

/** An access token and the scope the EHR granted with it (null when its response said none). */
export interface Grant {
  token: string;
  scope: string | null;
}

/** Grants by (endpoint, client, secret, scope, method), plus the one request in flight per key. */
export interface TokenStore {
  tokens: TtlCache<Grant>;
  inFlight: Map<string, Promise<Grant>>;
}

export function createTokenStore(): TokenStore {
  return { tokens: new TtlCache<Grant>(1000), inFlight: new Map() };
}

export interface TokenClient {
  /** A token valid for a while yet: the cached one, or one fresh request shared by all callers. */
  token(): Promise<string>;
  /** Which resource types the current token may search (the EHR may grant fewer scopes than asked). */
  permits(): Promise<(resourceType: string) => boolean>;
  /** Forgets `token` after the FHIR server refused it; a newer token cached meanwhile stays. */
  invalidate(token: string): void;
}

export interface TokenClientDeps {
  connection: FhirConnection;
  tokenEndpoint: string;
  authMethod: TokenAuthMethod;
  /** The `scope` to ask for (see scopes.ts). */
  scope: string;
  /** Signs private_key_jwt assertions. */
  keyring: FhirKeyring | null;
  http: FhirHttp;
  now: () => number;
  store: TokenStore;
}

/** SMART recommends 300 s; when a server omits `expires_in` we assume that rather than forever. */
const DEFAULT_LIFETIME_S = 300;

const BAD_CREDENTIALS: Record<TokenAuthMethod, string> = {
  private_key_jwt: "The EHR refused Rounds' signed client assertion (check the client id, and that the EHR has Rounds' JWKS URL registered for it).",
  client_secret_basic: "The EHR refused Rounds' credentials (check the client id and secret).",
  client_secret_post: "The EHR refused Rounds' credentials (check the client id and secret).",
};

/** OAuth 2.0 client_credentials with a shared cache and single-flight refresh. */
export function createTokenClient(deps: TokenClientDeps): TokenClient {
  const { connection, tokenEndpoint, authMethod, scope, keyring, http, now, store } = deps;
  const key = createHash('sha256')
    .update(JSON.stringify([tokenEndpoint, connection.clientId, connection.clientSecret, scope, authMethod]))
    .digest('hex');

  async function requestToken(): Promise<{ grant: Grant; refreshAt: number }> {
    const issuedAt = now();
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (authMethod === 'private_key_jwt') {
      if (!keyring) throw new Error('private_key_jwt needs a signing keyring');
      // A new assertion (new jti) for every token request: EHRs refuse a replayed one.
      const assertion = await signClientAssertion({ clientId: connection.clientId, tokenEndpoint, key: await keyring.signingKey(), now: now() });
      form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
      form.set('client_assertion', assertion);
    } else if (authMethod === 'client_secret_basic') {
      // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
      headers.authorization = `Basic ${Buffer.from(`${formEncode(connection.clientId)}:${formEncode(connection.clientSecret)}`).toString('base64')}`;
    } else {
      form.set('client_id', connection.clientId);
      form.set('client_secret', connection.clientSecret);
    }
    const response = await http.send({ method: 'POST', url: tokenEndpoint, headers, body: form.toString() });
    // invalid_client is 401, invalid_grant / unauthorized_client / invalid_scope are 400 (RFC 6749 §5.2).
    if (response.status === 400 || response.status === 401) {
      throw fhirError('unauthenticated', BAD_CREDENTIALS[authMethod], new FhirFailure('status', { status: response.status, detail: 'token' }));
    }
    const body = readJson(response) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown; scope?: unknown } | null;
    const token = body?.access_token;
    const type = body?.token_type;
    // SMART fixes token_type to "bearer" but its own example says "Bearer": compare case-insensitively.
    if (typeof token !== 'string' || token === '' || (typeof type === 'string' && type.toLowerCase() !== 'bearer')) {
      throw fhirError('unavailable', 'The EHR answered the token request without a usable bearer token.', new FhirFailure('not_fhir', { detail: 'token' }));
    }
    const seconds = Number(body?.expires_in);
    const lifetimeMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_LIFETIME_S) * 1000;
    // Refresh a little early so a token never expires between our check and the EHR's.
    const skewMs = Math.min(60_000, lifetimeMs * 0.1);
    const granted = typeof body?.scope === 'string' && body.scope.trim() !== '' ? body.scope : null;
    return { grant: { token, scope: granted }, refreshAt: issuedAt + lifetimeMs - skewMs };
  }

  function grant(): Promise<Grant> {
    const cached = store.tokens.get(key, now());
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = store.inFlight.get(key);
    if (!pending) {
      pending = requestToken()
        .then(({ grant: fresh, refreshAt }) => {
          store.tokens.set(key, fresh, refreshAt);
          return fresh;
        })
        .finally(() => store.inFlight.delete(key));
      store.inFlight.set(key, pending);
    }
    return pending;
  }

  return {
    token: async () => (await grant()).token,
    permits: async () => permittedTypes((await grant()).scope, scope),
    invalidate(token) {
      const cached = store.tokens.get(key, now());
      if (cached?.token === token) store.tokens.deleteIf(key, cached);
    },
  };
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
