/**
 * The one error every page gets from a call to Rounds: the clinicians' tabs, the patient's lobby and
 * the video room. Its `message` is always safe to show: the API's own words, or a page's plain
 * fallback when something else (a proxy, a gateway page) answered.
 */
import { apiErrorBody } from '../../../bot/src/contracts/api';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The API's code (`not_found`, `forbidden`, ...), or one of the client's own (`network_error`, `invalid_response`...). */
  readonly code: string;
  /** The request field the error is about, when the API names one (e.g. a form field). */
  readonly field?: string;
  /** HTTP status, when the API answered at all. */
  readonly status?: number;

  constructor(init: { code: string; message: string; field?: string; status?: number; cause?: unknown }) {
    super(init.message, { cause: init.cause });
    this.code = init.code;
    if (init.field !== undefined) this.field = init.field;
    if (init.status !== undefined) this.status = init.status;
  }

  /** Worth trying again later by itself: no answer, too many requests, a server restarting, a proxy in between. */
  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** The error an answer that is not ok carries: the API's `{error}` body, else the page's fallback for that status. */
export function errorFromAnswer(status: number, text: string, fallback: (status: number) => { code: string; message: string }): ApiError {
  const parsed = apiErrorBody.safeParse(parseJson(text));
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError({ code, message, status, ...(field ? { field } : {}) });
  }
  // Not our JSON (an HTML 502 page, an empty body): its text is not meant for users.
  return new ApiError({ ...fallback(status), status });
}

/** Bodies that are not JSON (gateway pages, empty 204s) read as `undefined`; callers decide what that means. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: treated like an empty body, nothing else to report.
    return undefined;
  }
}
