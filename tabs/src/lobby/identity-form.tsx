/**
 * The light identity check: the patient's first name and/or year of birth, as the server asks in
 * `identity`. Someone joining for the patient (a parent, a carer) enters the patient's details. A
 * guest with their own link (family, carer, interpreter) enters their own first name and the code
 * sent to them with the link.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { IdentifyInput, LobbyView } from '../../../bot/src/contracts/lobby-api';

export interface IdentityFormProps {
  identity: LobbyView['identity'];
  /** Set on a guest's own link: the form asks for the guest's details, not the patient's. */
  guest?: LobbyView['guest'];
  onSubmit: (input: IdentifyInput) => void;
  busy: boolean;
  /** The server's answer to the last try (wrong details, too many tries), shown above the button. */
  error: { message: string; field?: string } | null;
  /** "Please confirm who you are first": set when the server asked again. */
  reason?: string | null;
  /** Pins "this year" for tests. */
  currentYear?: number;
}

type FieldErrors = { firstName?: string; birthYear?: string; code?: string };

const FIELD_IDS: Record<keyof FieldErrors, string> = { firstName: 'identity-first-name', birthYear: 'identity-birth-year', code: 'identity-code' };

export function IdentityForm({ identity, guest = null, onSubmit, busy, error, reason = null, currentYear = new Date().getFullYear() }: IdentityFormProps) {
  const [firstName, setFirstName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const asksNothing = !identity.firstName && !identity.birthYear && !identity.code;

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found: FieldErrors = {};
    const name = firstName.trim();
    const year = birthYear.trim();
    if (identity.firstName && !name) found.firstName = 'Enter the first name.';
    if (identity.birthYear && !/^\d{4}$/.test(year)) found.birthYear = 'Enter the year of birth as 4 digits, for example 1968.';
    else if (identity.birthYear && (Number(year) < 1900 || Number(year) > currentYear)) found.birthYear = `Enter a year between 1900 and ${currentYear}.`;
    const digits = code.replace(/\s+/g, '');
    if (identity.code && !/^\d{6}$/.test(digits)) found.code = 'Enter the 6-digit code from your message.';
    setErrors(found);
    const firstWrong = (Object.keys(FIELD_IDS) as (keyof FieldErrors)[]).find((field) => found[field]);
    if (firstWrong) {
      document.getElementById(FIELD_IDS[firstWrong])?.focus();
      return;
    }
    onSubmit({
      ...(identity.firstName ? { firstName: name } : {}),
      ...(identity.birthYear ? { birthYear: Number(year) } : {}),
      ...(identity.code ? { code: digits } : {}),
    });
  }

  const serverFieldError = (field: keyof FieldErrors) => (error?.field === field ? error.message : undefined);
  const firstNameError = errors.firstName ?? serverFieldError('firstName');
  const birthYearError = errors.birthYear ?? serverFieldError('birthYear');
  const codeError = errors.code ?? serverFieldError('code');
  const formError = error && !error.field ? error.message : null;

  return (
    <form className="identity-form" onSubmit={submit} noValidate aria-describedby="identity-help">
      <p id="identity-help">
        {asksNothing
          ? 'Continue to check your camera and microphone.'
          : guest
            ? `Welcome, ${guest.name}. To keep the visit private, enter your own first name and the 6-digit code from the message with your link.`
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
      {identity.code && (
        <div className="field">
          <label htmlFor="identity-code">Code from your message</label>
          <input
            id="identity-code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={7}
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? 'identity-code-error' : undefined}
          />
          {codeError && (
            <p id="identity-code-error" className="field-error">
              {codeError}
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
