/**
 * A fake Rounds API for jsdom tests: answers only the requests a test declares and records every
 * request, so a test can check exactly what a page sent. Anything undeclared fails loudly.
 */
import type { FetchLike, HttpRequest, HttpResponse } from '../shared/api-client';
import type { ClientConfig } from '../../../bot/src/contracts/api';

export interface FakeRoute {
  method: HttpRequest['method'];
  /** Path with its query string, e.g. `/api/patients/config?teamId=t1&channelId=c1`. */
  url: string;
  status?: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, for bodies that are not JSON (a gateway's HTML page). */
  text?: string;
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
  const fetch: FetchLike = (url, init) => {
    requests.push({ method: init.method, url, headers: { ...init.headers }, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    const route = routes.find((r) => r.method === init.method && r.url === url);
    if (!route) {
      unexpected.push(`${init.method} ${url}`);
      return Promise.reject(new Error(`fake API: unexpected ${init.method} ${url}`));
    }
    return Promise.resolve(responseFor(route));
  };
  return { fetch, requests, unexpected };
}

function responseFor(route: FakeRoute): HttpResponse {
  const status = route.status ?? 200;
  const text = route.text ?? (route.json === undefined ? '' : JSON.stringify(route.json));
  return { ok: status >= 200 && status < 300, status, text: () => Promise.resolve(text) };
}

/**
 * For tests that go through TabRoot, which uses the browser's fetch: routes it to `api`.
 * Restore with `jest.restoreAllMocks()`.
 */
export function routeGlobalFetch(api: FakeApi): void {
  // The casts only narrow: the app sends HttpRequest-shaped inits and reads HttpResponse fields.
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => api.fetch(typeof input === 'string' ? input : 'url' in input ? input.url : input.href, init as HttpRequest) as Promise<Response>);
}
