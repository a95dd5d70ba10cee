/**
 * Asks before cancelling a visit. Its own dialog rather than the shared ConfirmDialog, whose
 * dismiss button says "Cancel": next to "Cancel visit" that would read as the same thing.
 * It closes through `open`, not by unmounting: an unmounted Fluent Dialog leaves the aria-hidden it
 * put on the page behind (microsoft/fluentui#35139), and the list would vanish for screen readers.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { ErrorBar } from '../shared/error-bar';
import { useDialogAction } from '../shared/use-dialog-action';

export interface CancelVisitDialogProps {
  visit: VisitDto;
  open: boolean;
  /** "Tuesday, 24 November, 9:00 – 9:30 AM", in the viewer's zone. */
  when: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function CancelVisitDialog({ visit, open, when, onConfirm, onClose }: CancelVisitDialogProps) {
  const { busy, error, run } = useDialogAction(onClose);
  const told = visit.notify.length > 0 ? ' The patient is told that it is cancelled.' : '';

  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Cancel the visit with {visit.patient.name}?</DialogTitle>
          <DialogContent>
            {`${when}. The meeting is removed and the patient's link stops working.${told}`}
            {error && <ErrorBar error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose} disabled={busy}>
              Keep visit
            </Button>
            <Button appearance="primary" onClick={() => void run(onConfirm)} disabled={busy}>
              {busy ? 'Cancelling…' : 'Cancel visit'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
