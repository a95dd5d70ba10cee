/**
 * Typed access to the Rounds API (same origin, `/api/...`). Every failure becomes an ApiError whose
 * `message` is safe to show; every success body is checked against the shared contract.
 */
import type { z } from 'zod/v4';
import { clientConfig } from '../../../bot/src/contracts/api';
import type { ClientConfig } from '../../../bot/src/contracts/api';
import { ApiError, errorFromAnswer, parseJson } from './api-error';

/** The part of a `ReadableStream` reader we use for streamed answers (server-sent events). */
export interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
/** The part of `Response` we rely on, so tests can answer with plain objects. */
export interface HttpResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
  /** Only read for streamed answers; `text()` is used for everything else. */
  readonly body?: { getReader(): ByteReader } | null;
}
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
/** The requests this client makes: a narrow `RequestInit`, so fakes can read headers without a Headers class. */
export interface HttpRequest {
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  /** Only set for streams, which live until the page stops listening. */
  signal?: AbortSignal;
}
export type FetchLike = (url: string, init: HttpRequest) => Promise<HttpResponse>;
export type Query = Record<string, string>;

export interface ApiClient {
  /** Read once at start-up: tells whether the API runs unauthenticated (dev mode). */
  readonly config: ClientConfig;
  get<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.output<S>>;
  put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  patch<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>>;
  /** For routes that answer 204 No Content (DELETE, move): resolves once the API accepted the request. */
  send(method: Exclude<HttpMethod, 'GET'>, path: string, body?: unknown): Promise<void>;
  /** A body that is not JSON (CSV export). Errors still arrive as JSON and become ApiErrors. */
  getText(path: string, query?: Query): Promise<string>;
  /**
   * A streamed answer (server-sent events) read through fetch, because EventSource cannot send the
   * Authorization header. Rejects like any call when the API refuses; the stream ends when `signal` aborts.
   */
  openStream(path: string, query: Query, signal: AbortSignal): Promise<ByteReader>;
}

export interface ApiClientOptions {
  inTeams: boolean;
  /** Teams SSO token; only asked for inside Teams when the API is not in dev mode. */
  getToken: () => Promise<string>;
  fetch?: FetchLike;
}

const MESSAGES = {
  network: 'Could not reach the Rounds service. Check your connection and try again.',
  signIn: 'Teams could not sign you in to Rounds. Reload the tab; if this keeps happening, ask your administrator.',
  invalid: 'The Rounds service sent an answer this page does not understand. Reload the page and try again.',
  unexpected: 'Something went wrong on this page. Reload it and try again.',
  http: (status: number) => `The Rounds service could not complete the request (HTTP ${status}). Try again in a moment.`,
};

/** Reads `/api/client-config` (never authenticated) and returns a client set up accordingly. */
export async function connectApi(options: ApiClientOptions): Promise<ApiClient> {
  const send: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const config = await call(send, '/api/client-config', { method: 'GET', headers: { Accept: 'application/json' } }, clientConfig);
  const signedIn = options.inTeams && !config.devMode;

  async function headers(withBody: boolean, accept = 'application/json'): Promise<Record<string, string>> {
    const result: Record<string, string> = { Accept: accept };
    if (withBody) result['Content-Type'] = 'application/json';
    if (signedIn) result['Authorization'] = `Bearer ${await tokenFrom(options.getToken)}`;
    return result;
  }

  async function withBody(method: HttpMethod, body: unknown): Promise<HttpRequest> {
    return body === undefined ? { method, headers: await headers(false) } : { method, headers: await headers(true), body: JSON.stringify(body) };
  }

  return {
    config,
    async get(path, schema, query) {
      return call(send, withQuery(path, query), { method: 'GET', headers: await headers(false) }, schema);
    },
    async put(path, body, schema) {
      return call(send, path, await withBody('PUT', body), schema);
    },
    async post(path, body, schema) {
      return call(send, path, await withBody('POST', body), schema);
    },
    async patch(path, body, schema) {
      return call(send, path, await withBody('PATCH', body), schema);
    },
    async send(method, path, body) {
      const { ok, status, text } = await exchange(send, path, await withBody(method, body));
      if (!ok) throw errorFromAnswer(status, text, httpFallback);
    },
    async getText(path, query) {
      const { ok, status, text } = await exchange(send, withQuery(path, query), { method: 'GET', headers: await headers(false, 'text/csv, application/json') });
      if (!ok) throw errorFromAnswer(status, text, httpFallback);
      return text;
    },
    async openStream(path, query, signal) {
      const init: HttpRequest = { method: 'GET', headers: await headers(false, 'text/event-stream'), signal };
      let response: HttpResponse;
      try {
        response = await send(withQuery(path, query), init);
      } catch (cause) {
        throw new ApiError({ code: 'network_error', message: MESSAGES.network, cause });
      }
      if (!response.ok) throw errorFromAnswer(response.status, await response.text().catch(() => ''), httpFallback);
      if (!response.body) throw new ApiError({ code: 'invalid_response', message: MESSAGES.invalid, status: response.status });
      return response.body.getReader();
    },
  };
}

function withQuery(path: string, query: Query | undefined): string {
  return query ? `${path}?${new URLSearchParams(query).toString()}` : path;
}

/** Anything caught in a page becomes an ApiError, so only vetted messages reach the screen. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError({ code: 'unexpected', message: MESSAGES.unexpected, cause: error });
}

async function call<S extends z.ZodType>(send: FetchLike, url: string, init: HttpRequest, schema: S): Promise<z.output<S>> {
  const { ok, status, text } = await exchange(send, url, init);
  if (!ok) throw errorFromAnswer(status, text, httpFallback);
  const parsed = schema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new ApiError({ code: 'invalid_response', message: MESSAGES.invalid, status, cause: parsed.error });
  }
  return parsed.data;
}

/** One request and its whole body; a connection lost before or during the body is a network error. */
async function exchange(send: FetchLike, url: string, init: HttpRequest): Promise<{ ok: boolean; status: number; text: string }> {
  try {
    const response = await send(url, init);
    return { ok: response.ok, status: response.status, text: await response.text() };
  } catch (cause) {
    throw new ApiError({ code: 'network_error', message: MESSAGES.network, cause });
  }
}

const httpFallback = (status: number) => ({ code: 'http_error', message: MESSAGES.http(status) });

async function tokenFrom(getToken: () => Promise<string>): Promise<string> {
  try {
    return await getToken();
  } catch (cause) {
    throw new ApiError({ code: 'sign_in_failed', message: MESSAGES.signIn, cause });
  }
}
