/** Answers a message in its thread; the service sends the reply to the other side of the conversation. */
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../../bot/src/contracts/messages-api';
import { toApiError } from '../shared/api-client';
import type { ApiError } from '../shared/api-error';
import { ErrorBar } from '../shared/error-bar';
import { formErrors } from '../shared/field-errors';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export interface ReplyFormProps {
  onSend: (text: string) => Promise<void>;
  onCancel: () => void;
}

export function ReplyForm({ onSend, onCancel }: ReplyFormProps) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { messageFor, formError } = formErrors(error, ['text']);

  async function send() {
    setBusy(true);
    setError(undefined);
    try {
      await onSend(text.trim());
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Field label="Reply" hint={`${text.length} / ${MAX_MESSAGE_LENGTH}`} validationMessage={messageFor('text')}>
        <Textarea value={text} maxLength={MAX_MESSAGE_LENGTH} resize="vertical" autoFocus onChange={(_, data) => setText(data.value)} />
      </Field>
      {formError && <ErrorBar error={formError} />}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabled={busy || text.trim() === ''}>
          {busy ? 'Sending…' : 'Send reply'}
        </Button>
        <Button size="small" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
