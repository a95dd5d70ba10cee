/**
 * The shell every Rounds dialog shares: a title, its content, the error no field shows, Cancel and
 * the main action (also on Enter). It cannot be dismissed while its action runs, so a save or delete
 * in flight never looks abandoned, and the main action says what it is doing ("Saving…").
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiError } from './api-error';
import { ErrorBar } from './error-bar';

export interface FormDialogProps {
  title: ReactNode;
  /** The main action's label, and what it says while it runs. */
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  /** Shown under the content: an error about no particular field. */
  error?: Pick<ApiError, 'message'> | undefined;
  cancelLabel?: string;
  submitDisabled?: boolean;
  /** A confirmation (alert dialog): no dismissing by clicking outside. */
  alert?: boolean;
  /**
   * Keep it mounted and close it through `open` where the page stays: an unmounted Fluent Dialog can
   * leave its aria-hidden on the page (microsoft/fluentui#35139).
   */
  open?: boolean;
  surfaceClassName?: string;
  contentClassName?: string;
  children: ReactNode;
}

export function FormDialog({
  title,
  submitLabel,
  busyLabel,
  busy,
  onSubmit,
  onClose,
  error,
  cancelLabel = 'Cancel',
  submitDisabled = false,
  alert = false,
  open = true,
  surfaceClassName,
  contentClassName,
  children,
}: FormDialogProps) {
  return (
    <Dialog open={open} modalType={alert ? 'alert' : 'modal'} onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface className={surfaceClassName}>
        {/* noValidate: the dialog says what is missing at the field, in its own words, not the browser's. */}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy && !submitDisabled) onSubmit();
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={contentClassName}>
              {children}
              {error && <ErrorBar error={error} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose} disabled={busy}>
                {cancelLabel}
              </Button>
              <Button appearance="primary" type="submit" disabled={busy || submitDisabled}>
                {busy ? busyLabel : submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
