/**
 * The sandbox's OAuth 2.0 token endpoint logic: the client_credentials grant with one registered
 * confidential client, authenticated by client_secret_basic or client_secret_post (RFC 6749 §2.3.1),
 * issuing opaque random bearer tokens that expire. HTTP plumbing lives in the server.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

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
  | { status: 400; error: 'invalid_request' | 'unsupported_grant_type' }
  | { status: 401; error: 'invalid_client'; basic: boolean };

export interface TokenServiceOptions {
  clientId: string;
  clientSecret: string;
  lifetimeSeconds: number;
  /** Milliseconds since the epoch; injectable so tests can expire tokens without waiting. */
  now: () => number;
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

  constructor(private readonly options: TokenServiceOptions) {}

  get tokenRequests(): readonly TokenRequestRecord[] {
    return this.records;
  }

  /** Handles a token request: the form body and the Authorization header, if any. */
  issue(form: URLSearchParams, authorization: string | undefined): TokenResponse | TokenError {
    const basic = authorization ? basicCredentials(authorization) : null;
    if (authorization && !basic) return { status: 401, error: 'invalid_client', basic: true };
    const post = form.has('client_secret')
      ? { clientId: form.get('client_id') ?? '', secrets: [form.get('client_secret') ?? ''], method: 'client_secret_post' as const }
      : null;
    // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request.
    if (basic && post) return { status: 400, error: 'invalid_request' };
    const credentials = basic ?? post;
    if (!credentials || !this.authenticates(credentials)) return { status: 401, error: 'invalid_client', basic: basic !== null };
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, error: 'unsupported_grant_type' };

    const scope = form.get('scope');
    this.records.push({ clientId: credentials.clientId, scope, authMethod: credentials.method });
    const accessToken = randomBytes(32).toString('base64url');
    const now = this.options.now();
    this.forgetExpired(now);
    this.tokens.set(accessToken, now + this.options.lifetimeSeconds * 1000);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.options.lifetimeSeconds,
      // The sandbox grants whatever was asked for.
      scope: scope?.trim() ? scope : DEFAULT_SCOPE,
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
