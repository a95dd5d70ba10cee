/**
 * The message form: recipient (a person or an on-call role), patient (typeahead over the EHR behind
 * the conversation), priority and text. It comes back with the problem at the field when something
 * is wrong; nothing is sent until it is right.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { Priority } from '../../domain/messages/message-types';
import { card, execute, heading, note, patientField } from '../card-parts';
import { placeFormError, type FormError } from '../form-error';

export interface MessageFormView {
  to: string;
  patient: { id: string; label: string } | null;
  priority: Priority;
  text: string;
  /** Roles on the roster, offered as suggestions. */
  roles: readonly string[];
  /** A new key per form: the same form sent twice sends once. */
  key: string;
  error?: FormError;
}

export const MESSAGE_SEND_VERB = 'message.send';

/** The inputs an error can be shown under; the recipient's errors may name a part ("to.name"). */
const INPUTS = ['to', 'patient', 'text'] as const;

type Element = Record<string, unknown>;

export function messageFormCard(view: MessageFormView): AdaptiveCard {
  const { top, at: errorAt } = placeFormError(view.error, (field) => INPUTS.find((input) => input === field.split('.')[0]));
  const body: Element[] = [
    heading('Message a colleague'),
    ...top,
    { type: 'Input.Text', id: 'to', label: 'To', isRequired: true, errorMessage: 'Name a person or an on-call role.', placeholder: 'Dr Lee, or Cardiology on call', value: view.to, maxLength: 120 },
    ...(view.roles.length > 0 ? [note(`On-call roles: ${view.roles.join(', ')}`)] : []),
    ...errorAt('to'),
    ...patientField(view.patient?.label ?? null, { heading: 'About', empty: 'About (patient, optional)' }, false),
    ...errorAt('patient'),
    {
      type: 'Input.ChoiceSet',
      id: 'priority',
      label: 'Priority',
      style: 'expanded',
      value: view.priority,
      choices: [
        { title: 'Routine', value: 'routine' },
        { title: 'Urgent: escalates if not acknowledged', value: 'urgent' },
        { title: 'STAT: escalates within minutes', value: 'stat' },
      ],
    },
    { type: 'Input.Text', id: 'text', label: 'Message', isMultiline: true, isRequired: true, errorMessage: 'Write the message.', maxLength: 2000, value: view.text },
    ...errorAt('text'),
  ];
  // The patient named on the card travels with Send: the search beside it is left empty unless another is chosen.
  const data = { key: view.key, ...(view.patient ? { aboutPatientId: view.patient.id } : {}) };
  return { ...card(body), actions: [execute('Send', MESSAGE_SEND_VERB, data, 'positive')] };
}

