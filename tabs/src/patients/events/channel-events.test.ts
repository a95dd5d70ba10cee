import { fakeStream } from '../../test-support/fake-api';
import { sessionWith } from '../../test-support/session';
import { RECONNECT_DELAYS_MS, watchChannelEvents } from './channel-events';

jest.mock('@microsoft/teams-js', () => ({}));

const eventsUrl = '/api/patients/events?teamId=team-1&channelId=channel-1';
const channel = { teamId: 'team-1', channelId: 'channel-1' };

/** Lets the watcher's awaits run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchChannelEvents', () => {
  it('passes on valid events, skips the rest, and reconnects with backoff after a drop', async () => {
    const stream = fakeStream();
    const { session, api } = await sessionWith([
      { method: 'GET', url: eventsUrl, status: 503, json: { error: { code: 'unavailable', message: 'Restarting' } }, once: true },
      { method: 'GET', url: eventsUrl, stream },
    ]);
    const controller = new AbortController();
    const sleeps: number[] = [];
    const onEvent = jest.fn();
    const onReconnect = jest.fn();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const done = watchChannelEvents({
      api: session.api,
      channel,
      signal: controller.signal,
      onEvent,
      onReconnect,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    await settle();
    stream.push(': ping\n\ndata: {"kind":"list","listId":"l1","by":"Bob"}\n\ndata: not json\n\ndata: {"kind":"other"}\n\n');
    await settle();

    expect(onEvent.mock.calls).toEqual([[{ kind: 'list', listId: 'l1', by: 'Bob' }]]);
    // The first refusal is not a reconnection: nothing was missed before we ever connected.
    expect(onReconnect).not.toHaveBeenCalled();

    stream.end();
    await settle();
    expect(onReconnect).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([RECONNECT_DELAYS_MS[0], RECONNECT_DELAYS_MS[0]]);
    expect(stream.openCount).toBe(1);

    controller.abort();
    await done;
    expect(stream.openCount).toBe(0);
    expect(api.requests.filter((r) => r.url === eventsUrl)).toHaveLength(3);
    expect(api.requests.at(-1)?.headers['Accept']).toBe('text/event-stream');
    jest.restoreAllMocks();
  });
});
