/**
 * A fake Rounds API for jsdom tests: answers only the requests a test declares and records every
 * request, so a test can check exactly what a page sent. Anything undeclared fails loudly.
 */
import type { ByteReader, FetchLike, HttpRequest, HttpResponse } from '../shared/api-client';
import type { ClientConfig } from '../../../bot/src/contracts/api';

export interface FakeRoute {
  method: HttpRequest['method'];
  /** Path with its query string, e.g. `/api/patients/config?teamId=t1&channelId=c1`. */
  url: string;
  status?: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, for bodies that are not JSON (a gateway's HTML page, a CSV export). */
  text?: string;
  /** Answers with this stream's body (server-sent events) instead of `json`/`text`. */
  stream?: FakeStream;
  /**
   * Answers one request only, then steps aside: a later route with the same URL answers the next
   * ones. That is how a test says "the list before the POST, the list after it".
   */
  once?: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeApi {
  fetch: FetchLike;
  requests: RecordedRequest[];
  /** `METHOD url` of every request no route matched. */
  unexpected: string[];
}

export const devClientConfig: ClientConfig = { devMode: true, appId: null, version: '0.1.0-test' };

export function fakeApi(routes: FakeRoute[]): FakeApi {
  const requests: RecordedRequest[] = [];
  const unexpected: string[] = [];
  const used = new Set<FakeRoute>();
  const fetch: FetchLike = (url, init) => {
    requests.push({ method: init.method, url, headers: { ...init.headers }, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    const route = routes.find((r) => r.method === init.method && r.url === url && !used.has(r));
    if (!route) {
      unexpected.push(`${init.method} ${url}`);
      return Promise.reject(new Error(`fake API: unexpected ${init.method} ${url}`));
    }
    if (route.once) used.add(route);
    return Promise.resolve(responseFor(route, init.signal));
  };
  return { fetch, requests, unexpected };
}

function responseFor(route: FakeRoute, signal: AbortSignal | undefined): HttpResponse {
  const status = route.status ?? 200;
  const text = route.text ?? (route.json === undefined ? '' : JSON.stringify(route.json));
  const stream = route.stream;
  return {
    ok: status >= 200 && status < 300,
    status,
    text: () => Promise.resolve(text),
    body: stream ? { getReader: () => stream.open(signal) } : null,
  };
}

/**
 * The body of a streamed answer that a test writes to as it goes (`push`), and ends (`end`) to
 * simulate a dropped connection. Every request gets its own reader over what is pushed afterwards.
 */
export interface FakeStream {
  push(text: string): void;
  end(): void;
  open(signal: AbortSignal | undefined): ByteReader;
  /** How many readers are open (not ended, not aborted). */
  readonly openCount: number;
}

type ReadResult = { done: boolean; value?: Uint8Array };
interface OpenReader {
  chunks: Uint8Array[];
  /** A pending `read()`, answered by the next push or the end. */
  waiting?: (result: ReadResult) => void;
  done: boolean;
}

export function fakeStream(): FakeStream {
  const readers = new Set<OpenReader>();
  const encoder = new TextEncoder();
  const deliver = (reader: OpenReader) => {
    if (!reader.waiting) return;
    const chunk = reader.chunks.shift();
    if (chunk) {
      const waiting = reader.waiting;
      reader.waiting = undefined;
      waiting({ done: false, value: chunk });
    } else if (reader.done) {
      const waiting = reader.waiting;
      reader.waiting = undefined;
      waiting({ done: true });
    }
  };
  return {
    push(text) {
      for (const reader of readers) {
        reader.chunks.push(encoder.encode(text));
        deliver(reader);
      }
    },
    end() {
      for (const reader of readers) {
        reader.done = true;
        deliver(reader);
        readers.delete(reader);
      }
    },
    open(signal) {
      const reader: OpenReader = { chunks: [], done: false };
      readers.add(reader);
      const close = () => {
        reader.done = true;
        readers.delete(reader);
        deliver(reader);
      };
      signal?.addEventListener('abort', close);
      return {
        read: () =>
          new Promise<ReadResult>((resolve) => {
            reader.waiting = resolve;
            deliver(reader);
          }),
        cancel: () => {
          close();
          return Promise.resolve();
        },
      };
    },
    get openCount() {
      return readers.size;
    },
  };
}

/**
 * For tests that go through TabRoot, which uses the browser's fetch: routes it to `api`.
 * Restore with `jest.restoreAllMocks()`.
 */
export function routeGlobalFetch(api: FakeApi): void {
  // The casts only narrow: the app sends HttpRequest-shaped inits and reads HttpResponse fields.
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => api.fetch(typeof input === 'string' ? input : 'url' in input ? input.url : input.href, init as HttpRequest) as Promise<Response>);
}
