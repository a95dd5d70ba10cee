/**
 * The room's signalling API (bot/src/contracts/room-api.ts), same origin. The patient's link token
 * rides in `X-Room-Patient`, a clinician's Teams SSO token in `Authorization` (none in dev mode).
 * Signals go out one at a time, in the order they were made: an ICE candidate must not overtake
 * the offer it belongs to. Every failure becomes an ApiError whose message is safe to show.
 */
import type { CallSample } from './call-stats';
import { roomConfig } from '../../../bot/src/contracts/room-api';
import type { RoomConfig, SignalInput } from '../../../bot/src/contracts/room-api';
import { ApiError, errorFromAnswer, parseJson } from '../shared/api-error';

/** The service said no (not admitted, not this visit's clinician, no such room): trying again will not help. */
export const refused = (error: unknown): error is ApiError => error instanceof ApiError && [401, 403, 404, 409].includes(error.status ?? 0);

export const NETWORK_MESSAGE = 'We could not reach Rounds. Check your internet connection; this page keeps trying.';
const BAD_ANSWER = 'Rounds sent an answer this page does not understand. Reload the page.';

export type AuthHeaders = () => Promise<Record<string, string>>;

/** The parts of `fetch` used here, so tests can answer with plain objects. */
export interface RoomRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  cache: 'no-store';
  credentials: 'same-origin';
  keepalive?: boolean;
  signal?: AbortSignal;
}
export interface RoomResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
  readonly body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } } | null;
}
export type RoomFetch = (url: string, init: RoomRequest) => Promise<RoomResponse>;

export interface RoomClient {
  config(): Promise<RoomConfig>;
  /**
   * Queued behind earlier signals; rejects with an ApiError. Once `until` is aborted (the page left the
   * room, where a signal would only be refused) the one on its way is cancelled and the rest not sent.
   */
  signal(input: SignalInput, until?: AbortSignal): Promise<void>;
  /** "I am leaving": survives the page being closed (keepalive), never throws. */
  leave(peerId: string): void;
  /** A clinician ends the visit for everyone; rejects with an ApiError. */
  endVisit(): Promise<void>;
  /** The call's quality samples, as the page leaves: survives the page being closed (keepalive), never throws. */
  reportQuality(samples: readonly CallSample[]): void;
  /** For the event stream: the address and the headers every request carries. */
  eventsUrl(peerId: string): string;
  headers: AuthHeaders;
  fetch: RoomFetch;
}

export function createRoomClient(roomId: string, headers: AuthHeaders, fetchFn: RoomFetch): RoomClient {
  const base = `/api/rooms/${encodeURIComponent(roomId)}`;
  let queue: Promise<unknown> = Promise.resolve();

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, keepalive = false, until?: AbortSignal): Promise<string> {
    const init: RoomRequest = {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(await headers()) },
      cache: 'no-store',
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(keepalive ? { keepalive } : {}),
      ...(until ? { signal: until } : {}),
    };
    let response: RoomResponse;
    let text: string;
    try {
      response = await fetchFn(`${base}${path}`, init);
      text = await response.text();
    } catch (cause) {
      throw new ApiError({ code: 'network', message: NETWORK_MESSAGE, cause });
    }
    if (!response.ok) throw roomErrorOf(response.status, text);
    return text;
  }

  return {
    headers,
    fetch: fetchFn,
    eventsUrl: (peerId) => `${base}/events?peer=${encodeURIComponent(peerId)}`,
    async config() {
      const parsed = roomConfig.safeParse(parseJson(await call('GET', '/config')));
      if (!parsed.success) throw new ApiError({ code: 'bad_response', message: BAD_ANSWER });
      return parsed.data;
    },
    signal(input, until) {
      const sent = queue.then(() => (until?.aborted ? undefined : call('POST', '/signal', input, false, until)));
      queue = sent.catch(() => undefined);
      return sent.then(() => undefined);
    },
    leave(peerId) {
      call('POST', '/signal', { type: 'bye', from: peerId }, true).catch((error: unknown) => console.warn('leaving the room was not confirmed', error));
    },
    async endVisit() {
      await call('POST', '/end', {});
    },
    reportQuality(samples) {
      call('POST', '/quality', { samples }, true).catch((error: unknown) => console.warn('the call quality was not recorded', error));
    },
  };
}

/** An error answer as an ApiError; a proxy's page (not our JSON) gets a plain message. */
export function roomErrorOf(status: number, text: string): ApiError {
  return errorFromAnswer(status, text, (code) =>
    code === 404 ? { code: 'not_found', message: 'This video room is not available.' } : { code: code >= 500 ? 'unavailable' : 'http', message: NETWORK_MESSAGE },
  );
}
