/** Waits before trying again: 1 s, 2 s, 4 s... up to 15 s, each ±20 % so many pages do not retry in step. */
export const BACKOFF_MAX_MS = 15_000;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
