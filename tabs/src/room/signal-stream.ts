/**
 * The room's event stream (`text/event-stream`), read with fetch because EventSource cannot send
 * the clinician's Authorization header. When it drops (network, a restarting service) it opens
 * again with backoff and `Last-Event-ID`, so the service replays what this peer missed; a call
 * already connected keeps going meanwhile (media flows between the browsers, not through Rounds).
 * A refusal (401, 403, 404, 409) ends it for good.
 */
import { roomEvents } from '../../../bot/src/contracts/room-api';
import type { RoomEvent, RoomEventName } from '../../../bot/src/contracts/room-api';
import { createSseParser } from '../shared/sse-parser';
import type { SseMessage } from '../shared/sse-parser';
import { browserTimers } from '../shared/timers';
import type { Timers } from '../shared/timers';
import { ApiError } from '../shared/api-error';
import { NETWORK_MESSAGE, refused, roomErrorOf } from './room-client';
import type { AuthHeaders, RoomFetch } from './room-client';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface SignalStreamOptions {
  url: string;
  headers: AuthHeaders;
  fetch: RoomFetch;
  onEvent(event: RoomEvent): void;
  onStatus(status: StreamStatus): void;
  /** The service refused this peer: the stream has stopped. */
  onRefused(error: ApiError): void;
  timers?: Timers;
  random?: () => number;
}

export interface SignalStream {
  stop(): void;
}

/** 0.5 s, 1 s, 2 s ... up to 10 s, each between half and all of that (many browsers reconnecting after a restart spread out). */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(10_000, 500 * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

export function parseRoomEvent(message: SseMessage): RoomEvent | null {
  if (!(message.event in roomEvents)) return null;
  const name = message.event as RoomEventName;
  let json: unknown;
  try {
    json = JSON.parse(message.data);
  } catch {
    return null;
  }
  const parsed = roomEvents[name].safeParse(json);
  return parsed.success ? ({ event: name, data: parsed.data } as RoomEvent) : null;
}

export function openSignalStream(options: SignalStreamOptions): SignalStream {
  const { timers = browserTimers, random = Math.random } = options;
  const controller = new AbortController();
  let stopped = false;
  let lastEventId: string | undefined;
  let attempt = 0;
  let retry: unknown = null;

  async function connect(): Promise<void> {
    options.onStatus(attempt === 0 && lastEventId === undefined ? 'connecting' : 'reconnecting');
    try {
      const headers = { accept: 'text/event-stream', ...(await options.headers()), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) };
      const response = await options.fetch(options.url, { method: 'GET', headers, cache: 'no-store', credentials: 'same-origin', signal: controller.signal });
      if (!response.ok) throw roomErrorOf(response.status, await response.text().catch(() => ''));
      if (!response.body) throw new ApiError({ code: 'bad_response', message: NETWORK_MESSAGE, status: response.status });
      await read(response.body.getReader());
    } catch (error) {
      if (stopped) return;
      if (refused(error)) {
        stopped = true;
        options.onRefused(error);
        return;
      }
    }
    if (stopped) return;
    options.onStatus('reconnecting');
    retry = timers.setTimeout(() => void connect(), backoffMs(attempt++, random));
  }

  async function read(reader: { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> }): Promise<void> {
    const decoder = new TextDecoder();
    const parser = createSseParser({
      onMessage(message) {
        if (stopped) return;
        if (message.lastEventId !== undefined) lastEventId = message.lastEventId;
        const event = parseRoomEvent(message);
        if (!event) return;
        if (event.event === 'welcome') {
          attempt = 0;
          options.onStatus('live');
        }
        options.onEvent(event);
      },
    });
    for (;;) {
      const { done, value } = await reader.read();
      if (done || stopped) break;
      if (value) parser.push(decoder.decode(value, { stream: true }));
    }
    parser.end();
    if (stopped) await reader.cancel().catch(() => undefined);
  }

  void connect();
  return {
    stop() {
      stopped = true;
      if (retry !== null) timers.clearTimeout(retry);
      controller.abort();
    },
  };
}
