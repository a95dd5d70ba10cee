/**
 * One rule for every form card the bot sends: a refusal the user can act on (validation, not found,
 * conflict, unavailable…) comes back on the form they filled in, under the input it names or at the
 * top; an internal failure is not theirs to fix and goes to the error card with a reference.
 */
import { AppError } from '../domain/shared/app-error';
import { attention } from './card-parts';

export interface FormError {
  /** The AppError's field (a request path such as "patientContact.phone"), or null for the form as a whole. */
  field: string | null;
  message: string;
}

/** The form error for `error`; rethrows what is not a refusal (the card action answers it with an error card). */
export function formErrorOf(error: unknown): FormError {
  if (error instanceof AppError && error.code !== 'internal') return { field: error.field ?? null, message: error.userMessage };
  throw error;
}

type Element = Record<string, unknown>;

/** Where the error shows on a card: under the input its field maps to, else at the top. */
export function placeFormError(error: FormError | undefined, inputOf: (field: string) => string | undefined): { top: Element[]; at: (inputId: string) => Element[] } {
  const input = error?.field ? inputOf(error.field) : undefined;
  return {
    top: error && !input ? [attention(error.message)] : [],
    at: (inputId) => (error && input === inputId ? [attention(error.message)] : []),
  };
}
