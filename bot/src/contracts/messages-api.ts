/**
 * HTTP contract of clinician messages as the tabs use them (`/api/messages` is the Bot Framework's
 * endpoint, hence `/api/clinician-messages`):
 * - `POST /api/clinician-messages` (SendMessageInput) → 201 MessageDto: about the patient of a list
 *   entry (the service reads the patient and the care team from the entry, never from the browser);
 * - `GET /api/lists/<listId>/patients/<entryId>/messages` → PatientMessages: the patient's messages in
 *   the list's care team (members only), newest thread first, replies oldest first;
 * - `POST /api/clinician-messages/<id>/acknowledge` → MessageDto;
 * - `POST /api/clinician-messages/<id>/replies` (ReplyInput) → 201 MessageDto (the reply).
 * Errors: `{ error: { code, message, field } }`; a role with nobody on duty is a 404 with field `to`.
 */
import { z } from 'zod/v4';
import { personDto } from './people-api';

/** The most a message (or a reply) may say, as the service counts it: after trimming. */
export const MAX_MESSAGE_LENGTH = 2000;

export const messagePriority = z.enum(['routine', 'urgent', 'stat'], { error: "priority must be 'routine', 'urgent' or 'stat'" });
export type MessagePriority = z.infer<typeof messagePriority>;

/** A person picked from the people search, or an on-call role resolved by the service when it sends. */
export const addresseeInput = z.discriminatedUnion(
  'kind',
  [
    // personDto's shape with a message a user understands when no person was picked.
    z.object({ kind: z.literal('person'), person: z.object(personDto.shape, { error: 'Pick a person from the search.' }) }),
    z.object({ kind: z.literal('role'), role: z.string({ error: 'Choose a role.' }).trim().min(1, 'Choose a role.').max(80, 'role is too long') }),
  ],
  { error: 'Choose who gets the message: a person or an on-call role.' },
);
export type AddresseeInput = z.infer<typeof addresseeInput>;

const messageText = z
  .string({ error: 'Write the message.' })
  .trim()
  .min(1, 'Write the message.')
  .max(MAX_MESSAGE_LENGTH, `Keep the message under ${MAX_MESSAGE_LENGTH} characters.`);

export const sendMessageInput = z.object({
  to: addresseeInput,
  priority: messagePriority,
  text: messageText,
  listEntryId: z.string({ error: 'listEntryId is required' }).trim().min(1, 'listEntryId is required').max(256, 'listEntryId is too long'),
  /** New for each message being written: sending it again (a double click, a retry) sends once. */
  idempotencyKey: z.string({ error: 'idempotencyKey is required' }).trim().min(16, 'idempotencyKey must have at least 16 characters').max(100, 'idempotencyKey is too long'),
});
export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const replyInput = z.object({ text: messageText });
export type ReplyInput = z.infer<typeof replyInput>;

export const messageEventKind = z.enum([
  'sent',
  'delivered',
  'not_delivered',
  'installed',
  'realerted',
  'backup_alerted',
  'no_backup',
  'channel_alerted',
  'no_channel',
  'acknowledged',
  'replied',
]);
export type MessageEventKind = z.infer<typeof messageEventKind>;

/** `detail` is a code (e.g. `not-installed`, `reply`), never message text. */
export const messageEventDto = z.object({ kind: messageEventKind, at: z.string(), by: personDto.nullable(), detail: z.string().nullable() });
export type MessageEventDto = z.infer<typeof messageEventDto>;

/** The patient as the message recorded them when it was sent (location then, not now). */
export const messagePatientDto = z.object({
  ref: z.string(),
  source: z.enum(['ehr', 'manual']),
  name: z.string(),
  mrn: z.string().nullable(),
  location: z.string().nullable(),
});

export const messageDto = z.object({
  id: z.string(),
  threadId: z.string(),
  inReplyTo: z.string().nullable(),
  sender: personDto,
  recipient: personDto,
  /** The on-call role it was addressed to, when it was. */
  role: z.string().nullable(),
  backup: personDto.nullable(),
  priority: messagePriority,
  patient: messagePatientDto.nullable(),
  text: z.string(),
  sentAt: z.string(),
  deliveredAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: personDto.nullable(),
  /** Why the recipient could not be reached (a code such as `not-installed`); null once delivered. */
  undeliverable: z.string().nullable(),
  /** What happened to it, oldest first. */
  events: z.array(messageEventDto),
  /** What the caller may do: acknowledge it (it is for them and not acknowledged yet), reply to it. */
  canAcknowledge: z.boolean(),
  canReply: z.boolean(),
});
export type MessageDto = z.infer<typeof messageDto>;

export const messageThreadDto = z.object({ message: messageDto, replies: z.array(messageDto) });
export type MessageThreadDto = z.infer<typeof messageThreadDto>;

export const patientMessages = z.object({ threads: z.array(messageThreadDto) });
export type PatientMessages = z.infer<typeof patientMessages>;
