/**
 * The schedule card: a form when the user typed "schedule" alone, the confirm card when a request was
 * read. Nothing is created until its "Schedule visit" action comes back; an error comes back on the
 * same card, next to the field it is about.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { carryOf, type VisitForm } from './visit-form';
import { card, execute, heading, note, patientField, warning } from '../card-parts';
import { placeFormError, type FormError } from '../form-error';
import { patientLabel } from './visit-card-parts';

export interface FormCardOptions {
  title?: string;
  /** A problem to show; with a field, it is shown next to that field. */
  error?: FormError;
  notes?: readonly string[];
  /** Clinician names kept as typed. */
  warnings?: readonly string[];
}

type Element = Record<string, unknown>;

/** Which input an AppError field belongs next to. */
const FIELD_TO_INPUT: Record<string, string> = {
  patient: 'patientId',
  start: 'time',
  durationMinutes: 'durationMinutes',
  visitType: 'visitType',
  clinicians: 'clinicianNames',
  reason: 'reason',
  'patientContact.phone': 'phone',
  'patientContact.email': 'email',
  'guests.0.phone': 'guestPhone',
  'guests.0.email': 'guestEmail',
};

export function visitFormCard(form: VisitForm, options: FormCardOptions = {}): AdaptiveCard {
  const { top, at: errorAt } = placeFormError(options.error, (field) => FIELD_TO_INPUT[field]);
  const body: Element[] = [
    heading(options.title ?? 'Schedule a video visit'),
    ...top,
    ...(options.notes ?? []).map(note),
    ...(form.zoneKnown ? [] : [note('Times are in UTC: Teams did not tell me your time zone. Send me any message from the Teams app to fix that.')]),
    ...patientField(form.patient?.fhirId ? patientLabel(form.patient) : null, { heading: 'Patient', empty: 'Patient' }, true),
    ...errorAt('patientId'),
    { type: 'Input.Date', id: 'date', label: 'Date', isRequired: true, errorMessage: 'Choose a date.', value: form.date },
    { type: 'Input.Time', id: 'time', label: `Time (${form.timeZone})`, isRequired: true, errorMessage: 'Choose a time.', value: form.time },
    ...errorAt('time'),
    ...visitTypeChoice(form),
    ...errorAt('visitType'),
    {
      type: 'Input.Number',
      id: 'durationMinutes',
      label: 'Duration (minutes)',
      placeholder: "Leave empty for the visit type's",
      min: 5,
      max: 480,
      ...(Number(form.durationMinutes) ? { value: Number(form.durationMinutes) } : {}),
    },
    ...errorAt('durationMinutes'),
    { type: 'Input.Text', id: 'clinicianNames', label: 'Clinicians', placeholder: 'Dr Lee, Dr Patel', value: form.clinicianNames, maxLength: 500 },
    ...(options.warnings ?? []).map(warning),
    ...errorAt('clinicianNames'),
    { type: 'Input.Text', id: 'reason', label: 'Reason (optional)', value: form.reason, maxLength: 200 },
    ...errorAt('reason'),
    { type: 'Input.Text', id: 'phone', label: "Patient's mobile, with country code", style: 'Tel', placeholder: '+15551234567', value: form.phone, maxLength: 30 },
    ...errorAt('phone'),
    { type: 'Input.Text', id: 'email', label: "Patient's email", style: 'Email', value: form.email, maxLength: 320 },
    ...errorAt('email'),
    { type: 'TextBlock', text: 'Send the patient their link', weight: 'Bolder', wrap: true },
    toggle('notifySms', 'by SMS', form.notifySms),
    toggle('notifyEmail', 'by email', form.notifyEmail),
    { type: 'TextBlock', text: 'Guest (optional): family, a carer or an interpreter, with a link of their own', weight: 'Bolder', wrap: true },
    { type: 'Input.Text', id: 'guestName', label: "Guest's name", value: form.guestName, maxLength: 200 },
    { type: 'Input.Text', id: 'guestRelationship', label: 'Relationship or role', placeholder: 'daughter, carer, interpreter (Spanish)', value: form.guestRelationship, maxLength: 100 },
    { type: 'Input.Text', id: 'guestPhone', label: "Guest's mobile, with country code", style: 'Tel', value: form.guestPhone, maxLength: 30 },
    ...errorAt('guestPhone'),
    { type: 'Input.Text', id: 'guestEmail', label: "Guest's email", style: 'Email', value: form.guestEmail, maxLength: 320 },
    ...errorAt('guestEmail'),
    toggle('admitWhenClinicianJoins', "Let them in when I'm ready: entering the video room admits everyone checked in", form.admitWhenClinicianJoins),
  ];
  const data = { form: carryOf(form) };
  return {
    ...card(body),
    actions: [execute('Schedule visit', 'visit.confirm', data, 'positive'), execute('Discard', 'visit.discard', {})],
  };
}

/** Its default duration is in its title: the card cannot change the duration as the choice changes. */
function visitTypeChoice(form: VisitForm): Element[] {
  if (form.visitTypes.length === 0) return [];
  const choices = form.visitTypes.map((type) => ({ title: `${type.name} (${type.defaultDurationMinutes} min)`, value: type.key }));
  return [{ type: 'Input.ChoiceSet', id: 'visitType', label: 'Visit type', style: 'compact', isRequired: true, choices, value: form.visitType }];
}

const toggle = (id: string, title: string, on: boolean): Element => ({ type: 'Input.Toggle', id, title, value: on ? 'true' : 'false', valueOn: 'true', valueOff: 'false' });
