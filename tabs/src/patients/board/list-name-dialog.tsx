/** Names a new rounding list, or renames one. The API's message appears under the field it is about. */
import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../../shared/api-error';
import { formErrors } from '../../shared/field-errors';
import { FormDialog } from '../../shared/form-dialog';
import { useDialogAction } from '../../shared/use-dialog-action';

export interface ListNameDialogProps {
  open?: boolean;
  title: string;
  submitLabel: string;
  initialName?: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

export function ListNameDialog({ open = true, title, submitLabel, initialName = '', onSubmit, onClose }: ListNameDialogProps) {
  const [name, setName] = useState(initialName);
  const { busy, error, setError, run } = useDialogAction(onClose);
  const { messageFor, formError } = formErrors(error, ['name']);

  async function submit() {
    if (!name.trim()) {
      // Checked here too, shaped like the API's own field error, so an empty name costs no round trip.
      setError(new ApiError({ code: 'name_required', message: 'Give the list a name, e.g. "Ward 7 West".', field: 'name' }));
      return;
    }
    await run(() => onSubmit(name.trim()));
  }

  return (
    <FormDialog open={open} title={title} submitLabel={submitLabel} busyLabel="Saving…" busy={busy} error={formError} onSubmit={() => void submit()} onClose={onClose}>
      <Field label="List name" required validationMessage={messageFor('name')}>
        <Input value={name} maxLength={80} onChange={(_, data) => setName(data.value)} />
      </Field>
    </FormDialog>
  );
}

