/** Calls the tab API as a page would, in dev mode (no token), and reads its event stream. */
import type { RoundsService } from '../../bot/src/rounds-service';

export function api(service: RoundsService, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export interface EventStream {
  /** Resolves with the next `count` events (parsed `data:` lines), or rejects after 10 s. */
  next(count: number): Promise<unknown[]>;
  close(): void;
}

/** The Patients tab's stream of one channel's list changes. */
export function openEventStream(service: RoundsService, channel: { teamId: string; channelId: string }): Promise<EventStream> {
  return openEventStreamAt(service, `/api/patients/events?${new URLSearchParams(channel).toString()}`);
}

/** Any of the tab API's event streams, e.g. `/api/channel-visits/events?teamId=…`. */
export async function openEventStreamAt(service: RoundsService, path: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${service.url}${path}`, { signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`event stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: unknown[] = [];
  let buffer = '';
  return {
    async next(count) {
      const deadline = Date.now() + 10_000;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} events arrived`);
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
      return events.splice(0, count);
    },
    close: () => controller.abort(),
  };
}
