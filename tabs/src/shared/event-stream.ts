/**
 * Follows one of the tab API's event streams (a channel's lists, a team's visits) so colleagues'
 * changes appear without a reload: opens the stream, parses it, and reconnects with growing delays
 * whenever it drops.
 */
import type { z } from 'zod/v4';
import type { ApiClient, Query } from './api-client';
import { createSseParser } from './sse-parser';

/** Waits between attempts; the last one repeats. A restarting server is not hammered by every open tab. */
export const RECONNECT_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface EventStreamOptions<S extends z.ZodType> {
  api: ApiClient;
  path: string;
  query: Query;
  /** Events this page knows; any other data line is skipped. */
  schema: S;
  /** Says whose stream failed, in the console. */
  label: string;
  /** Aborting stops listening for good (the page unmounted, or moved to another channel). */
  signal: AbortSignal;
  onEvent: (event: z.output<S>) => void;
  /** After a reconnection: events may have been missed while the stream was down, so refetch. */
  onReconnect: () => void;
  /** Injected by tests; waits `ms` or until `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Resolves only once `signal` aborts; never rejects. */
export async function watchEvents<S extends z.ZodType>(options: EventStreamOptions<S>): Promise<void> {
  const { api, path, query, schema, label, signal, onEvent, onReconnect, sleep = abortableSleep } = options;
  let failures = 0;
  let connectedBefore = false;
  let serverRetryMs: number | undefined;
  while (!signal.aborted) {
    try {
      const reader = await api.openStream(path, query, signal);
      if (connectedBefore) onReconnect();
      connectedBefore = true;
      failures = 0;
      await pump(reader, signal, {
        onMessage: ({ data }) => {
          const event = parseEvent(schema, data);
          if (event !== undefined) onEvent(event);
        },
        onRetry: (ms) => {
          serverRetryMs = ms;
        },
      });
    } catch (error) {
      // A dropped or refused stream is expected here (server restart, network change, expired token):
      // it is retried below. Keep a trace for whoever debugs a tab that never updates.
      if (!signal.aborted) console.warn(`${label} live updates: stream failed, reconnecting`, error);
    }
    if (signal.aborted) return;
    const delay = Math.max(serverRetryMs ?? 0, RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)] ?? 1_000);
    failures += 1;
    await sleep(delay, signal);
  }
}

async function pump(reader: Awaited<ReturnType<ApiClient['openStream']>>, signal: AbortSignal, handlers: Parameters<typeof createSseParser>[0]): Promise<void> {
  const decoder = new TextDecoder();
  const parser = createSseParser(handlers);
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      if (value) parser.push(decoder.decode(value, { stream: true }));
    }
    parser.end();
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** A data line that is not one of our events (a newer server's kind, garbage) is skipped, not fatal. */
function parseEvent<S extends z.ZodType>(schema: S, data: string): z.output<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: nothing we can act on; the next event or reconnection refetches anyway.
    return undefined;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
