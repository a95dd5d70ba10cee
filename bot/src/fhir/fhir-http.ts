import { FhirFailure, fhirError } from './fhir-failure';
import { retryAfterMs } from '../net/retry-after';

/** One HTTP exchange with the EHR (FHIR server, token endpoint or discovery documents). */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Requests carrying a bearer token do not follow redirects: a redirect to another host would take the
   * token with it. Unauthenticated discovery requests may follow them.
   */
  followRedirects?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Reported before every attempt, so a benchmark can count what really went over the wire. */
export interface RequestEvent {
  method: string;
  url: string;
}

export interface FhirHttpOptions {
  fetch?: typeof fetch;
  /** Per attempt, covering the body too. */
  timeoutMs?: number;
  maxAttempts?: number;
  /** A longer Retry-After is not waited for: the user would give up first. */
  maxRetryAfterMs?: number;
  onRequest?: (event: RequestEvent) => void;
  /** For the jitter; injectable so tests can pin it. */
  random?: () => number;
}

export interface FhirHttp {
  /** Resolves with any status the EHR answered; rejects with AppError('unavailable') when it did not answer. */
  send(request: HttpRequest): Promise<HttpResponse>;
  readonly timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;
const BACKOFF_BASE_MS = 200;
const JITTER_MS = 100;

/** 429 and 503 are the EHR saying "later"; 502/504 are a gateway in front of it failing transiently. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** undici / OpenSSL error codes that mean the TLS handshake failed, not the network. */
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

export function createFhirHttp(options: FhirHttpOptions = {}): FhirHttp {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const random = options.random ?? Math.random;

  const backoff = (attempt: number): number => BACKOFF_BASE_MS * 2 ** (attempt - 1) + random() * JITTER_MS;

  async function send(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      options.onRequest?.({ method: request.method, url: request.url });
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: request.followRedirects ? 'follow' : 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const failure = networkFailure(error);
        // A refused or reset connection is worth another try; a timeout is not (the clinician already
        // waited the whole timeout), and a TLS failure will not heal by itself.
        if (failure.kind === 'network' && attempt < maxAttempts) {
          await sleep(backoff(attempt));
          continue;
        }
        throw fhirError('unavailable', networkMessage(failure, timeoutMs), failure);
      }
      if (RETRYABLE_STATUSES.has(response.status) && attempt < maxAttempts) {
        const retryAfter = retryAfterMs(response.headers.get('retry-after'));
        if (retryAfter === null || retryAfter <= maxRetryAfterMs) {
          await sleep((retryAfter ?? backoff(attempt)) + random() * JITTER_MS);
          continue;
        }
      }
      return { status: response.status, headers: response.headers, text };
    }
  }

  return { send, timeoutMs };
}

function networkFailure(error: unknown): FhirFailure {
  const chain = causes(error);
  if (chain.some((link) => link.name === 'TimeoutError' || link.name === 'AbortError')) return new FhirFailure('timeout', { cause: error });
  const code = chain.map((link) => link.code).find((candidate): candidate is string => typeof candidate === 'string') ?? null;
  if (code !== null && TLS_CODE.test(code)) return new FhirFailure('tls', { detail: code, cause: error });
  return new FhirFailure('network', { detail: code, cause: error });
}

/**
 * fetch wraps the socket error ("fetch failed" → cause → maybe another cause). Read by shape, not with
 * `instanceof Error`: undici's errors may come from another realm (vm contexts, test runners).
 */
function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let current: unknown = error; typeof current === 'object' && current !== null && chain.length < 5; ) {
    const link: ErrorLike = current;
    chain.push(link);
    current = link.cause;
  }
  return chain;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
}

function networkMessage(failure: FhirFailure, timeoutMs: number): string {
  switch (failure.kind) {
    case 'timeout':
      return `The EHR did not answer within ${seconds(timeoutMs)}. Try again later.`;
    case 'tls':
      return 'Rounds cannot reach the EHR securely: its TLS certificate is not trusted.';
    default:
      return 'Rounds cannot reach the EHR. Check the FHIR base URL and the network, then try again.';
  }
}

export function seconds(ms: number): string {
  const whole = Math.max(1, Math.ceil(ms / 1000));
  return `${whole} second${whole === 1 ? '' : 's'}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
