/**
 * Adds a shift or changes one: the role, who is on call and their backup, and when it starts and ends
 * (dates and times in the viewer's zone). A problem the API names a field for shows under that field.
 * Closes through `open`, like the other dialogs of the tabs (microsoft/fluentui#35139).
 */
import { Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PersonDto } from '../../../bot/src/contracts/people-api';
import type { ShiftDto, ShiftInputDto } from '../../../bot/src/contracts/roster-api';
import { ApiError } from '../shared/api-error';
import type { ApiClient } from '../shared/api-client';
import { formErrors } from '../shared/field-errors';
import { FormDialog } from '../shared/form-dialog';
import type { PersonMatch } from '../shared/people-api';
import { PersonPicker } from '../shared/person-picker';
import { useDialogAction } from '../shared/use-dialog-action';
import { instantOf, localDateTime, nextShiftTimes } from './local-time';
import type { LocalDateTime } from './local-time';
import { RoleField } from './role-field';
import { addShift, updateShift } from './roster-api';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Starts on one row, ends on the next: date and time side by side.
  when: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
});

/** The fields an error can be about; the API names nested ones too ("person.aadObjectId"). */
const FIELDS = ['role', 'person', 'backup', 'start', 'end'] as const;
type FieldName = (typeof FIELDS)[number];

interface Draft {
  role: string;
  person: PersonMatch | undefined;
  backup: PersonMatch | undefined;
  start: LocalDateTime;
  end: LocalDateTime;
}

const asMatch = (person: PersonDto): PersonMatch => ({ aadObjectId: person.aadObjectId, name: person.name, email: person.email ?? null });

function draftOf(shift: ShiftDto | null, now: Date): Draft {
  const times = shift ? { start: new Date(shift.start), end: new Date(shift.end) } : nextShiftTimes(now);
  return {
    role: shift?.role ?? '',
    person: shift ? asMatch(shift.person) : undefined,
    backup: shift?.backup ? asMatch(shift.backup) : undefined,
    start: localDateTime(times.start),
    end: localDateTime(times.end),
  };
}

const problem = (field: FieldName, message: string) => new ApiError({ code: 'validation', message, field });

/** What can be told without asking the API; the rest (end after start, the backup someone else...) is its call. */
function inputOf(draft: Draft): ShiftInputDto | ApiError {
  const start = instantOf(draft.start);
  const end = instantOf(draft.end);
  if (!draft.role.trim()) return problem('role', 'Name the role, for example “Cardiology on call”.');
  if (!draft.person) return problem('person', 'Choose who is on call.');
  if (!start) return problem('start', 'Enter the date and time the shift starts.');
  if (!end) return problem('end', 'Enter the date and time the shift ends.');
  return { role: draft.role.trim(), person: draft.person, backup: draft.backup ?? null, start: start.toISOString(), end: end.toISOString() };
}

export interface ShiftFormDialogProps {
  api: ApiClient;
  /** The shift to change; null adds one. */
  shift: ShiftDto | null;
  open: boolean;
  /** The roles on the roster, suggested in the role field. */
  roles: readonly string[];
  now: Date;
  timeZone: string;
  onSaved: () => void;
  onClose: () => void;
}

export function ShiftFormDialog({ api, shift, open, roles, now, timeZone, onSaved, onClose }: ShiftFormDialogProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState(() => draftOf(shift, now));
  const { busy, error, setError, run } = useDialogAction(onClose);
  const { messageFor: fieldError, formError } = formErrors(error, FIELDS);
  const change = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));

  async function submit() {
    const input = inputOf(draft);
    if (input instanceof ApiError) {
      setError(input);
      return;
    }
    await run(async () => {
      await (shift ? updateShift(api, shift.id, input) : addShift(api, input));
      onSaved();
    });
  }

  return (
    <FormDialog
      open={open}
      title={shift ? 'Edit shift' : 'Add a shift'}
      submitLabel={shift ? 'Save shift' : 'Add shift'}
      busyLabel="Saving…"
      busy={busy}
      error={formError}
      onSubmit={() => void submit()}
      onClose={onClose}
      contentClassName={styles.content}
    >
      <RoleField value={draft.role} roles={roles} validationMessage={fieldError('role')} onChange={(role) => change({ role })} />
      <PersonPicker api={api} label="On call" required value={draft.person} validationMessage={fieldError('person')} onChange={(person) => change({ person })} />
      <PersonPicker api={api} label="Backup (optional)" value={draft.backup} validationMessage={fieldError('backup')} onChange={(backup) => change({ backup })} />
      <div className={styles.when}>
        <DateTimeFields label="Starts" value={draft.start} message={fieldError('start')} onChange={(start) => change({ start })} />
        <DateTimeFields label="Ends" value={draft.end} message={fieldError('end')} onChange={(end) => change({ end })} />
      </div>
      <Text size={200}>Dates and times are in your time zone, {timeZone}.</Text>
    </FormDialog>
  );
}

interface DateTimeFieldsProps {
  label: string;
  value: LocalDateTime;
  message: string | undefined;
  onChange: (value: LocalDateTime) => void;
}

/** A date and a time input, each labelled; the message shows once, under the date, and marks both. */
function DateTimeFields({ label, value, message, onChange }: DateTimeFieldsProps) {
  return (
    <>
      <Field label={`${label} (date)`} required validationMessage={message}>
        <Input type="date" value={value.date} onChange={(_, data) => onChange({ ...value, date: data.value })} />
      </Field>
      <Field label={`${label} (time)`} required validationState={message ? 'error' : 'none'}>
        <Input type="time" value={value.time} onChange={(_, data) => onChange({ ...value, time: data.value })} />
      </Field>
    </>
  );
}
