/**
 * "Message the clinic" from the waiting room ("running 5 minutes late", "my camera does not work"):
 * one short line of plain text. What happens to it is said in words in a live region, so a screen
 * reader hears "Sent" or why it failed without leaving the field.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';

/** The service's limit (bot/src/contracts/lobby-api.ts, messageClinicInput). */
export const MAX_MESSAGE = 300;

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string };

export interface MessageClinicProps {
  /** Sends the text; rejects with an Error whose message is fit to show the patient. */
  send: (text: string) => Promise<void>;
}

export function MessageClinic({ send }: MessageClinicProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const length = text.trim().length;
  const tooLong = length > MAX_MESSAGE;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (state.kind === 'sending') return;
    if (length === 0) {
      setState({ kind: 'failed', message: 'Write a message first.' });
      return;
    }
    if (tooLong) {
      setState({ kind: 'failed', message: `Your message is too long: keep it to ${MAX_MESSAGE} characters.` });
      return;
    }
    setState({ kind: 'sending' });
    try {
      await send(text.trim());
      setText('');
      setState({ kind: 'sent' });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : 'Your message was not sent. Please try again.' });
    }
  }

  const status =
    state.kind === 'sending' ? 'Sending…' : state.kind === 'sent' ? 'Sent. The clinic can see your message.' : state.kind === 'failed' ? `Not sent: ${state.message}` : '';
  return (
    <form className="message-clinic" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>Message the clinic</label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={2}
          value={text}
          aria-describedby={`${id}-count ${id}-status`}
          aria-invalid={tooLong || undefined}
          onChange={(event) => {
            setText(event.target.value);
            if (state.kind !== 'sending') setState({ kind: 'idle' });
          }}
          placeholder="For example: running 5 minutes late"
        />
        <p id={`${id}-count`} className={tooLong ? 'field-error' : 'hint'}>
          {length} of {MAX_MESSAGE} characters
        </p>
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={state.kind === 'sending'}>
          {state.kind === 'sending' ? 'Sending…' : 'Send'}
        </button>
      </div>
      <p id={`${id}-status`} role="status" className={state.kind === 'failed' ? 'form-error' : 'hint'}>
        {status}
      </p>
    </form>
  );
}
