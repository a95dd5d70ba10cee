import { FhirFailure, fhirError } from './fhir-failure';
import { createRetryingHttp, OutboundFailure, policyWith, type OutboundRequest, type OutboundResponse, type RetryPolicy } from '../net/retrying-http';

/** One HTTP exchange with the EHR (FHIR server, token endpoint or discovery documents). */
export type HttpRequest = OutboundRequest & { method: 'GET' | 'POST'; url: string };
export type HttpResponse = OutboundResponse;

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

/** The EHR answers a clinician's screen: a short timeout, few retries. */
const FHIR_POLICY: RetryPolicy = { timeoutMs: 10_000, maxAttempts: 3, maxRetryAfterMs: 10_000, backoffBaseMs: 200, jitterMs: 100 };

export function createFhirHttp(options: FhirHttpOptions = {}): FhirHttp {
  const policy = policyWith(FHIR_POLICY, { timeoutMs: options.timeoutMs, maxAttempts: options.maxAttempts, maxRetryAfterMs: options.maxRetryAfterMs });
  const http = createRetryingHttp(policy, {
    fetch: options.fetch,
    random: options.random,
    onAttempt: (request) => options.onRequest?.({ method: request.method, url: String(request.url) }),
  });

  async function send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await http.send(request);
    } catch (error) {
      if (!(error instanceof OutboundFailure)) throw error;
      const failure = new FhirFailure(error.kind, { detail: error.code, cause: error.cause });
      throw fhirError('unavailable', networkMessage(failure, policy.timeoutMs), failure);
    }
  }

  return { send, timeoutMs: policy.timeoutMs };
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

