/**
 * Start-up against a database that is slow to come up (a PostgreSQL still starting, a network not
 * yet there, a pool whose connect timed out): try again with backoff, log why each time (the error's
 * code only, never its text), and give up with one clear error after a bounded time. An error that
 * waiting cannot fix (a wrong password, no such database, a broken migration) stops at once.
 */
import type { Logger } from 'pino';

export interface RetryOptions {
  /** How long to keep trying before giving up. */
  timeoutMs: number;
  logger?: Pick<Logger, 'warn'>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    readonly code: string,
    readonly attempts: number,
    waitedMs: number,
    options: { cause?: unknown } = {},
  ) {
    super(`the database could not be reached (${code}) after ${attempts} attempts in ${Math.round(waitedMs / 1000)} s`, options);
    this.name = 'DatabaseUnreachableError';
  }
}

/** A short code for an error: its own code (ECONNREFUSED, a SQLSTATE such as 57P03), else a kind. */
export function databaseErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w.-]{1,40}$/.test(code)) return code;
  const message = error instanceof Error ? error.message : '';
  // pg's own connect timeout has no code.
  if (/timeout/i.test(message)) return 'connect_timeout';
  if (/terminated|closed|ended/i.test(message)) return 'connection_closed';
  return error instanceof Error ? error.name : 'unknown';
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'connect_timeout', 'connection_closed']);

/** Worth waiting for: the network, or a server starting, shutting down, or full. */
export function isTransient(code: string): boolean {
  if (NETWORK.has(code)) return true;
  // SQLSTATE classes 08 (connection exception), 57P (operator intervention: starting up, shutting down), 53 (insufficient resources), 40 (serialization, deadlock).
  return /^08/.test(code) || /^57P0[1-4]$/.test(code) || /^53/.test(code) || /^40(001|P01)$/.test(code);
}

export async function connectWithRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      const code = databaseErrorCode(error);
      const waited = now() - started;
      const delay = Math.min(500 * 2 ** (attempts - 1), 10_000);
      if (!isTransient(code) || waited + delay > options.timeoutMs) throw new DatabaseUnreachableError(code, attempts, waited, { cause: error });
      options.logger?.warn({ code, attempt: attempts, retryInMs: delay }, 'database not reachable yet; retrying');
      await sleep(delay);
    }
  }
}
