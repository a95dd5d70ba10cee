import { AppError } from '../domain/app-error';
import { GraphFailure } from './graph-failure';
import { retryAfterMs } from '../net/retry-after';

/** One HTTP exchange with Entra ID or Microsoft Graph. */
export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Names the call in logs, e.g. "createOrGet". */
  operation: string;
}

export interface GraphResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface GraphHttpOptions {
  fetch?: typeof fetch;
  /** Injectable so tests do not wait out Retry-After. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per attempt, body included. */
  timeoutMs?: number;
  maxAttempts?: number;
  /** A longer Retry-After is not waited for: the clinician would give up first. */
  maxRetryAfterMs?: number;
}

export interface GraphHttp {
  /**
   * Resolves with whatever status Microsoft answered last, after retrying throttling (429) and
   * gateway trouble (502/503/504); rejects with AppError('unavailable') when nobody answered.
   */
  send(request: GraphRequest): Promise<GraphResponse>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;
const BACKOFF_BASE_MS = 500;
const JITTER_MS = 250;

/** Graph's throttling guidance: honour Retry-After on 429 and 503; 502/504 are its gateways failing transiently. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

const UNREACHABLE = 'Rounds cannot reach Microsoft Graph right now. Try again in a few minutes.';
const TIMED_OUT = 'Microsoft Graph did not answer in time. Try again in a few minutes.';

export function createGraphHttp(options: GraphHttpOptions = {}): GraphHttp {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const backoff = (attempt: number): number => BACKOFF_BASE_MS * 2 ** (attempt - 1) + random() * JITTER_MS;

  return {
    async send(request) {
      for (let attempt = 1; ; attempt++) {
        let response: Response;
        let text: string;
        try {
          response = await fetchImpl(request.url, {
            method: request.method,
            headers: request.headers,
            body: request.body,
            // A redirect would carry the bearer token or the client secret to wherever it points.
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
          });
          text = await response.text();
        } catch (error) {
          const timedOut = isTimeout(error);
          // Every call Rounds makes is idempotent (createOrGet, PATCH, DELETE, token, catalog GET; an
          // install repeated answers 409), so a reset connection is worth another try; a timeout is
          // not: the clinician already waited it out.
          if (!timedOut && attempt < maxAttempts) {
            await sleep(backoff(attempt));
            continue;
          }
          throw new AppError('unavailable', timedOut ? TIMED_OUT : UNREACHABLE, { cause: new GraphFailure(request.operation, { cause: error }) });
        }
        if (RETRYABLE_STATUSES.has(response.status) && attempt < maxAttempts) {
          const retryAfter = retryAfterMs(response.headers.get('retry-after'));
          if (retryAfter === null || retryAfter <= maxRetryAfterMs) {
            await sleep(retryAfter ?? backoff(attempt));
            continue;
          }
        }
        return { status: response.status, headers: response.headers, text };
      }
    },
  };
}

/** A body's JSON, or null when it is not JSON (an HTML error page from a proxy, say). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Read by shape, not `instanceof`: undici's errors may come from another realm. */
function isTimeout(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { name, cause } = current as { name?: unknown; cause?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    current = cause;
  }
  return false;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
