import { AppError } from '../domain/shared/app-error';

/**
 * A fixed-window counter per key (e.g. link token, or client address), kept in this process: enough
 * to stop guessing and hammering from one client; each instance counts on its own.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; throws AppError('rate_limited') over the limit. */
  take(key: string, message = 'Too many tries. Please wait a few minutes and try again.'): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 50_000) this.sweep(now);
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return;
    }
    window.count += 1;
    if (window.count > this.limit) throw new AppError('rate_limited', message);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
