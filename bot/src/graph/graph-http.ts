import { AppError } from '../domain/shared/app-error';
import { GraphFailure } from './graph-failure';
import { createRetryingHttp, OutboundFailure, policyWith, type OutboundResponse, type RetryPolicy } from '../net/retrying-http';

/** One HTTP exchange with Entra ID or Microsoft Graph. */
export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Names the call in logs, e.g. "createOrGet". */
  operation: string;
}

export type GraphResponse = OutboundResponse;

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

/** Graph's throttling guidance: honour Retry-After on 429 and 503; 502/504 are its gateways failing transiently. */
const GRAPH_POLICY: RetryPolicy = { timeoutMs: 15_000, maxAttempts: 4, maxRetryAfterMs: 10_000, backoffBaseMs: 500, jitterMs: 250 };

const UNREACHABLE = 'Rounds cannot reach Microsoft Graph right now. Try again in a few minutes.';
const TIMED_OUT = 'Microsoft Graph did not answer in time. Try again in a few minutes.';

export function createGraphHttp(options: GraphHttpOptions = {}): GraphHttp {
  // Every call Rounds makes is idempotent (createOrGet, PATCH, DELETE, token, catalog GET; an install
  // repeated answers 409), so a reset connection is worth another try.
  const http = createRetryingHttp(policyWith(GRAPH_POLICY, { timeoutMs: options.timeoutMs, maxAttempts: options.maxAttempts, maxRetryAfterMs: options.maxRetryAfterMs }), {
    fetch: options.fetch,
    sleep: options.sleep,
    random: options.random,
  });

  return {
    async send(request) {
      try {
        return await http.send(request);
      } catch (error) {
        if (!(error instanceof OutboundFailure)) throw error;
        throw new AppError('unavailable', error.kind === 'timeout' ? TIMED_OUT : UNREACHABLE, { cause: new GraphFailure(request.operation, { cause: error.cause }) });
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
