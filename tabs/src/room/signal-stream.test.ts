import type { Timers } from '../shared/timers';
import { backoffMs, openSignalStream } from './signal-stream';
import type { StreamStatus } from './signal-stream';
import type { RoomEvent } from '../../../bot/src/contracts/room-api';
import type { RoomFetch, RoomRequest } from './room-client';

/** A streamed body the test writes to; `end()` closes it like a dropped connection. */
function streamedBody() {
  const chunks: Uint8Array[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const encoder = new TextEncoder();
  return {
    write(text: string) {
      chunks.push(encoder.encode(text));
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    reader: {
      async read(): Promise<{ done: boolean; value?: Uint8Array }> {
        for (;;) {
          const chunk = chunks.shift();
          if (chunk) return { done: false, value: chunk };
          if (ended) return { done: true };
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      cancel: async () => undefined,
    },
  };
}

const manualTimers = () => {
  const pending: { callback: () => void; ms: number }[] = [];
  const timers: Timers = {
    setTimeout: (callback, ms) => pending.push({ callback, ms }),
    clearTimeout: () => undefined,
  };
  return { pending, timers };
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const welcome = 'event: welcome\ndata: {"you":{"peerId":"me-0000000","role":"patient"},"peers":[]}\n\n';

describe('the room event stream', () => {
  it('hands out the events it understands, and skips what it does not', async () => {
    const body = streamedBody();
    const events: RoomEvent[] = [];
    const statuses: StreamStatus[] = [];
    const stream = openSignalStream({
      url: '/api/rooms/r/events?peer=me-0000000',
      headers: async () => ({}),
      fetch: async () => ({ ok: true, status: 200, text: async () => '', body: { getReader: () => body.reader } }),
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status),
      onRefused: () => undefined,
    });
    await tick();
    body.write('retry: 2000\n\n' + welcome.slice(0, 20));
    body.write(welcome.slice(20) + ': ping\n\nid: 7\nevent: peer-joined\ndata: {"peerId":"other-000","role":"clinician"}\n\n');
    body.write('id: 8\nevent: offer\ndata: {"from":"other-000"}\n\nevent: shout\ndata: {}\n\n');
    await tick();
    expect(events.map((event) => event.event)).toEqual(['welcome', 'peer-joined']);
    expect(statuses).toEqual(['connecting', 'live']);
    stream.stop();
  });

  it('reconnects after a drop with backoff and Last-Event-ID, so the service replays what was missed', async () => {
    const bodies = [streamedBody(), streamedBody()];
    const requests: RoomRequest[] = [];
    const fetchFn: RoomFetch = async (_url, init) => {
      const body = bodies[requests.length]!;
      requests.push(init);
      return { ok: true, status: 200, text: async () => '', body: { getReader: () => body.reader } };
    };
    const { pending, timers } = manualTimers();
    const statuses: StreamStatus[] = [];
    const stream = openSignalStream({
      url: '/events',
      headers: async () => ({ authorization: 'Bearer t' }),
      fetch: fetchFn,
      onEvent: () => undefined,
      onStatus: (status) => statuses.push(status),
      onRefused: () => undefined,
      timers,
      random: () => 1,
    });
    await tick();
    bodies[0]!.write(welcome + 'id: 41\nevent: peer-left\ndata: {"peerId":"other-000"}\n\n');
    await tick();
    bodies[0]!.end();
    await tick();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.ms).toBe(500);
    pending[0]!.callback();
    await tick();
    expect(requests[1]?.headers).toMatchObject({ authorization: 'Bearer t', 'last-event-id': '41' });
    bodies[1]!.write(welcome);
    await tick();
    expect(statuses.at(-1)).toBe('live');
    stream.stop();
  });

  it('stops for good when the room refuses this browser', async () => {
    const refused = jest.fn();
    const { pending, timers } = manualTimers();
    openSignalStream({
      url: '/events',
      headers: async () => ({}),
      fetch: async () => ({ ok: false, status: 403, text: async () => JSON.stringify({ error: { code: 'forbidden', message: 'Not yet.' } }) }),
      onEvent: () => undefined,
      onStatus: () => undefined,
      onRefused: refused,
      timers,
    });
    await tick();
    expect(refused).toHaveBeenCalledWith(expect.objectContaining({ status: 403, message: 'Not yet.' }));
    expect(pending).toHaveLength(0);
  });

  it('keeps trying while the service is down', async () => {
    const { pending, timers } = manualTimers();
    openSignalStream({
      url: '/events',
      headers: async () => ({}),
      fetch: async () => ({ ok: false, status: 503, text: async () => 'unavailable' }),
      onEvent: () => undefined,
      onStatus: () => undefined,
      onRefused: () => undefined,
      timers,
      random: () => 0,
    });
    await tick();
    expect(pending).toHaveLength(1);
  });

  it('backs off up to 10 seconds, spread out', () => {
    expect(backoffMs(0, () => 1)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(4_000);
    expect(backoffMs(10, () => 1)).toBe(10_000);
    expect(backoffMs(10, () => 0)).toBe(5_000);
  });
});
