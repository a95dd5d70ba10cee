/**
 * The light identity check: the patient's first name and/or year of birth, as the server asks in
 * `identity`. Someone joining for the patient (a parent, a carer) enters the patient's details.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { IdentifyInput, LobbyView } from '../../../bot/src/contracts/lobby-api';

export interface IdentityFormProps {
  identity: LobbyView['identity'];
  onSubmit: (input: IdentifyInput) => void;
  busy: boolean;
  /** The server's answer to the last try (wrong details, too many tries), shown above the button. */
  error: { message: string; field?: string } | null;
  /** "Please confirm who you are first": set when the server asked again. */
  reason?: string | null;
  /** Pins "this year" for tests. */
  currentYear?: number;
}

type FieldErrors = { firstName?: string; birthYear?: string };

export function IdentityForm({ identity, onSubmit, busy, error, reason = null, currentYear = new Date().getFullYear() }: IdentityFormProps) {
  const [firstName, setFirstName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const asksNothing = !identity.firstName && !identity.birthYear;

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found: FieldErrors = {};
    const name = firstName.trim();
    const year = birthYear.trim();
    if (identity.firstName && !name) found.firstName = 'Enter the first name.';
    if (identity.birthYear && !/^\d{4}$/.test(year)) found.birthYear = 'Enter the year of birth as 4 digits, for example 1968.';
    else if (identity.birthYear && (Number(year) < 1900 || Number(year) > currentYear)) found.birthYear = `Enter a year between 1900 and ${currentYear}.`;
    setErrors(found);
    if (found.firstName || found.birthYear) {
      const first = document.getElementById(found.firstName ? 'identity-first-name' : 'identity-birth-year');
      first?.focus();
      return;
    }
    onSubmit({ ...(identity.firstName ? { firstName: name } : {}), ...(identity.birthYear ? { birthYear: Number(year) } : {}) });
  }

  const serverFieldError = (field: keyof FieldErrors) => (error?.field === field ? error.message : undefined);
  const firstNameError = errors.firstName ?? serverFieldError('firstName');
  const birthYearError = errors.birthYear ?? serverFieldError('birthYear');
  const formError = error && !error.field ? error.message : null;

  return (
    <form className="identity-form" onSubmit={submit} noValidate aria-describedby="identity-help">
      <p id="identity-help">
        {asksNothing
          ? 'Continue to check your camera and microphone.'
          : 'To keep your visit private, please enter the details of the person the visit is for (the patient), even if you are joining for them.'}
      </p>
      {reason && <p className="notice">{reason}</p>}
      {identity.firstName && (
        <div className="field">
          <label htmlFor="identity-first-name">First name</label>
          <input
            id="identity-first-name"
            name="firstName"
            type="text"
            autoComplete="given-name"
            autoCapitalize="words"
            spellCheck={false}
            maxLength={100}
            required
            value={firstName}
            onChange={(event) => setFirstName(event.target.value)}
            aria-invalid={firstNameError ? true : undefined}
            aria-describedby={firstNameError ? 'identity-first-name-error' : undefined}
          />
          {firstNameError && (
            <p id="identity-first-name-error" className="field-error">
              {firstNameError}
            </p>
          )}
        </div>
      )}
      {identity.birthYear && (
        <div className="field">
          <label htmlFor="identity-birth-year">Year of birth</label>
          <p id="identity-birth-year-hint" className="hint">
            4 digits, for example 1968
          </p>
          <input
            id="identity-birth-year"
            name="birthYear"
            type="text"
            inputMode="numeric"
            autoComplete="bday-year"
            pattern="[0-9]{4}"
            maxLength={4}
            required
            value={birthYear}
            onChange={(event) => setBirthYear(event.target.value)}
            aria-invalid={birthYearError ? true : undefined}
            aria-describedby={`identity-birth-year-hint${birthYearError ? ' identity-birth-year-error' : ''}`}
          />
          {birthYearError && (
            <p id="identity-birth-year-error" className="field-error">
              {birthYearError}
            </p>
          )}
        </div>
      )}
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}
