/**
 * The lobby's two dialogs: a short message to the waiting patient, and the no-show confirmation.
 * Like CancelVisitDialog they close through `open` (microsoft/fluentui#35139) and keep a failed
 * action's reason on screen.
 */
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { FormDialog } from '../shared/form-dialog';
import { useDialogAction } from '../shared/use-dialog-action';

/** What clinicians most often say to someone in the lobby. */
export const QUICK_MESSAGES = ['Running about 10 minutes late', "I'll be with you shortly"] as const;
const MAX_MESSAGE = 300;

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  quick: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface DialogProps {
  patientName: string;
  open: boolean;
  onClose: () => void;
}

export function MessagePatientDialog({ patientName, open, onClose, onSend }: DialogProps & { onSend: (text: string) => Promise<void> }) {
  const styles = useStyles();
  const { busy, error, run } = useDialogAction(onClose);
  const [text, setText] = useState('');
  const trimmed = text.trim();

  return (
    <FormDialog
      open={open}
      title={`Message ${patientName}`}
      submitLabel="Send"
      busyLabel="Sending…"
      cancelLabel="Close"
      submitDisabled={!trimmed}
      busy={busy}
      error={error}
      onSubmit={() => void run(() => onSend(trimmed))}
      onClose={onClose}
      contentClassName={styles.content}
    >
      <div role="group" aria-label="Quick messages" className={styles.quick}>
        {QUICK_MESSAGES.map((quick) => (
          <Button key={quick} size="small" onClick={() => setText(quick)} disabled={busy}>
            {quick}
          </Button>
        ))}
      </div>
      <Field label="Message" hint="The patient sees it in the waiting room." required>
        <Textarea value={text} maxLength={MAX_MESSAGE} resize="vertical" onChange={(_, data) => setText(data.value)} />
      </Field>
    </FormDialog>
  );
}

export function NoShowDialog({ patientName, open, onClose, onConfirm }: DialogProps & { onConfirm: () => Promise<void> }) {
  return (
    <ConfirmDialog
      open={open}
      title={`Mark ${patientName} as a no-show?`}
      message="The visit ends and the patient's link stops working."
      confirmLabel="Mark no-show"
      busyLabel="Marking…"
      cancelLabel="Keep waiting"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}

export function EndVisitDialog({ patientName, open, onClose, onConfirm }: DialogProps & { onConfirm: () => Promise<void> }) {
  return (
    <ConfirmDialog
      open={open}
      title={`End the visit with ${patientName}?`}
      message="The meeting closes and the patient's link says the visit is over."
      confirmLabel="End visit"
      busyLabel="Ending…"
      cancelLabel="Keep the visit open"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
