/**
 * The lobby's two dialogs: a short message to the waiting patient, and the no-show confirmation.
 * Like CancelVisitDialog they close through `open` (microsoft/fluentui#35139) and keep a failed
 * action's reason on screen.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorBar } from '../shared/error-bar';
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
    <Dialog open={open} onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (trimmed) void run(() => onSend(trimmed));
          }}
        >
          <DialogBody>
            <DialogTitle>Message {patientName}</DialogTitle>
            <DialogContent className={styles.content}>
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
              {error && <ErrorBar error={error} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose} disabled={busy}>
                Close
              </Button>
              <Button appearance="primary" type="submit" disabled={busy || !trimmed}>
                {busy ? 'Sending…' : 'Send'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export function NoShowDialog({ patientName, open, onClose, onConfirm }: DialogProps & { onConfirm: () => Promise<void> }) {
  const { busy, error, run } = useDialogAction(onClose);

  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Mark {patientName} as a no-show?</DialogTitle>
          <DialogContent>
            The visit ends and the patient&apos;s link stops working.
            {error && <ErrorBar error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose} disabled={busy}>
              Keep waiting
            </Button>
            <Button appearance="primary" onClick={() => void run(onConfirm)} disabled={busy}>
              {busy ? 'Marking…' : 'Mark no-show'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export function EndVisitDialog({ patientName, open, onClose, onConfirm }: DialogProps & { onConfirm: () => Promise<void> }) {
  const { busy, error, run } = useDialogAction(onClose);

  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>End the visit with {patientName}?</DialogTitle>
          <DialogContent>
            The meeting closes and the patient&apos;s link says the visit is over.
            {error && <ErrorBar error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose} disabled={busy}>
              Keep the visit open
            </Button>
            <Button appearance="primary" onClick={() => void run(onConfirm)} disabled={busy}>
              {busy ? 'Ending…' : 'End visit'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
