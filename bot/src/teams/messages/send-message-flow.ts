/**
 * Sending a message from the bot: from a typed request ("message Dr Lee about Jane Doe: …") or the
 * form. The recipient and the patient are resolved first; anything unclear comes back as the form
 * with the problem at its field, and nothing is sent. A sent message answers with the sender's card.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';
import type { Actor } from '../../domain/shared/actor';
import type { DirectoryResolver, PatientDirectory } from '../../domain/patients/patient-summary';
import type { MessageService } from '../../domain/messages/message-service';
import { type ClinicianMessage, type MessagePatient, type PeopleDirectory, PRIORITIES, type Priority } from '../../domain/messages/message-types';
import type { OnCallRoster } from '../../domain/messages/on-call-roster';
import { patientById } from '../../domain/visits/visit-patients';
import type { VisitPatient } from '../../domain/visits/visit-types';
import { formErrorOf } from '../form-error';
import { messageCard } from './message-card';
import { messageFormCard, type MessageFormView } from './message-form-card';
import { patientLabel } from '../visits/visit-card-parts';
import { directoryFor, searchPatients } from '../visits/patient-lookup';
import { teamMembersOf } from '../people/team-members';
import type { TurnFacts } from '../visits/turn-facts';
import { resolveAddressee } from './addressee';
import { type LinkSettings, linksFor } from './message-links';
import { parseMessageRequest } from './parse-message-request';

export interface SendFlowDeps {
  messages: MessageService;
  roster: OnCallRoster;
  people: PeopleDirectory;
  directories: DirectoryResolver;
  links: LinkSettings;
  newKey(): string;
  logger: Logger;
}

export interface SendOutcome {
  card: AdaptiveCard;
  /** Set when the message went out: its sender's card is the one answered. */
  message: ClinicianMessage | null;
}

interface Draft {
  to: string;
  patient: { byId: string } | { byName: string } | null;
  priority: Priority;
  text: string;
  key: string | null;
}

const formInput = z.object({
  to: z.string().default(''),
  patientId: z.string().default(''),
  /** The patient the form named when it was drawn (kept unless another is chosen). */
  aboutPatientId: z.string().max(200).default(''),
  priority: z.enum(PRIORITIES as [Priority, ...Priority[]]).catch('routine'),
  text: z.string().default(''),
  key: z.string().max(100).nullable().default(null),
});

export async function sendFromText(deps: SendFlowDeps, context: TurnContext, facts: TurnFacts, text: string): Promise<SendOutcome> {
  const parsed = parseMessageRequest(text);
  if (parsed.kind === 'partial') {
    const { draft } = parsed;
    return form(deps, facts, { to: draft.to ?? '', patient: null, priority: parsed.priority, text: draft.text ?? '' }, draft.to && !draft.text ? { field: 'text', message: 'Write the message after a colon, or here.' } : undefined);
  }
  const { request } = parsed;
  return send(deps, context, facts, { to: request.to, patient: request.about ? { byName: request.about } : null, priority: request.priority, text: request.text, key: null });
}

export async function sendFromForm(deps: SendFlowDeps, context: TurnContext, facts: TurnFacts, data: unknown): Promise<SendOutcome> {
  const input = formInput.parse(data ?? {});
  const patientId = input.patientId || input.aboutPatientId;
  return send(deps, context, facts, { to: input.to, patient: patientId ? { byId: patientId } : null, priority: input.priority, text: input.text, key: input.key });
}

/** The empty form ("message" alone). */
export function blankForm(deps: SendFlowDeps, facts: TurnFacts): Promise<SendOutcome> {
  return form(deps, facts, { to: '', patient: null, priority: 'routine', text: '' });
}

async function send(deps: SendFlowDeps, context: TurnContext, facts: TurnFacts, draft: Draft): Promise<SendOutcome> {
  const actor = actorOf(facts);
  const again = (error: MessageFormView['error'], patient: VisitPatient | null = null) =>
    form(deps, facts, { to: draft.to, patient: patient?.fhirId ? { id: patient.fhirId, label: patientLabel(patient) } : null, priority: draft.priority, text: draft.text }, error);
  if (!draft.to.trim()) return again({ field: 'to', message: 'Name a person or an on-call role.' });
  if (!draft.text.trim()) return again({ field: 'text', message: 'Write the message.' });

  const directory = await directoryFor(deps.directories, facts);
  let patient: VisitPatient | null = null;
  if (draft.patient) {
    const found = await findPatient(directory, draft.patient);
    if (found.kind === 'problem') return again({ field: 'patient', message: found.message });
    patient = found.patient;
  }
  const members = await teamMembersOf(context, facts.scope, deps.logger);
  const addressee = await resolveAddressee(deps, actor, draft.to, members);
  if (addressee.kind === 'problem') return again({ field: 'to', message: addressee.message }, patient);

  const { teamId, channelId } = facts.origin;
  try {
    const message = await deps.messages.send(actor, {
      to: addressee.to,
      priority: draft.priority,
      text: draft.text,
      patient: patient ? await withLocation(directory, patient, deps.logger) : null,
      team: teamId && channelId ? { teamId, channelId } : null,
      idempotencyKey: draft.key,
      senderEmail: members?.find((member) => member.aadObjectId?.toLowerCase() === actor.userId.toLowerCase())?.email ?? null,
    });
    return { card: messageCard({ message, audience: 'sender', thread: [message], links: linksFor(message, 'sender', deps.links) }), message };
  } catch (error) {
    return again(formErrorOf(error), patient);
  }
}

async function form(deps: SendFlowDeps, facts: TurnFacts, draft: Omit<MessageFormView, 'roles' | 'key' | 'error'>, error?: MessageFormView['error']): Promise<SendOutcome> {
  const roles = await deps.roster.roles(actorOf(facts));
  return { card: messageFormCard({ ...draft, roles, key: deps.newKey(), ...(error ? { error } : {}) }), message: null };
}

type Found = { kind: 'found'; patient: VisitPatient } | { kind: 'problem'; message: string };

async function findPatient(directory: PatientDirectory, wanted: { byId: string } | { byName: string }): Promise<Found> {
  try {
    if ('byId' in wanted) return { kind: 'found', patient: await patientById(directory, wanted.byId, 'patient') };
    const matches = await searchPatients(directory, wanted.byName);
    const [only] = matches;
    if (matches.length === 1 && only) return { kind: 'found', patient: only };
    if (matches.length === 0) return { kind: 'problem', message: `No patient matches "${wanted.byName}". Search by name, MRN or birth date.` };
    return { kind: 'problem', message: `Several patients match "${wanted.byName}". Choose one.` };
  } catch (error) {
    if (error instanceof AppError && error.code !== 'internal') return { kind: 'problem', message: error.userMessage };
    throw error;
  }
}

/** The banner with where the patient is now; an EHR that cannot say leaves the location out rather than stop the message. */
async function withLocation(directory: PatientDirectory, patient: VisitPatient, logger: Logger): Promise<MessagePatient> {
  const ref = patient.fhirId ?? '';
  let location: string | null = null;
  try {
    const encounter = (await directory.summaries([ref])).get(ref)?.encounter;
    location = encounter?.status === 'ok' ? (encounter.value?.location ?? null) : null;
  } catch (error) {
    logger.warn({ code: error instanceof AppError ? error.code : 'internal' }, 'patient location not read for a message');
  }
  return { ref, source: 'ehr', name: patient.name, mrn: patient.mrn, location };
}

export function actorOf(facts: TurnFacts): Actor {
  if (facts.principal.kind !== 'user') throw new AppError('unauthenticated', 'I could not tell who you are.');
  return facts.principal.actor;
}
