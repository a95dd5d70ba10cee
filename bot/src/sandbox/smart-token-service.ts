/**
 * The sandbox's OAuth 2.0 token endpoint logic: the client_credentials grant with one registered
 * confidential client, authenticated by a signed client assertion checked against the client's JWKS
 * (private_key_jwt, SMART Backend Services, as a hospital's server checks it) or by client_secret_basic
 * or client_secret_post (RFC 6749 §2.3.1), issuing opaque random bearer tokens that expire. HTTP
 * plumbing lives in the server.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export type ClientAuthMethod = 'private_key_jwt' | 'client_secret_basic' | 'client_secret_post';

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** SMART: the assertion's exp no more than five minutes in the future. */
const MAX_ASSERTION_LIFETIME_S = 300;

/** One accepted token request, kept so tests can assert what Rounds sent (it puts the tenant in scope). */
export interface TokenRequestRecord {
  clientId: string;
  /** The `scope` form value as sent, or null when absent. */
  scope: string | null;
  authMethod: ClientAuthMethod;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** The error codes of RFC 6749 §5.2 the sandbox can answer, with their HTTP status. */
export type TokenError =
  | { status: 400; error: 'invalid_request' | 'unsupported_grant_type'; error_description?: string }
  | { status: 401; error: 'invalid_client'; basic: boolean; error_description?: string };

export interface TokenServiceOptions {
  clientId: string;
  clientSecret: string;
  lifetimeSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can expire tokens without waiting. */
  now: () => number;
  /** Where the client publishes its keys (the JWKS URL registered with a hospital's EHR). */
  jwksUrl?: string | undefined;
  /** The tokenUrl is the only `aud` an assertion may carry. */
  tokenUrl: string;
  /** What is granted for a requested scope; default everything asked for. */
  grantScope?: ((requested: string) => string) | undefined;
}

/** Granted when the client asks for no scope: read access to everything, SMART v2 syntax. */
const DEFAULT_SCOPE = 'system/*.rs';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison (hashing first makes the lengths equal). */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** RFC 6749 §2.3.1 form-encodes id and secret before Basic; many clients do not, so accept both. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

interface Credentials {
  clientId: string;
  /** The secret as sent and, for Basic, form-decoded; either may match. */
  secrets: string[];
  method: ClientAuthMethod;
}

function basicCredentials(authorization: string): Credentials | null {
  const match = /^Basic\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const rawSecret = decoded.slice(colon + 1);
  return { clientId: formDecode(decoded.slice(0, colon)), secrets: [rawSecret, formDecode(rawSecret)], method: 'client_secret_basic' };
}

export class SmartTokenService {
  private readonly tokens = new Map<string, number>();
  private readonly records: TokenRequestRecord[] = [];
  /** Assertion ids seen, until their exp: a replayed assertion is refused. */
  private readonly seenJtis = new Map<string, number>();
  private keySet: JWTVerifyGetKey | null;

  constructor(private readonly options: TokenServiceOptions) {
    this.keySet = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;
  }

  get tokenRequests(): readonly TokenRequestRecord[] {
    return this.records;
  }

  /** Registers the client's JWKS URL (Rounds knows its own address only once it listens). */
  setJwksUrl(url: string): void {
    this.keySet = createRemoteJWKSet(new URL(url));
  }

  /** Handles a token request: the form body and the Authorization header, if any. */
  async issue(form: URLSearchParams, authorization: string | undefined): Promise<TokenResponse | TokenError> {
    const basic = authorization ? basicCredentials(authorization) : null;
    if (authorization && !basic) return { status: 401, error: 'invalid_client', basic: true };
    const post = form.has('client_secret')
      ? { clientId: form.get('client_id') ?? '', secrets: [form.get('client_secret') ?? ''], method: 'client_secret_post' as const }
      : null;
    const assertion = form.has('client_assertion') || form.has('client_assertion_type');
    // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
    if ([basic, post, assertion || null].filter((method) => method !== null).length > 1) return { status: 400, error: 'invalid_request' };
    let clientId: string;
    let method: ClientAuthMethod;
    if (assertion) {
      const refusal = await this.verifyAssertion(form);
      if (refusal) return { status: 401, error: 'invalid_client', basic: false, error_description: refusal };
      clientId = this.options.clientId;
      method = 'private_key_jwt';
    } else {
      const credentials = basic ?? post;
      if (!credentials || !this.authenticates(credentials)) return { status: 401, error: 'invalid_client', basic: basic !== null };
      clientId = credentials.clientId;
      method = credentials.method;
    }
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, error: 'unsupported_grant_type' };

    const scope = form.get('scope');
    this.records.push({ clientId, scope, authMethod: method });
    const accessToken = randomBytes(32).toString('base64url');
    const now = this.options.now();
    this.forgetExpired(now);
    this.tokens.set(accessToken, now + this.options.lifetimeSeconds * 1000);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.options.lifetimeSeconds,
      // The sandbox grants whatever was asked for, unless a test says otherwise.
      scope: scope?.trim() ? (this.options.grantScope?.(scope) ?? scope) : DEFAULT_SCOPE,
    };
  }

  /** Whether an `Authorization` header carries a token this service issued and that has not expired. */
  isAuthorized(authorization: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    const expiresAt = match?.[1] ? this.tokens.get(match[1]) : undefined;
    return expiresAt !== undefined && this.options.now() < expiresAt;
  }

  clearRecords(): void {
    this.records.length = 0;
  }

  /**
   * SMART Backend Services' checks of a client assertion: the assertion type, a signature by a key in
   * the client's JWKS (kid, RS384 or ES384), iss = sub = the client, aud = this token endpoint, exp at
   * most five minutes ahead, and a jti never seen before. Returns why it is refused, or null.
   */
  private async verifyAssertion(form: URLSearchParams): Promise<string | null> {
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return 'client_assertion_type must be jwt-bearer';
    const jwt = form.get('client_assertion') ?? '';
    if (!this.keySet) return 'no JWKS registered for this client';
    let header;
    try {
      header = decodeProtectedHeader(jwt);
    } catch {
      return 'client_assertion is not a JWT';
    }
    if (typeof header.kid !== 'string' || header.kid === '') return 'the assertion header has no kid';
    if (header.typ !== undefined && header.typ !== 'JWT') return 'the assertion typ must be JWT';
    const nowMs = this.options.now();
    try {
      const { payload } = await jwtVerify(jwt, this.keySet, {
        algorithms: ['RS384', 'ES384'],
        issuer: this.options.clientId,
        subject: this.options.clientId,
        audience: this.options.tokenUrl,
        currentDate: new Date(nowMs),
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
      });
      const now = Math.floor(nowMs / 1000);
      if (payload.exp! > now + MAX_ASSERTION_LIFETIME_S) return 'the assertion expires more than five minutes from now';
      // SMART: aud is the token endpoint URL itself, not a list that contains it.
      if (payload.aud !== this.options.tokenUrl) return 'the assertion aud claim is wrong';
      const jti = payload.jti!;
      for (const [seen, expiresAt] of this.seenJtis) if (expiresAt <= now) this.seenJtis.delete(seen);
      if (this.seenJtis.has(jti)) return 'the assertion jti was used before';
      this.seenJtis.set(jti, payload.exp!);
      return null;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) return 'no key in the client JWKS matches the assertion kid';
      if (error instanceof errors.JWTExpired) return 'the assertion has expired';
      if (error instanceof errors.JOSEAlgNotAllowed) return 'the assertion must be signed with RS384 or ES384';
      if (error instanceof errors.JWTClaimValidationFailed) return `the assertion ${error.claim} claim is wrong`;
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return 'the assertion could not be verified';
      throw error;
    }
  }

  private authenticates(credentials: Credentials): boolean {
    // Evaluate both comparisons so a wrong id takes as long as a wrong secret.
    const idMatches = sameSecret(credentials.clientId, this.options.clientId);
    const secretMatches = credentials.secrets.some((secret) => sameSecret(secret, this.options.clientSecret));
    return idMatches && secretMatches;
  }

  private forgetExpired(now: number): void {
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt <= now) this.tokens.delete(token);
    }
  }
}
