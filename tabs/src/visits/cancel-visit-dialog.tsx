/**
 * Asks before cancelling a visit. Its own dialog rather than the shared ConfirmDialog, whose
 * dismiss button says "Cancel": next to "Cancel visit" that would read as the same thing.
 * It closes through `open`, not by unmounting: an unmounted Fluent Dialog leaves the aria-hidden it
 * put on the page behind (microsoft/fluentui#35139), and the list would vanish for screen readers.
 */
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { FormDialog } from '../shared/form-dialog';
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
    <FormDialog
      open={open}
      alert
      title={`Cancel the visit with ${visit.patient.name}?`}
      cancelLabel="Keep visit"
      submitLabel="Cancel visit"
      busyLabel="Cancelling…"
      busy={busy}
      error={error}
      onSubmit={() => void run(onConfirm)}
      onClose={onClose}
    >
      {`${when}. The meeting is removed and the patient's link stops working.${told}`}
    </FormDialog>
  );
}
