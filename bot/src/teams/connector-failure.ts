/**
 * What a failed call to the Bot Connector means for a job: retry later (throttled or a passing
 * failure), or stop (Rounds is not in the conversation, the message is gone, the request is refused).
 */
import { NotInstalledError } from './conversation-runner';

export type ConnectorFailure =
  | { kind: 'retry'; retryAfterMs: number | null }
  /** 403 BotNotInConversationRoster, or no installation: someone must add Rounds there. */
  | { kind: 'not-in-conversation' }
  /** 404: the conversation or the message no longer exists. */
  | { kind: 'gone' }
  /**
   * The service does not know the person a chat was opened for (code UserNotFound). The Agents
   * Playground answers posts into such a chat with a 500, every time: trying again cannot help.
   */
  | { kind: 'unknown-user' }
  /** Any other refusal (e.g. blocked by the user): trying again cannot help. */
  | { kind: 'refused'; status: number };

interface HttpLikeError {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  response?: { status?: unknown; headers?: unknown; bodyAsText?: unknown };
}

const RETRIED = new Set([408, 412, 429, 502, 503, 504]);
const UNKNOWN_USER = new Set(['UserNotFound', 'MemberNotFoundInConversation']);

export function classifyConnectorFailure(error: unknown): ConnectorFailure {
  if (error instanceof NotInstalledError) return { kind: 'not-in-conversation' };
  const http = (error ?? {}) as HttpLikeError;
  const status = numberOf(http.statusCode) ?? numberOf(http.status) ?? numberOf(http.response?.status);
  // No status: the request never got an answer (connection refused, reset, timed out).
  if (status === null) return { kind: 'retry', retryAfterMs: null };
  if (UNKNOWN_USER.has(errorCodeOf(http) ?? '')) return { kind: 'unknown-user' };
  if (RETRIED.has(status) || status >= 500) return { kind: 'retry', retryAfterMs: retryAfterMs(http.response?.headers) };
  if (status === 403 && errorCodeOf(http) !== 'ConversationBlockedByUser') return { kind: 'not-in-conversation' };
  if (status === 404) return { kind: 'gone' };
  return { kind: 'refused', status };
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The connector's own error code, from the error or its JSON body ({"error":{"code":...}}). */
function errorCodeOf(error: HttpLikeError): string | null {
  if (typeof error.code === 'string' && !/^[A-Z_]+$/.test(error.code)) return error.code;
  const body = error.response?.bodyAsText;
  if (typeof body !== 'string') return null;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : null;
  } catch {
    return null;
  }
}

function retryAfterMs(headers: unknown): number | null {
  const value = headerValue(headers, 'retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    return typeof value === 'string' ? value : null;
  }
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}
