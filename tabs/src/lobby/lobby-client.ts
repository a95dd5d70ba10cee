/**
 * The patient's lobby API (bot/src/contracts/lobby-api.ts), same origin, no Teams and no sign-in:
 * the link token names the visit, and after the identity check an HttpOnly cookie (sent because of
 * `credentials: 'same-origin'`) and the ticket in `X-Lobby-Ticket` say it is the patient. Every
 * failure becomes an ApiError whose `message` is safe and plain enough to show to a patient.
 */
import type { z } from 'zod/v4';
import { lobbyTicket, lobbyView } from '../../../bot/src/contracts/lobby-api';
import type { DeviceCheckResult, FeedbackInput, IdentifyInput, LobbyView } from '../../../bot/src/contracts/lobby-api';
import { ApiError, errorFromAnswer } from '../shared/api-error';

/** Unknown, expired, revoked: the page then shows nothing about any visit. */
export const linkNotValid = (error: ApiError): boolean => error.status === 404;

/** The server does not know this browser as the patient (no ticket or cookie, or another device). */
export const needsIdentity = (error: ApiError): boolean => error.status === 401;

export const NETWORK_MESSAGE = 'We could not reach the clinic. Check that you are connected to the internet (Wi-Fi or mobile data).';
const UNAVAILABLE_MESSAGE = 'The clinic’s system is not answering right now. Please wait a moment: this page keeps trying.';

/** The parts of `fetch` the client uses, so tests can answer with plain objects. */
export interface LobbyRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  credentials: 'same-origin';
  cache: 'no-store';
  signal?: AbortSignal;
}
export interface LobbyResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}
export type LobbyFetch = (url: string, init: LobbyRequest) => Promise<LobbyResponse>;

export interface LobbyClient {
  /** What the page shows now; public (the token is the key). */
  view(): Promise<LobbyView>;
  /** The identity check; on success later calls carry the ticket (and the cookie the server set). */
  identify(input: IdentifyInput): Promise<void>;
  deviceCheck(result: DeviceCheckResult): Promise<LobbyView>;
  checkIn(): Promise<LobbyView>;
  /** A short message to the clinic from the waiting room; answers with the view (its conversation) after it. */
  message(text: string): Promise<LobbyView>;
  /** The rating of a visit that ended, once per link. */
  feedback(input: FeedbackInput): Promise<LobbyView>;
  /** One round trip, for the connection check. */
  ping(signal?: AbortSignal): Promise<void>;
  /** The Server-Sent Events stream of the view (`event: lobby`). */
  readonly eventsUrl: string;
}

const browserFetch: LobbyFetch = (url, init) => fetch(url, init);

export function createLobbyClient(token: string, fetchFn: LobbyFetch = browserFetch): LobbyClient {
  const base = `/api/lobby/${encodeURIComponent(token)}`;
  let ticket: string | null = null;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ticket) headers['x-lobby-ticket'] = ticket;
    let response: LobbyResponse;
    try {
      response = await fetchFn(`${base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      throw new ApiError({ code: 'network', message: NETWORK_MESSAGE, cause });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw new ApiError({ code: 'network', message: NETWORK_MESSAGE, status: response.status, cause });
    }
    if (!response.ok) throw errorFromAnswer(response.status, text, proxyAnswer);
    return text;
  }

  async function callForView(method: 'GET' | 'POST', path: string, body?: unknown): Promise<LobbyView> {
    return parse(await call(method, path, body), lobbyView);
  }

  return {
    eventsUrl: `${base}/events`,
    view: () => callForView('GET', ''),
    async identify(input) {
      const answer = parse(await call('POST', '/identify', input), lobbyTicket);
      ticket = answer.ticket;
    },
    deviceCheck: (result) => callForView('POST', '/device-check', result),
    checkIn: () => callForView('POST', '/check-in', {}),
    message: (text) => callForView('POST', '/message', { text }),
    feedback: (input) => callForView('POST', '/feedback', input),
    async ping(signal) {
      await call('GET', '/ping', undefined, signal);
    },
  };
}

/** A `lobby` event's data, or null when it is not a view this page understands. */
export function parseLobbyView(text: string): LobbyView | null {
  try {
    const parsed = lobbyView.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parse<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ApiError({ code: 'bad_response', message: UNAVAILABLE_MESSAGE, cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError({ code: 'bad_response', message: UNAVAILABLE_MESSAGE });
  return parsed.data;
}

/** Not our JSON: a proxy or load balancer answering while the service restarts. */
const proxyAnswer = (status: number) =>
  status === 404 ? { code: 'not_found', message: LINK_NOT_VALID } : { code: status >= 500 ? 'unavailable' : 'http', message: UNAVAILABLE_MESSAGE };

export const LINK_NOT_VALID = 'This link is not valid any more. Please use the newest message you received, or call the clinic.';
