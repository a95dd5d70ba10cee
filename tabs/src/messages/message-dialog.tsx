/**
 * Writes a message to a colleague about a patient on the list: recipient, priority, text. The
 * service reads the patient from the list entry; the dialog only names the entry. Each opening of the
 * dialog has its own idempotency key, so a double click or a retry after a lost answer sends once.
 */
import { Field, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { MAX_MESSAGE_LENGTH, messagePriority } from '../../../bot/src/contracts/messages-api';
import type { MessageDto, MessagePriority } from '../../../bot/src/contracts/messages-api';
import { ApiError } from '../shared/api-error';
import type { ApiClient } from '../shared/api-client';
import { formErrors } from '../shared/field-errors';
import { FormDialog } from '../shared/form-dialog';
import { useDialogAction } from '../shared/use-dialog-action';
import { sendMessage } from './messages-api';
import { PRIORITY_LABELS } from './message-text';
import { RecipientField, addresseeOf } from './recipient-field';
import type { Recipient } from './recipient-field';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(600px, 100vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const PRIORITY_HINTS: Record<MessagePriority, string> = {
  routine: 'No escalation.',
  urgent: 'Escalates if not acknowledged: they are alerted again, then their backup, then this channel.',
  stat: 'Escalates quickly if not acknowledged: they are alerted again, then their backup, then this channel.',
};

/** The recipient's errors name `to` or one of its parts ("to.name"). */
const FIELDS = ['to', 'priority', 'text'] as const;

export interface MessageDialogProps {
  open?: boolean;
  api: ApiClient;
  patientName: string;
  listEntryId: string;
  onSent: (message: MessageDto) => void;
  onClose: () => void;
}

export function MessageDialog({ open = true, api, patientName, listEntryId, onSent, onClose }: MessageDialogProps) {
  const styles = useStyles();
  const [recipient, setRecipient] = useState<Recipient>({ kind: 'person', person: undefined });
  const [priority, setPriority] = useState<MessagePriority>('routine');
  const [text, setText] = useState('');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, setError, run } = useDialogAction(onClose);
  const { messageFor, formError } = formErrors(error, FIELDS);

  async function submit() {
    const to = addresseeOf(recipient);
    // Checked here too, shaped like the API's own field errors, so an incomplete message costs no round trip.
    if (!to) {
      setError(new ApiError({ code: 'validation', message: recipient.kind === 'person' ? 'Pick a person from the search.' : 'Choose a role.', field: 'to' }));
      return;
    }
    if (!text.trim()) {
      setError(new ApiError({ code: 'validation', message: 'Write the message.', field: 'text' }));
      return;
    }
    await run(async () => onSent(await sendMessage(api, { to, priority, text: text.trim(), listEntryId, idempotencyKey })));
  }

  return (
    <FormDialog
      open={open}
      title={`Message about ${patientName}`}
      submitLabel="Send"
      busyLabel="Sending…"
      busy={busy}
      error={formError}
      onSubmit={() => void submit()}
      onClose={onClose}
      surfaceClassName={styles.surface}
      contentClassName={styles.content}
    >
      <RecipientField api={api} value={recipient} onChange={setRecipient} error={messageFor('to')} />
      <Field label="Priority" hint={PRIORITY_HINTS[priority]} validationMessage={messageFor('priority')}>
        <RadioGroup layout="horizontal" value={priority} onChange={(_, data) => setPriority(messagePriority.parse(data.value))}>
          {messagePriority.options.map((value) => (
            <Radio key={value} value={value} label={PRIORITY_LABELS[value]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Message" required hint={`${text.length} / ${MAX_MESSAGE_LENGTH}`} validationMessage={messageFor('text')}>
        <Textarea value={text} maxLength={MAX_MESSAGE_LENGTH} rows={5} resize="vertical" onChange={(_, data) => setText(data.value)} />
      </Field>
    </FormDialog>
  );
}
