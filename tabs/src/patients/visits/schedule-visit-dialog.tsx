/**
 * Schedules a visit with a patient on the list: a family call (the inpatient joins from a device on
 * the ward, relatives from home as guests) or a follow-up after discharge (the patient's mobile and
 * email filled in from the EHR when it has them). The service reads the patient from the list entry;
 * the dialog names only the entry. Each opening has its own idempotency key, so a double click books once.
 */
import { Field, Input, Select, Spinner, Switch, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { VisitDraftDto, VisitDto } from '../../../../bot/src/contracts/visits-api';
import { ApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import { ErrorBar } from '../../shared/error-bar';
import { formErrors } from '../../shared/field-errors';
import { FormDialog } from '../../shared/form-dialog';
import { useDialogAction } from '../../shared/use-dialog-action';
import { useLoad } from '../../shared/use-load';
import { GuestFields, emptyGuest, guestsInput } from './guest-fields';
import type { GuestDraft } from './guest-fields';
import { fetchVisitDraft, scheduleVisit } from './patient-visits-api';
import type { ScheduleKind } from './schedule-kind';

const TITLES: Record<ScheduleKind, string> = { 'family-call': 'Family call with', 'follow-up': 'Follow-up with' };

const useStyles = makeStyles({
  surface: { maxWidth: 'min(720px, 100vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: tokens.spacingHorizontalM },
});

/** API error paths ("patientContact.phone") land on these fields; a guest's ("guests.0.email") on that guest. */
const FIELDS = ['visitType', 'start', 'durationMinutes', 'timeZone', 'phone', 'email', 'reason'] as const;

export interface ScheduleVisitDialogProps {
  open?: boolean;
  api: ApiClient;
  listId: string;
  entryId: string;
  patientName: string;
  kind: ScheduleKind;
  onScheduled: (visit: VisitDto) => void;
  onClose: () => void;
}

export function ScheduleVisitDialog(props: ScheduleVisitDialogProps) {
  const { api, listId, entryId } = props;
  const draft = useLoad(`${listId}/${entryId}`, () => fetchVisitDraft(api, listId, entryId));
  if (draft.kind === 'loaded') return <ScheduleForm {...props} draft={draft.value} />;
  return (
    <FormDialog open={props.open} title={`${TITLES[props.kind]} ${props.patientName}`} submitLabel="Schedule" busyLabel="Scheduling…" busy={false} submitDisabled onSubmit={() => undefined} onClose={props.onClose}>
      {draft.kind === 'loading' ? <Spinner size="small" label="Reading the patient’s details…" /> : <ErrorBar error={draft.error} />}
    </FormDialog>
  );
}

function ScheduleForm({ open = true, api, listId, entryId, patientName, kind, draft, onScheduled, onClose }: ScheduleVisitDialogProps & { draft: VisitDraftDto }) {
  const styles = useStyles();
  const [visitType, setVisitType] = useState(() => (draft.visitTypes.some((type) => type.key === kind) ? kind : (draft.visitTypes[0]?.key ?? kind)));
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState('');
  const [phone, setPhone] = useState(draft.contact.phone ?? '');
  const [email, setEmail] = useState(draft.contact.email ?? '');
  const [reason, setReason] = useState('');
  const [guests, setGuests] = useState<GuestDraft[]>(() => (kind === 'family-call' ? [emptyGuest()] : []));
  const [admitWhenReady, setAdmitWhenReady] = useState(kind === 'family-call');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, setError, run } = useDialogAction(onClose);
  const guestError = error?.field?.startsWith('guests') ? error : undefined;
  const { messageFor, formError } = formErrors(guestError ? undefined : error, FIELDS);
  const type = draft.visitTypes.find((candidate) => candidate.key === visitType);
  const { rows, input: guestList } = guestsInput(guests);
  const guestRow = guestError ? rows[Number(/^guests\.(\d+)/.exec(guestError.field ?? '')?.[1] ?? NaN)] : undefined;

  async function submit() {
    // Checked here too, shaped like the API's own field errors, so an incomplete form costs no round trip.
    const start = date && time ? new Date(`${date}T${time}`) : null;
    if (!start || Number.isNaN(start.getTime())) {
      setError(new ApiError({ code: 'validation', message: 'Choose the date and time of the visit.', field: 'start' }));
      return;
    }
    await run(async () => {
      const visit = await scheduleVisit(api, listId, entryId, {
        visitType,
        start: start.toISOString(),
        ...(duration ? { durationMinutes: Number(duration) } : {}),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        patientContact: { ...(phone.trim() ? { phone: phone.replace(/[\s\-().]/g, '') } : {}), ...(email.trim() ? { email: email.trim() } : {}) },
        guests: guestList,
        admitWhenClinicianJoins: admitWhenReady,
        idempotencyKey,
      });
      onScheduled(visit);
    });
  }

  return (
    <FormDialog
      open={open}
      title={`${TITLES[kind]} ${patientName}`}
      submitLabel="Schedule"
      busyLabel="Scheduling…"
      busy={busy}
      error={formError}
      onSubmit={() => void submit()}
      onClose={onClose}
      surfaceClassName={styles.surface}
      contentClassName={styles.content}
    >
      <Field label="Visit type" required validationMessage={messageFor('visitType')}>
        <Select value={visitType} onChange={(_, data) => setVisitType(data.value)}>
          {draft.visitTypes.map((option) => (
            <option key={option.key} value={option.key}>
              {option.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label="Date" required validationMessage={messageFor('start')}>
          <Input type="date" value={date} onChange={(_, data) => setDate(data.value)} />
        </Field>
        <Field label="Time" required>
          <Input type="time" value={time} onChange={(_, data) => setTime(data.value)} />
        </Field>
        <Field label="Duration (minutes)" hint={type ? `Empty: ${type.defaultDurationMinutes} minutes, the type’s default` : undefined} validationMessage={messageFor('durationMinutes')}>
          <Input type="number" min={5} max={480} value={duration} onChange={(_, data) => setDuration(data.value)} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field
          label="Patient’s mobile"
          hint={kind === 'family-call' ? 'Optional: the patient joins from the ward’s device' : draft.contact.phone ? 'From the EHR; with country code' : 'With country code, e.g. +15551234567'}
          validationMessage={messageFor('phone')}
        >
          <Input type="tel" value={phone} maxLength={30} onChange={(_, data) => setPhone(data.value)} />
        </Field>
        <Field label="Patient’s email" hint={draft.contact.email ? 'From the EHR' : undefined} validationMessage={messageFor('email')}>
          <Input type="email" value={email} maxLength={320} onChange={(_, data) => setEmail(data.value)} />
        </Field>
      </div>
      <GuestFields guests={guests} onChange={setGuests} error={guestError && guestRow !== undefined ? { index: guestRow, message: guestError.message } : undefined} />
      {guestError && guestRow === undefined && <ErrorBar error={guestError} />}
      <Field label="Reason (optional)" validationMessage={messageFor('reason')}>
        <Textarea value={reason} maxLength={500} rows={2} onChange={(_, data) => setReason(data.value)} />
      </Field>
      <Switch checked={admitWhenReady} onChange={(_, data) => setAdmitWhenReady(data.checked)} label="Let them in when I’m ready: entering the video room admits everyone checked in" />
    </FormDialog>
  );
}
