/**
 * Keeps the waiting room's view current: the Server-Sent Events stream (`event: lobby`) while it
 * is up, and while it is down the view fetched again with backoff, so a network drop or a server
 * restart never loses the patient's place (it is on the server) nor an admission.
 *
 * EventSource reconnects by itself after a network error, but gives up for good on an HTTP error
 * (a proxy's 502 while the service restarts, a 404): then it is opened again here. `event: gone`
 * (the visit was cancelled or moved meanwhile) ends the watch, as does a 404 for the view.
 */
import type { LobbyView } from '../../../bot/src/contracts/lobby-api';
import { browserTimers } from '../shared/timers';
import type { Timers } from '../shared/timers';
import { backoffDelay } from './backoff';
import { ApiError } from '../shared/api-error';
import { linkNotValid, parseLobbyView } from './lobby-client';

/** The part of EventSource used here. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: 'lobby' | 'gone', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type OpenEventSource = (url: string) => EventSourceLike;

const OPEN = 1;
const CLOSED = 2;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface WatchOptions {
  url: string;
  open: OpenEventSource;
  refetch: () => Promise<LobbyView>;
  onView: (view: LobbyView) => void;
  onStatus: (status: LiveStatus) => void;
  /** The link stopped being valid (404): watching has stopped. */
  onGone: () => void;
  timers?: Timers;
  random?: () => number;
}

export interface LobbyWatch {
  /** Try now (the browser is back online, the page visible again). */
  nudge(): void;
  stop(): void;
}

/**
 * For a browser without EventSource (the browser check says so): a stream that fails at once, so
 * the watch falls back to reading the view again with backoff.
 */
export function noEventSource(): EventSourceLike {
  const source: EventSourceLike = {
    readyState: CLOSED,
    onopen: null,
    onerror: null,
    addEventListener: () => undefined,
    close: () => undefined,
  };
  setTimeout(() => source.onerror?.(new Event('error')), 0);
  return source;
}

export function watchLobby(options: WatchOptions): LobbyWatch {
  const { url, open, refetch, onView, onStatus, onGone, timers = browserTimers, random = Math.random } = options;
  let stopped = false;
  let source: EventSourceLike | null = null;
  let attempt = 0;
  let retry: unknown = null;
  let recovering = false;

  function connect(): void {
    source?.close();
    const next = open(url);
    source = next;
    next.onopen = () => {
      if (stopped || source !== next) return;
      attempt = 0;
      onStatus('live');
    };
    next.onerror = () => {
      if (stopped || source !== next) return;
      onStatus('reconnecting');
      schedule();
    };
    next.addEventListener('lobby', (event) => {
      if (stopped || source !== next) return;
      const view = parseLobbyView(event.data);
      if (!view) return;
      attempt = 0;
      onStatus('live');
      onView(view);
    });
    // The visit was cancelled or moved while the patient waited: the link is dead.
    next.addEventListener('gone', () => {
      if (stopped || source !== next) return;
      stop();
      onGone();
    });
  }

  function schedule(delay = backoffDelay(attempt, random)): void {
    if (stopped || retry !== null || recovering) return;
    retry = timers.setTimeout(() => {
      retry = null;
      void recover();
    }, delay);
  }

  /** Fetches the view (the stream may have missed a change), then reopens the stream if it gave up. */
  async function recover(): Promise<void> {
    if (stopped || recovering) return;
    recovering = true;
    attempt += 1;
    try {
      const view = await refetch();
      if (stopped) return;
      onView(view);
    } catch (error) {
      if (stopped) return;
      if (error instanceof ApiError && linkNotValid(error)) {
        stop();
        onGone();
        return;
      }
    } finally {
      recovering = false;
    }
    if (stopped) return;
    if (!source || source.readyState === CLOSED) connect();
    if (source?.readyState !== OPEN) schedule();
  }

  function stop(): void {
    stopped = true;
    if (retry !== null) timers.clearTimeout(retry);
    retry = null;
    source?.close();
    source = null;
  }

  onStatus('connecting');
  connect();

  return {
    nudge() {
      if (stopped || source?.readyState === OPEN) return;
      if (retry !== null) timers.clearTimeout(retry);
      retry = null;
      attempt = 0;
      void recover();
    },
    stop,
  };
}
