/**
 * Asks before a destructive action. Stays open while the action runs and shows its error, so a
 * failed delete never looks like a successful one.
 */
import { FormDialog } from './form-dialog';
import { useDialogAction } from './use-dialog-action';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  /** What the main action says while it runs. */
  busyLabel?: string;
  cancelLabel?: string;
  /** Runs the action; the dialog closes when it resolves and shows the error when it rejects. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /**
   * Mount it to open it; unmount (via onClose) to close, or keep it mounted and close it through
   * `open`: an unmounted Fluent Dialog can leave its aria-hidden on the page (microsoft/fluentui#35139).
   */
  open?: boolean;
}

export function ConfirmDialog({ title, message, confirmLabel, busyLabel = 'Working…', cancelLabel, onConfirm, onClose, open = true }: ConfirmDialogProps) {
  const { busy, error, run } = useDialogAction(onClose);
  const confirm = () => run(onConfirm);

  return (
    <FormDialog
      open={open}
      alert
      title={title}
      submitLabel={confirmLabel}
      busyLabel={busyLabel}
      {...(cancelLabel ? { cancelLabel } : {})}
      busy={busy}
      error={error}
      onSubmit={() => void confirm()}
      onClose={onClose}
    >
      {message}
    </FormDialog>
  );
}
