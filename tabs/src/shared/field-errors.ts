/**
 * Where an API error belongs on a form (after Medplum's getErrorsForInput): under the field it names,
 * or in a banner. The API names a field by its path in the request ("text", "manual.birthDate",
 * "connection.baseUrl", "to.name"); the form field is the deepest part of that path the form has, so
 * "manual.birthDate" lands under Birth date and "to.name" under the recipient.
 */
import type { ApiError } from './api-error';

export interface FormErrors<F extends string> {
  /** The form field the error is about, if the form has it. */
  field: F | undefined;
  /** The error's message under `field`, nothing under any other. */
  messageFor: (field: F) => string | undefined;
  /** An error no field of the form shows: for the form's banner. */
  formError: ApiError | undefined;
}

export function formErrors<F extends string>(error: ApiError | undefined, fields: readonly F[]): FormErrors<F> {
  const parts = error?.field?.split(/[./]/) ?? [];
  const field = parts.reverse().find((part): part is F => (fields as readonly string[]).includes(part));
  return {
    field,
    messageFor: (name) => (field !== undefined && name === field ? error?.message : undefined),
    formError: field === undefined ? error : undefined,
  };
}
