/**
 * Schedules a visit with a patient on the list: a family call (the inpatient joins from a device on
 * the ward, relatives from home as guests) or a follow-up after discharge (the patient's mobile and
 * email filled in from the EHR when it has them). The service reads the patient from the list entry;
 * the dialog names only the entry. Each opening has its own idempotency key, so a double click books once.
 */
import { Field, Input, Select, Spinner, Switch, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { VisitDraftDto, VisitDto } from '../../../../bot/src/contracts/visits-api';
import { ApiError } from '../../shared/api-error';
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

interface FormValues {
  visitType: string;
  date: string;
  time: string;
  duration: string;
  phone: string;
  email: string;
  reason: string;
  guests: GuestDraft[];
  admitWhenReady: boolean;
}

/**
 * What the form starts from once the draft is in: the type asked for; for a follow-up the EHR's
 * contact details (a family call's patient is on the ward: texting their phone would not reach them there).
 */
const initialValues = (draft: VisitDraftDto, kind: ScheduleKind): FormValues => ({
  visitType: draft.visitTypes.some((type) => type.key === kind) ? kind : (draft.visitTypes[0]?.key ?? kind),
  date: '',
  time: '',
  duration: '',
  phone: kind === 'follow-up' ? (draft.contact.phone ?? '') : '',
  email: kind === 'follow-up' ? (draft.contact.email ?? '') : '',
  reason: '',
  guests: kind === 'family-call' ? [emptyGuest()] : [],
  admitWhenReady: kind === 'family-call',
});

/** One Fluent Dialog from the first render (loading) to the form: a Dialog unmounted while open leaves the page aria-hidden (microsoft/fluentui#35139). */
export function ScheduleVisitDialog({ open = true, api, listId, entryId, patientName, kind, onScheduled, onClose }: ScheduleVisitDialogProps) {
  const styles = useStyles();
  const draft = useLoad(`${listId}/${entryId}`, () => fetchVisitDraft(api, listId, entryId));
  const [edited, setEdited] = useState<FormValues>();
  const values = edited ?? (draft.kind === 'loaded' ? initialValues(draft.value, kind) : undefined);
  const set = (change: Partial<FormValues>) => values && setEdited({ ...values, ...change });
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, setError, run } = useDialogAction(onClose);
  const guestError = error?.field?.startsWith('guests') ? error : undefined;
  const { messageFor, formError } = formErrors(guestError ? undefined : error, FIELDS);
  const visitTypes = draft.kind === 'loaded' ? draft.value.visitTypes : [];
  const contact = draft.kind === 'loaded' ? draft.value.contact : { phone: null, email: null };
  const type = visitTypes.find((candidate) => candidate.key === values?.visitType);
  const { rows, input: guestList } = guestsInput(values?.guests ?? []);
  const guestRow = guestError ? rows[Number(/^guests\.(\d+)/.exec(guestError.field ?? '')?.[1] ?? NaN)] : undefined;

  async function submit() {
    if (!values) return;
    const { date, time, duration, phone, email, reason } = values;
    // Checked here too, shaped like the API's own field errors, so an incomplete form costs no round trip.
    const start = date && time ? new Date(`${date}T${time}`) : null;
    if (!start || Number.isNaN(start.getTime())) {
      setError(new ApiError({ code: 'validation', message: 'Choose the date and time of the visit.', field: 'start' }));
      return;
    }
    await run(async () => {
      const visit = await scheduleVisit(api, listId, entryId, {
        visitType: values.visitType,
        start: start.toISOString(),
        ...(duration ? { durationMinutes: Number(duration) } : {}),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        patientContact: { ...(phone.trim() ? { phone: phone.replace(/[\s\-().]/g, '') } : {}), ...(email.trim() ? { email: email.trim() } : {}) },
        guests: guestList,
        admitWhenClinicianJoins: values.admitWhenReady,
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
      submitDisabled={!values}
      error={formError}
      onSubmit={() => void submit()}
      onClose={onClose}
      surfaceClassName={styles.surface}
      contentClassName={styles.content}
    >
      {draft.kind === 'loading' && <Spinner size="small" label="Reading the patient’s details…" />}
      {draft.kind === 'failed' && <ErrorBar error={draft.error} />}
      {values && (
        <>
          <Field label="Visit type" required validationMessage={messageFor('visitType')}>
            <Select value={values.visitType} onChange={(_, data) => set({ visitType: data.value })}>
              {visitTypes.map((option) => (
                <option key={option.key} value={option.key}>
                  {option.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.row}>
            <Field label="Date" required validationMessage={messageFor('start')}>
              <Input type="date" value={values.date} onChange={(_, data) => set({ date: data.value })} />
            </Field>
            <Field label="Time" required>
              <Input type="time" value={values.time} onChange={(_, data) => set({ time: data.value })} />
            </Field>
            <Field label="Duration (minutes)" hint={type ? `Empty: ${type.defaultDurationMinutes} minutes, the type’s default` : undefined} validationMessage={messageFor('durationMinutes')}>
              <Input type="number" min={5} max={480} value={values.duration} onChange={(_, data) => set({ duration: data.value })} />
            </Field>
          </div>
          <div className={styles.row}>
            <Field
              label="Patient’s mobile"
              hint={kind === 'family-call' ? 'Optional: the patient joins from the ward’s device' : contact.phone ? 'From the EHR; with country code' : 'With country code, e.g. +15551234567'}
              validationMessage={messageFor('phone')}
            >
              <Input type="tel" value={values.phone} maxLength={30} onChange={(_, data) => set({ phone: data.value })} />
            </Field>
            <Field label="Patient’s email" hint={kind === 'follow-up' && contact.email ? 'From the EHR' : undefined} validationMessage={messageFor('email')}>
              <Input type="email" value={values.email} maxLength={320} onChange={(_, data) => set({ email: data.value })} />
            </Field>
          </div>
          <GuestFields
            guests={values.guests}
            onChange={(guests) => set({ guests })}
            error={guestError && guestRow !== undefined ? { index: guestRow, message: guestError.message } : undefined}
          />
          {guestError && guestRow === undefined && <ErrorBar error={guestError} />}
          <Field label="Reason (optional)" validationMessage={messageFor('reason')}>
            <Textarea value={values.reason} maxLength={500} rows={2} onChange={(_, data) => set({ reason: data.value })} />
          </Field>
          <Switch
            checked={values.admitWhenReady}
            onChange={(_, data) => set({ admitWhenReady: data.checked })}
            label="Let them in when I’m ready: entering the video room admits everyone checked in"
          />
        </>
      )}
    </FormDialog>
  );
}
