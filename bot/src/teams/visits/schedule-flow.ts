/**
 * The schedule conversation: a request (or "schedule" alone) becomes a confirm card; the card's
 * confirm schedules the visit. Every problem comes back on the same card, next to its field, with
 * nothing saved.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { AppError } from '../../domain/shared/app-error';
import type { DirectoryResolver } from '../../domain/patients/patient-summary';
import type { VisitService } from '../../domain/visits/visit-service';
import { applyVisitType, DEFAULT_VISIT_TYPE, type VisitType, type VisitTypeCatalog } from '../../domain/visits/visit-type-catalog';
import type { NewVisit, Visit, VisitPatient } from '../../domain/visits/visit-types';
import { formErrorOf } from '../form-error';
import { visitFormCard, type FormCardOptions } from './visit-form-card';
import { visitPatientChoiceCard } from './visit-patient-choice-card';
import type { CardReply } from '../card-reply';
import { matchClinicians, type ClinicianMatch, type TeamMember } from './clinician-match';
import { parseVisitRequest } from './parse-visit-request';
import { chosenPatient, directoryFor, MAX_CHOICES, searchPatients } from './patient-lookup';
import type { TurnFacts } from './turn-facts';
import { visitCardFor } from './visit-card-view';
import { contactOf, durationOf, guestsOf, readSubmission, startOf, type VisitForm } from './visit-form';

export interface ScheduleDeps {
  visits: VisitService;
  /** The telehealth visit types the form offers; the chosen one's duration and templates apply. */
  types: VisitTypeCatalog;
  directories: DirectoryResolver;
  teamMembers(context: TurnContext, facts: TurnFacts): Promise<TeamMember[] | null>;
  now(): Date;
  newKey(): string;
  /** The team's coordination channel's conversation, where the visit's card is posted too once its meeting exists; null for none. */
  announceIn: string | null;
}

const CONFIRM_TITLE = 'Check and confirm the visit';

/** The first card for a typed request; "schedule" alone gives the empty form. */
export async function startSchedule(deps: ScheduleDeps, context: TurnContext, facts: TurnFacts, text: string): Promise<AdaptiveCard> {
  const parsed = parseVisitRequest(text, deps.now(), facts.timeZone);
  const bare = !parsed.patientName && !parsed.date && !parsed.time && parsed.clinicianNames.length === 0 && !parsed.reason;
  const { clinicians, warnings } = await cliniciansFor(deps, context, facts, parsed.clinicianNames);
  const form: VisitForm = {
    key: deps.newKey(),
    timeZone: facts.timeZone,
    zoneKnown: facts.zoneKnown,
    patient: null,
    date: parsed.date ?? '',
    time: parsed.time ?? '',
    // Empty: the visit type's default duration.
    durationMinutes: parsed.durationMinutes === null ? '' : String(parsed.durationMinutes),
    visitType: DEFAULT_VISIT_TYPE,
    visitTypes: (await deps.types.list(facts.tenantId)).filter((type) => type.telehealth).map(({ key, name, defaultDurationMinutes }) => ({ key, name, defaultDurationMinutes })),
    clinicianNames: clinicians.map((clinician) => clinician.name).join(', '),
    clinicians,
    reason: parsed.reason ?? '',
    phone: '',
    email: '',
    notifySms: false,
    notifyEmail: false,
    admitWhenClinicianJoins: false,
    guestName: '',
    guestRelationship: '',
    guestPhone: '',
    guestEmail: '',
  };
  const options: FormCardOptions = { warnings, ...(bare ? {} : { title: CONFIRM_TITLE }) };
  if (!parsed.patientName) return visitFormCard(form, options);
  const matches = await searchPatients(await directoryFor(deps.directories, facts), parsed.patientName);
  const [only] = matches;
  if (matches.length === 1 && only) return visitFormCard({ ...form, patient: only }, options);
  if (matches.length > 1) return visitPatientChoiceCard(form, parsed.patientName, matches.slice(0, MAX_CHOICES));
  return visitFormCard(form, { ...options, error: { message: `No patient in the EHR matches "${parsed.patientName}". Search for the patient below.`, field: 'patient' } });
}

/** A patient picked on the choice card: the confirm card, still nothing saved. */
export function choosePatient(data: unknown): CardReply {
  const { form } = readSubmission(data);
  const error = form.patient ? undefined : { message: 'Search for the patient by name, MRN or birth date.', field: 'patient' };
  return { card: visitFormCard(form, { title: CONFIRM_TITLE, warnings: typedWarnings(form), ...(error ? { error } : {}) }), forAll: false };
}

/** The confirm: schedules the visit (once per card, by its key) or returns the card with the problem. */
export async function confirmSchedule(deps: ScheduleDeps, context: TurnContext, facts: TurnFacts, data: unknown): Promise<{ reply: CardReply; visit: Visit | null }> {
  const submission = readSubmission(data);
  let form = submission.form;
  try {
    if (submission.cliniciansChanged) {
      const match = await cliniciansFor(deps, context, facts, splitNames(form.clinicianNames));
      form = { ...form, clinicians: match.clinicians, clinicianNames: form.clinicianNames };
      // Names typed on the card that match nobody are shown before anything is booked.
      if (match.warnings.length > 0) return { reply: { card: visitFormCard(form, { title: CONFIRM_TITLE, warnings: match.warnings }), forAll: false }, visit: null };
    }
    // The search left empty keeps the patient the card names.
    const patientId = submission.patientId || form.patient?.fhirId;
    if (!patientId) throw new AppError('validation', 'Choose the patient for this visit.', { field: 'patient' });
    const patient = await chosenPatient(await directoryFor(deps.directories, facts), patientId, form.patient);
    form = { ...form, patient };
    const type = await deps.types.bookable(facts.tenantId, form.visitType || null);
    const visit = await deps.visits.schedule(facts.principal, newVisit(form, type, facts, patient, deps.announceIn), form.key);
    const viewerIds = form.clinicians.flatMap((clinician) => (clinician.teamsUserId ? [clinician.teamsUserId] : []));
    return { reply: { card: visitCardFor(deps.visits, visit, { viewerIds, timeZone: facts.timeZone }), forAll: true }, visit };
  } catch (error) {
    const card = visitFormCard(form, { title: CONFIRM_TITLE, warnings: typedWarnings(form), error: formErrorOf(error) });
    return { reply: { card, forAll: false }, visit: null };
  }
}

function newVisit(form: VisitForm, type: VisitType, facts: TurnFacts, patient: VisitPatient, announceIn: string | null): NewVisit {
  const start = startOf(form);
  const asked = contactOf(form);
  const { durationMinutes, notify } = applyVisitType(type, { durationMinutes: durationOf(form), notify: asked.notify }, asked.contact);
  const contact = asked.contact;
  return {
    tenantId: facts.tenantId,
    patient,
    start,
    durationMinutes,
    visitType: type.key,
    clinicians: form.clinicians.map(({ aadObjectId, name, email }) => ({ aadObjectId, name, email })),
    reason: form.reason || null,
    contact,
    notify,
    origin: facts.origin,
    announceIn,
    timeZone: form.timeZone,
    createdBy: { id: facts.caller.aadObjectId ?? '', name: facts.caller.name },
    admitWhenClinicianJoins: form.admitWhenClinicianJoins,
    guests: guestsOf(form),
  };
}

async function cliniciansFor(deps: ScheduleDeps, context: TurnContext, facts: TurnFacts, names: readonly string[]): Promise<ClinicianMatch> {
  // Someone must be told when the patient arrives: the requester is the clinician unless others are named (editable on the card).
  if (names.length === 0) return { clinicians: [facts.caller], warnings: [] };
  const callerNamed = names.filter((name) => sameName(name, facts.caller.name));
  const others = names.filter((name) => !sameName(name, facts.caller.name));
  const match = matchClinicians(others, others.length > 0 ? await deps.teamMembers(context, facts) : []);
  return { clinicians: [...(callerNamed.length > 0 ? [facts.caller] : []), ...match.clinicians], warnings: match.warnings };
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const splitNames = (text: string): string[] =>
  text
    .split(/,|;|\band\b/i)
    .map((name) => name.trim())
    .filter(Boolean);

function typedWarnings(form: VisitForm): string[] {
  return form.clinicians.filter((clinician) => !clinician.aadObjectId).map((clinician) => `${clinician.name} is kept as typed, without a Teams account.`);
}
