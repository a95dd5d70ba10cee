/**
 * What Microsoft Graph or Entra ID answered, kept as the `cause` of the AppError a Graph adapter
 * (meetings, installs) throws. Logs get the status, Graph's (or Entra's) error code and the ids
 * Microsoft support asks for; never Graph's free-text message, and never a request body (bodies carry
 * a meeting's attendees or a user's id).
 */
export class GraphFailure extends Error {
  /** The HTTP status when Microsoft answered; null when it did not (network, timeout). */
  readonly status: number | null;
  /** Graph `error.code` (e.g. "Forbidden") or Entra `error` plus AADSTS numbers (e.g. "invalid_client AADSTS7000215"). */
  readonly code: string | null;
  /** Graph `request-id`, or Entra's `trace_id`: what Microsoft support needs to find the request. */
  readonly requestId: string | null;

  constructor(operation: string, options: { status?: number | null; code?: string | null; requestId?: string | null; cause?: unknown } = {}) {
    const status = options.status ?? null;
    const code = options.code ?? null;
    const requestId = options.requestId ?? null;
    super(
      [operation, status ?? 'no answer', code, requestId && `request-id ${requestId}`].filter((part) => part !== null && part !== '').join(' '),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'GraphFailure';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}
