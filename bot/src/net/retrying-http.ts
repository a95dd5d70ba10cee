/**
 * The one HTTP client for the services Rounds calls (the EHR, Microsoft Graph and Entra ID, SMS
 * providers), configured per use: a timeout per attempt, retries with backoff for a refused or reset
 * connection and for throttling and gateway trouble (honouring Retry-After up to a limit), and a
 * failure that says whether nobody answered, the answer took too long, or TLS failed. Each adapter
 * turns that failure into its own words.
 */
import { retryAfterMs } from './retry-after';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Off unless asked for: a redirect to another host would take a bearer token or a client secret with
   * it. Unauthenticated discovery documents may follow them.
   */
  followRedirects?: boolean;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface RetryPolicy {
  /** Per attempt, covering the body too. */
  timeoutMs: number;
  /** 1: never retried (a POST that may already have taken effect, such as an SMS). */
  maxAttempts: number;
  /** A longer Retry-After is not waited for: the person waiting would give up first. */
  maxRetryAfterMs: number;
  backoffBaseMs: number;
  jitterMs: number;
}

export interface RetryingHttpOptions {
  fetch?: typeof fetch;
  /** Injectable so tests do not wait out backoff and Retry-After. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Before every attempt, so a benchmark can count what really went over the wire. */
  onAttempt?: (request: OutboundRequest) => void;
}

export interface RetryingHttp {
  /** Resolves with whatever status the service answered last; rejects with an OutboundFailure when it did not answer. */
  send(request: OutboundRequest): Promise<OutboundResponse>;
  readonly policy: RetryPolicy;
}

export type OutboundFailureKind = 'network' | 'timeout' | 'tls';

/** Nobody answered: refused, reset, timed out or a TLS failure. Carries no URL, only the socket's error code. */
export class OutboundFailure extends Error {
  override readonly name = 'OutboundFailure';
  constructor(
    readonly kind: OutboundFailureKind,
    /** e.g. ECONNREFUSED, CERT_HAS_EXPIRED. */
    readonly code: string | null,
    options: { cause: unknown },
  ) {
    super(`outbound request failed: ${kind}${code ? ` (${code})` : ''}`, options);
  }
}

/** `defaults` with every override that is set: an override left undefined keeps the default. */
export function policyWith(defaults: RetryPolicy, overrides: Partial<RetryPolicy>): RetryPolicy {
  const set = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(set) };
}

/** For a request that must not be repeated here (its caller retries later, within its own budget). */
export const singleAttempt = (timeoutMs: number): RetryPolicy => ({ timeoutMs, maxAttempts: 1, maxRetryAfterMs: 0, backoffBaseMs: 0, jitterMs: 0 });

/** 429 and 503 are the service saying "later"; 502/504 are a gateway in front of it failing transiently. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** undici / OpenSSL error codes that mean the TLS handshake failed, not the network. */
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

export function createRetryingHttp(policy: RetryPolicy, options: RetryingHttpOptions = {}): RetryingHttp {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, policy.maxAttempts);
  const jitter = () => random() * policy.jitterMs;
  const backoff = (attempt: number) => policy.backoffBaseMs * 2 ** (attempt - 1);

  async function send(request: OutboundRequest): Promise<OutboundResponse> {
    for (let attempt = 1; ; attempt++) {
      options.onAttempt?.(request);
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: request.followRedirects ? 'follow' : 'manual',
          signal: AbortSignal.timeout(policy.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const failure = failureOf(error);
        // A refused or reset connection is worth another try; a timeout is not (the person waiting
        // already waited it out), and a TLS failure will not heal by itself.
        if (failure.kind === 'network' && attempt < maxAttempts) {
          await sleep(backoff(attempt) + jitter());
          continue;
        }
        throw failure;
      }
      if (RETRYABLE_STATUSES.has(response.status) && attempt < maxAttempts) {
        const retryAfter = retryAfterMs(response.headers.get('retry-after'));
        if (retryAfter === null || retryAfter <= policy.maxRetryAfterMs) {
          await sleep((retryAfter ?? backoff(attempt)) + jitter());
          continue;
        }
      }
      return { status: response.status, headers: response.headers, text };
    }
  }

  return { send, policy };
}

/**
 * fetch wraps the socket error ("fetch failed" → cause → maybe another cause). Read by shape, not with
 * `instanceof`: undici's errors may come from another realm (vm contexts, test runners).
 */
function failureOf(error: unknown): OutboundFailure {
  const chain: { name?: unknown; code?: unknown; cause?: unknown }[] = [];
  for (let current: unknown = error; typeof current === 'object' && current !== null && chain.length < 5; ) {
    const link = current as { name?: unknown; code?: unknown; cause?: unknown };
    chain.push(link);
    current = link.cause;
  }
  if (chain.some((link) => link.name === 'TimeoutError' || link.name === 'AbortError')) return new OutboundFailure('timeout', null, { cause: error });
  const code = chain.map((link) => link.code).find((candidate): candidate is string => typeof candidate === 'string') ?? null;
  return new OutboundFailure(code !== null && TLS_CODE.test(code) ? 'tls' : 'network', code, { cause: error });
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
