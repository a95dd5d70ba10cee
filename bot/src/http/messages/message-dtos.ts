/** Clinician messages to the contract's JSON shapes (dates as ISO strings), as one viewer sees them. */
import type { PersonDto } from '../../contracts/people-api';
import type { MessageDto, MessageThreadDto } from '../../contracts/messages-api';
import type { ClinicianMessage, MessagePatient, Person } from '../../domain/messages/message-types';
import type { Identity } from '../auth/identity';

const sameId = (person: Person | null, userId: string): boolean => person !== null && person.aadObjectId.toLowerCase() === userId.toLowerCase();
const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
// Field by field: what is stored as JSON may carry more than the contract shows.
const person = ({ aadObjectId, name }: Person): PersonDto => ({ aadObjectId, name });
const personOrNull = (value: Person | null): PersonDto | null => (value ? person(value) : null);
const patient = ({ ref, source, name, mrn, location }: MessagePatient) => ({ ref, source, name, mrn, location });

/**
 * The buttons the viewer gets, following MessageService's rules: the message's people may answer,
 * its care team only once it was escalated to their channel. The sender does not acknowledge their own.
 */
function viewerMay(message: ClinicianMessage, viewer: Identity): { canAcknowledge: boolean; canReply: boolean } {
  const party = [message.sender, message.recipient, message.backup, message.acknowledgedBy].some((person) => sameId(person, viewer.userId));
  const escalatedToTeam = message.team !== null && message.events.some((event) => event.kind === 'channel_alerted');
  const mayAnswer = party || escalatedToTeam;
  return { canAcknowledge: mayAnswer && !message.acknowledgedAt && !sameId(message.sender, viewer.userId), canReply: mayAnswer };
}

export function toMessageDto(message: ClinicianMessage, viewer: Identity): MessageDto {
  return {
    id: message.id,
    threadId: message.threadId,
    inReplyTo: message.inReplyTo,
    sender: person(message.sender),
    recipient: person(message.recipient),
    role: message.role,
    backup: personOrNull(message.backup),
    priority: message.priority,
    patient: message.patient ? patient(message.patient) : null,
    text: message.text,
    sentAt: message.sentAt.toISOString(),
    deliveredAt: iso(message.deliveredAt),
    acknowledgedAt: iso(message.acknowledgedAt),
    acknowledgedBy: personOrNull(message.acknowledgedBy),
    undeliverable: message.undeliverable,
    events: message.events.map((event) => ({ kind: event.kind, at: event.at.toISOString(), by: personOrNull(event.by), detail: event.detail })),
    ...viewerMay(message, viewer),
  };
}

/** Messages (oldest first) grouped by thread: the newest thread first, each with its replies oldest first. */
export function toThreadDtos(messages: readonly ClinicianMessage[], viewer: Identity): MessageThreadDto[] {
  const threads = new Map<string, ClinicianMessage[]>();
  for (const message of messages) threads.set(message.threadId, [...(threads.get(message.threadId) ?? []), message]);
  return [...threads.values()]
    .flatMap((thread) => {
      // The first message is the one whose id names the thread; replies share its thread id.
      const first = thread.find((message) => message.id === message.threadId);
      return first ? [{ first, replies: thread.filter((message) => message !== first) }] : [];
    })
    .sort((a, b) => b.first.sentAt.getTime() - a.first.sentAt.getTime())
    .map(({ first, replies }) => ({ message: toMessageDto(first, viewer), replies: replies.map((reply) => toMessageDto(reply, viewer)) }));
}
