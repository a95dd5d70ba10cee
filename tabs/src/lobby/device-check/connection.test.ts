import { SLOW_RTT_MS, measureConnection } from './connection';

/** A clock that moves only when a ping "takes" time. */
function pings(durations: (number | 'lost')[]) {
  let now = 0;
  let index = 0;
  return {
    now: () => now,
    ping: (signal: AbortSignal) => {
      const duration = durations[index++] ?? 0;
      if (duration === 'lost') return Promise.reject(new TypeError('Failed to fetch'));
      now += duration;
      return signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
    },
  };
}

describe('connection check', () => {
  it('times a few round trips and reports the median', async () => {
    const result = await measureConnection({ ...pings([300, 40, 60, 50]), rounds: 4 });
    expect(result).toEqual({ rttMs: 55, outcome: { status: 'ok', detail: 'Your connection is good.' } });
  });

  it('fails when nothing comes back, with what to do', async () => {
    const result = await measureConnection({ ...pings(['lost', 'lost', 'lost']), rounds: 3 });
    expect(result).toEqual({ rttMs: null, outcome: { status: 'failed', problem: 'We could not reach the clinic.', fix: expect.stringMatching(/Wi-Fi or mobile data/) } });
  });

  it('fails when most pings are lost, or the round trip is slow', async () => {
    const lossy = await measureConnection({ ...pings([50, 'lost', 'lost', 'lost']), rounds: 4 });
    expect(lossy.outcome).toMatchObject({ status: 'failed', problem: 'Your connection keeps dropping.' });

    const slow = await measureConnection({ ...pings([SLOW_RTT_MS + 500, SLOW_RTT_MS + 500, SLOW_RTT_MS + 500]), rounds: 3 });
    expect(slow).toEqual({ rttMs: 2000, outcome: { status: 'failed', problem: 'Your connection is slow (2.0 seconds to reach the clinic).', fix: expect.stringMatching(/Wi-Fi router/) } });
  });

  it('gives up on a ping that takes too long', async () => {
    jest.useFakeTimers();
    try {
      let aborted = 0;
      const hanging = (signal: AbortSignal) =>
        new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted++;
            reject(new Error('aborted'));
          });
        });
      const result = measureConnection({ ping: hanging, rounds: 2, timeoutMs: 5000, now: () => 0 });
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(result).resolves.toMatchObject({ rttMs: null, outcome: { status: 'failed' } });
      expect(aborted).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
