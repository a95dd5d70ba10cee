import type { LobbyView } from '../../../bot/src/contracts/lobby-api';
import type { Timers } from '../shared/timers';
import { noEventSource, watchLobby } from './live-lobby';
import type { LiveStatus } from './live-lobby';
import { FakeLobbyServer, TOKEN, aView } from './testing/lobby-fakes';
import { createLobbyClient } from './lobby-client';

/** Timers the test runs by hand: `due()` is what is waiting, `fire()` runs it. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { callback: () => void; ms: number }>();
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    due: () => [...pending.values()].map((timer) => timer.ms),
    async fire() {
      const entries = [...pending.entries()];
      pending.clear();
      for (const [, timer] of entries) timer.callback();
      // Let the refetch's promises settle.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

function setup(view: Partial<LobbyView> = { phase: 'waiting' }) {
  const server = new FakeLobbyServer(view);
  const client = createLobbyClient(TOKEN, server.fetch);
  const clock = manualTimers();
  const views: LobbyView[] = [];
  const statuses: LiveStatus[] = [];
  let gone = false;
  const watch = watchLobby({
    url: client.eventsUrl,
    open: server.openEvents,
    refetch: () => client.view(),
    onView: (next) => views.push(next),
    onStatus: (status) => statuses.push(status),
    onGone: () => {
      gone = true;
    },
    timers: clock.timers,
    random: () => 0.5,
  });
  return { server, clock, views, statuses, watch, isGone: () => gone };
}

describe('following the waiting room live', () => {
  it('opens the event stream and passes on every view it sends', () => {
    const { server, views, statuses } = setup();

    expect(server.sources.map((source) => source.url)).toEqual([`/api/lobby/${TOKEN}/events`]);
    const source = server.sources[0]!;
    source.open();
    source.emit(aView({ phase: 'waiting', clinicianNotified: true }));
    source.emit('{"not":"a view"}');

    expect(views).toEqual([aView({ phase: 'waiting', clinicianNotified: true })]);
    expect(statuses).toEqual(['connecting', 'live', 'live']);
  });

  it('after a network drop reads the view again with backoff until the stream is back, without losing changes', async () => {
    const { server, clock, views, statuses } = setup();
    const source = server.sources[0]!;
    source.open();

    server.offline = true;
    source.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(clock.due()).toEqual([1000]);

    await clock.fire();
    expect(views).toEqual([]);
    expect(clock.due()).toEqual([2000]);

    // The server came back with a change the stream missed (EventSource is still reconnecting).
    server.offline = false;
    server.view = aView({ phase: 'waiting', messages: [{ text: 'Running about 10 minutes late', at: '2031-03-11T14:55:00.000Z', from: 'Dr Lee', participant: null }] });
    await clock.fire();
    expect(views.at(-1)?.messages).toHaveLength(1);
    expect(clock.due()).toEqual([4000]);

    // EventSource reconnected by itself: the same stream, no new one.
    source.open();
    expect(statuses.at(-1)).toBe('live');
    await clock.fire();
    expect(clock.due()).toEqual([]);
    expect(server.sources).toHaveLength(1);
  });

  it('opens a new stream when EventSource gave up (an HTTP error while the server restarted)', async () => {
    const { server, clock } = setup();
    server.sources[0]!.open();
    server.sources[0]!.fail();

    await clock.fire();
    expect(server.sources).toHaveLength(2);
    expect(server.openSources).toHaveLength(1);
    server.sources[1]!.open();
    server.change({ phase: 'admitted', joinUrl: 'https://rounds.example/rooms/r1' });
    await clock.fire();
    expect(clock.due()).toEqual([]);
  });

  it('stops, and says so, when the link stops being valid', async () => {
    const { server, clock, isGone } = setup();
    server.sources[0]!.drop();
    server.valid = false;
    await clock.fire();

    expect(isGone()).toBe(true);
    expect(server.openSources).toHaveLength(0);
    expect(clock.due()).toEqual([]);
  });

  it('stops when the stream says the link is gone (the visit was cancelled or moved meanwhile)', () => {
    const { server, clock, isGone } = setup();
    server.sources[0]!.open();
    server.sources[0]!.emit('{}', 'gone');

    expect(isGone()).toBe(true);
    expect(server.openSources).toHaveLength(0);
    expect(clock.due()).toEqual([]);
  });

  it('tries at once when nudged (back online), and not at all once stopped', async () => {
    const { server, clock, views, watch } = setup();
    server.sources[0]!.drop();
    expect(clock.due()).toEqual([1000]);

    watch.nudge();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(server.calls.map((call) => call.path)).toEqual(['']);
    await clock.fire();
    expect(views.length).toBeGreaterThan(0);

    watch.stop();
    expect(server.openSources).toHaveLength(0);
    expect(clock.due()).toEqual([]);
    server.sources[0]!.drop();
    expect(clock.due()).toEqual([]);
  });

  it('without EventSource in the browser, keeps reading the view with backoff', async () => {
    jest.useFakeTimers();
    try {
      const server = new FakeLobbyServer({ phase: 'waiting' });
      const client = createLobbyClient(TOKEN, server.fetch);
      const views: LobbyView[] = [];
      const watch = watchLobby({ url: client.eventsUrl, open: noEventSource, refetch: () => client.view(), onView: (view) => views.push(view), onStatus: () => undefined, onGone: () => undefined, random: () => 0.5, timers: { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) } });
      await jest.advanceTimersByTimeAsync(1000 + 2000 + 10);
      expect(views).toHaveLength(2);
      server.change({ phase: 'admitted', joinUrl: 'https://rounds.example/rooms/r1' });
      await jest.advanceTimersByTimeAsync(4000);
      expect(views.at(-1)?.phase).toBe('admitted');
      watch.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
