import { AppError } from '../domain/shared/app-error';

/**
 * What exactly went wrong talking to the EHR, kept as the `cause` of the AppError the gateway throws.
 * Users see the AppError's message; the connection test reads the kind to name the problem; logs get
 * the kind and status only, never a URL with a query (queries carry names and MRNs).
 */
export type FhirFailureKind =
  | 'network'
  | 'timeout'
  | 'tls'
  | 'status'
  | 'not_json'
  | 'not_fhir'
  | 'unsupported_version'
  | 'no_token_endpoint'
  | 'foreign_link';

export class FhirFailure extends Error {
  readonly kind: FhirFailureKind;
  /** The HTTP status when the EHR answered, else null. */
  readonly status: number | null;
  /** A machine code: the undici/OpenSSL error code, the OperationOutcome issue code, the version string. */
  readonly detail: string | null;

  constructor(kind: FhirFailureKind, options: { status?: number | null; detail?: string | null; cause?: unknown } = {}) {
    const status = options.status ?? null;
    super(status === null ? kind : `${kind} ${status}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FhirFailure';
    this.kind = kind;
    this.status = status;
    this.detail = options.detail ?? null;
  }
}

/** An AppError carrying a FhirFailure, the only way the gateway reports EHR trouble. */
export function fhirError(code: AppError['code'], userMessage: string, failure: FhirFailure): AppError {
  return new AppError(code, userMessage, { cause: failure });
}

/** The FhirFailure behind an error the gateway threw, or null for anything else. */
export function fhirFailureOf(error: unknown): FhirFailure | null {
  if (error instanceof AppError && error.cause instanceof FhirFailure) return error.cause;
  return null;
}
