/**
 * The one error type of Rounds. Adapters translate foreign failures into it at their boundary;
 * every edge (HTTP, bot) maps `code` in one exhaustive switch. `userMessage` is always safe to show:
 * it never carries exception text, stack traces or patient data.
 */
export type AppErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly field: string | undefined;

  constructor(code: AppErrorCode, userMessage: string, options: { field?: string; cause?: unknown } = {}) {
    // The Error message is the code, never the user message, so logs of `err.message` stay free of input.
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.field = options.field;
  }
}

/** Wraps anything thrown into an AppError without leaking its text to a user. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'Something went wrong on our side. Please try again.', { cause: error });
}
