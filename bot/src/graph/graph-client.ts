/**
 * Microsoft Graph as the app itself (client credentials): a bearer token on every call, one fresh token
 * when Graph refuses the cached one, and Graph's refusals read into a GraphFailure. Shared by the
 * meetings and installs adapters.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { GraphFailure } from './graph-failure';
import { createGraphHttp, type GraphHttpOptions, type GraphRequest, type GraphResponse, parseJson } from './graph-http';
import { createGraphTokenClient, type GraphCredentials } from './graph-token-client';

export interface GraphClientDeps {
  fetch?: typeof fetch;
  /** Injectable so tests do not wait out Retry-After. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for the token cache. */
  now?: () => number;
  /** Timeouts, attempts and the longest Retry-After worth waiting. */
  http?: Pick<GraphHttpOptions, 'timeoutMs' | 'maxAttempts' | 'maxRetryAfterMs' | 'random'>;
}

export interface GraphCall {
  method: GraphRequest['method'];
  url: string;
  /** Names the call in logs, e.g. "create POST". */
  operation: string;
  /** Sent as JSON. */
  body?: object;
}

export interface GraphClient {
  /** Graph's answer, whatever its status; rejects with AppError('unavailable') when nobody answered. */
  send(call: GraphCall): Promise<GraphResponse>;
}

export function createGraphClient(credentials: GraphCredentials, deps: GraphClientDeps = {}): GraphClient {
  const http = createGraphHttp({ ...deps.http, fetch: deps.fetch, sleep: deps.sleep });
  const tokens = createGraphTokenClient(credentials, { http, now: deps.now ?? Date.now });

  const sendWith = (token: string, call: GraphCall) =>
    http.send({
      method: call.method,
      url: call.url,
      operation: call.operation,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        // Echoed back by Graph: ties our logs to Microsoft's when a support case needs it.
        'client-request-id': randomUUID(),
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });

  return {
    async send(call) {
      const token = await tokens.token();
      const response = await sendWith(token, call);
      if (response.status !== 401) return response;
      // Graph no longer takes this token (revoked, or signing keys rolled over): one fresh token, once.
      tokens.invalidate(token);
      return sendWith(await tokens.token(), call);
    },
  };
}

const graphErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z.object({ 'request-id': z.string().optional() }).optional(),
  }),
});

/**
 * Graph's `error.code` and `request-id` (header first, then the body's innerError) as a GraphFailure,
 * and its free-text message, which may only steer a decision, never reach a user or a log.
 */
export function graphFailure(operation: string, response: GraphResponse): { failure: GraphFailure; message: string } {
  const parsed = graphErrorBody.safeParse(parseJson(response.text));
  const error = parsed.success ? parsed.data.error : null;
  const failure = new GraphFailure(operation, {
    status: response.status,
    code: error?.code ?? null,
    requestId: response.headers.get('request-id') ?? error?.innerError?.['request-id'] ?? null,
  });
  return { failure, message: error?.message ?? '' };
}
