/** Moves a patient to another of the channel's lists. */
import { Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { ListRow, RoundingList } from '../../../../bot/src/contracts/lists-api';
import { FormDialog } from '../../shared/form-dialog';
import { useDialogAction } from '../../shared/use-dialog-action';

export interface MoveDialogProps {
  open?: boolean;
  row: ListRow;
  /** The lists it can go to (not the one it is on). */
  targets: readonly RoundingList[];
  onMove: (toListId: string) => Promise<void>;
  onClose: () => void;
}

export function MoveDialog({ open = true, row, targets, onMove, onClose }: MoveDialogProps) {
  const [target, setTarget] = useState(targets[0]?.id);
  const { busy, error, run } = useDialogAction(onClose);

  async function move() {
    if (!target) return;
    await run(() => onMove(target));
  }

  return (
    <FormDialog
      open={open}
      title={`Move ${row.summary.patient.name}`}
      submitLabel="Move"
      busyLabel="Moving…"
      busy={busy}
      submitDisabled={!target}
      error={error}
      onSubmit={() => void move()}
      onClose={onClose}
    >
      {targets.length === 0 ? (
        <Text>This channel has no other list. Create one with “New list” first.</Text>
      ) : (
        <Field label="Move to list">
          <RadioGroup value={target ?? ''} onChange={(_, data) => setTarget(data.value)}>
            {targets.map((list) => (
              <Radio key={list.id} value={list.id} label={list.name} />
            ))}
          </RadioGroup>
        </Field>
      )}
    </FormDialog>
  );
}
