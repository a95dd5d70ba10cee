/** The connection check: a few timed round trips to the service (`GET .../ping`). */
import type { CheckOutcome } from './check-outcome';

export const PING_ROUNDS = 4;
export const PING_TIMEOUT_MS = 5000;
/** A median round trip slower than this makes video stutter. */
export const SLOW_RTT_MS = 1500;

export interface ConnectionResult {
  outcome: CheckOutcome;
  /** Median round trip in ms, when at least one ping came back. */
  rttMs: number | null;
}

export interface ConnectionCheckOptions {
  ping: (signal: AbortSignal) => Promise<void>;
  now?: () => number;
  rounds?: number;
  timeoutMs?: number;
}

export async function measureConnection({ ping, now = () => performance.now(), rounds = PING_ROUNDS, timeoutMs = PING_TIMEOUT_MS }: ConnectionCheckOptions): Promise<ConnectionResult> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = now();
    try {
      await ping(controller.signal);
      times.push(now() - started);
    } catch {
      // A lost or timed-out ping counts against the connection below.
    } finally {
      clearTimeout(timer);
    }
  }
  if (times.length === 0) {
    return {
      rttMs: null,
      outcome: { status: 'failed', problem: 'We could not reach the clinic.', fix: 'Check that you are connected to Wi-Fi or mobile data, then press “Try again”.' },
    };
  }
  const rttMs = Math.min(60_000, Math.round(median(times)));
  if (times.length * 2 < rounds) {
    return {
      rttMs,
      outcome: { status: 'failed', problem: 'Your connection keeps dropping.', fix: 'Move closer to your Wi-Fi router, or switch between Wi-Fi and mobile data, then press “Try again”.' },
    };
  }
  if (rttMs > SLOW_RTT_MS) {
    return {
      rttMs,
      outcome: {
        status: 'failed',
        problem: `Your connection is slow (${(rttMs / 1000).toFixed(1)} seconds to reach the clinic).`,
        fix: 'Move closer to your Wi-Fi router, or stop downloads and other video on this network, then press “Try again”.',
      },
    };
  }
  return { rttMs, outcome: { status: 'ok', detail: 'Your connection is good.' } };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
