import { z } from 'zod/v4';
import { AppError } from '../domain/shared/app-error';
import { GraphFailure } from './graph-failure';
import { type GraphHttp, type GraphResponse, parseJson } from './graph-http';

export interface GraphCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com (no trailing slash). */
  authorityUrl: string;
}

export interface GraphTokenClient {
  /** An app-only Graph token valid for a while yet: the cached one, or one request shared by all callers. */
  token(): Promise<string>;
  /** Forgets `token` after Graph refused it; a newer token cached meanwhile stays. */
  invalidate(token: string): void;
}

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Refresh this much before expiry (capped at a tenth of the lifetime), so a token never lapses mid-call. */
const EARLY_REFRESH_MS = 5 * 60_000;

const tokenBody = z.object({ access_token: z.string().min(1), token_type: z.string().optional(), expires_in: z.coerce.number().positive() });
const entraError = z.object({
  error: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
  trace_id: z.string().optional(),
});

const SIGN_IN = 'Rounds could not sign in to Microsoft Graph';
const WRONG_SECRET = `${SIGN_IN}: check GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (the secret may be wrong or expired).`;
const WRONG_APP = `${SIGN_IN}: check GRAPH_CLIENT_ID and GRAPH_TENANT_ID (the app is not registered in that tenant).`;
const WRONG_TENANT = `${SIGN_IN}: check GRAPH_TENANT_ID (no such Microsoft Entra tenant).`;
const WRONG_SETTINGS = `${SIGN_IN}: check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET.`;
const ENTRA_DOWN = `${SIGN_IN}: Microsoft Entra ID is not answering right now. Try again in a few minutes.`;

/** Client-credentials flow against Entra ID's v2 endpoint, cached until shortly before expiry. */
export function createGraphTokenClient(credentials: GraphCredentials, deps: { http: GraphHttp; now: () => number }): GraphTokenClient {
  const tokenUrl = `${credentials.authorityUrl}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
  let cached: { token: string; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function requestToken(): Promise<string> {
    const issuedAt = deps.now();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: GRAPH_SCOPE,
    });
    const response = await deps.http
      .send({
        method: 'POST',
        url: tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        operation: 'token',
      })
      .catch((error: unknown) => {
        // Nobody answered: that is Entra ID (the authority) being unreachable, not Graph.
        throw error instanceof AppError ? new AppError('unavailable', ENTRA_DOWN, { cause: error.cause }) : error;
      });
    if (response.status !== 200) throw tokenError(response);
    const body = tokenBody.safeParse(parseJson(response.text));
    if (!body.success || (body.data.token_type !== undefined && body.data.token_type.toLowerCase() !== 'bearer')) {
      throw new AppError('unavailable', ENTRA_DOWN, { cause: new GraphFailure('token', { status: 200, code: 'no_bearer_token' }) });
    }
    const lifetimeMs = body.data.expires_in * 1000;
    cached = { token: body.data.access_token, refreshAt: issuedAt + lifetimeMs - Math.min(EARLY_REFRESH_MS, lifetimeMs / 10) };
    return cached.token;
  }

  return {
    token() {
      if (cached && deps.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= requestToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

/** Entra's error codes name the setting to fix; its description text never reaches a user. */
function tokenError(response: GraphResponse): AppError {
  const parsed = entraError.safeParse(parseJson(response.text));
  const body = parsed.success ? parsed.data : {};
  const codes = body.error_codes ?? [];
  const failure = new GraphFailure('token', {
    status: response.status,
    code: [body.error, ...codes.map((code) => `AADSTS${code}`)].filter(Boolean).join(' ') || null,
    requestId: body.trace_id ?? null,
  });
  if (response.status === 429 || response.status >= 500) return new AppError('unavailable', ENTRA_DOWN, { cause: failure });
  // AADSTS90002: tenant not found. AADSTS700016: app not found in the tenant.
  if (codes.includes(90002)) return new AppError('unavailable', WRONG_TENANT, { cause: failure });
  if (body.error === 'unauthorized_client' || codes.includes(700016)) return new AppError('unavailable', WRONG_APP, { cause: failure });
  if (body.error === 'invalid_client') return new AppError('unavailable', WRONG_SECRET, { cause: failure });
  return new AppError('unavailable', WRONG_SETTINGS, { cause: failure });
}
