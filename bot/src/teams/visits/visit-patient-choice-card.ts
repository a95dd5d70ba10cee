/** Several patients match the name in a request: the user picks one (or searches in the form). */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { VisitPatient } from '../../domain/visits/visit-types';
import { carryOf, type VisitForm } from './visit-form';
import { card, execute, heading, paragraph } from '../card-parts';
import { patientLabel } from './visit-card-parts';

export function visitPatientChoiceCard(form: VisitForm, typedName: string, matches: readonly VisitPatient[]): AdaptiveCard {
  // The choice card has no inputs: the typed values ride in the data, under the inputs' names.
  const data = (patient: VisitPatient | null) => ({ form: { ...carryOf(form), patient }, ...draftOf(form), patientId: patient?.fhirId ?? '' });
  return {
    ...card([
      heading('Which patient?'),
      paragraph(`Several patients match **${typedName}**. Choose one; nothing is scheduled until you confirm on the next card.`),
      {
        type: 'ActionSet',
        actions: matches.map((patient) => execute(patientLabel(patient), 'visit.choose-patient', data(patient))),
      },
    ]),
    actions: [execute('None of these: search', 'visit.choose-patient', data(null))],
  };
}

const draftOf = (form: VisitForm) => ({
  date: form.date,
  time: form.time,
  durationMinutes: form.durationMinutes,
  clinicianNames: form.clinicianNames,
  reason: form.reason,
  phone: form.phone,
  email: form.email,
  notifySms: form.notifySms,
  notifyEmail: form.notifyEmail,
});
