/**
 * The cards of a clinician message. The recipient's (and the backup's, and the channel's once it is
 * escalated there) shows who sent it, its priority, the patient banner, the text and the thread, with
 * Acknowledge, Reply, Call and Open patient. The sender's shows where the message is: sent,
 * delivered, acknowledged by whom and when, each escalation step, replies. The preview (what a
 * notification or lock screen shows) names the sender and the priority only, never the patient.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { ClinicianMessage, MessageCard, MessageEvent, Priority } from '../../domain/messages/message-types';
import { attention, card, execute, note, paragraph, viewerClock } from '../card-parts';

export type MessageAudience = MessageCard['audience'];

/** Why a recipient-side card goes out now. */
export type MessageOccasion = 'new' | 'realert' | 'update';

export interface MessageLinks {
  /** Teams call deep link to the other person (needs their user principal name). */
  call: string | null;
  /** Deep link to the patient in the care team's Patients tab. */
  openPatient: string | null;
}

export interface MessageCardView {
  message: ClinicianMessage;
  audience: MessageAudience;
  /** The message's whole thread, oldest first (the message included). */
  thread: readonly ClinicianMessage[];
  links: MessageLinks;
  occasion?: MessageOccasion;
  notice?: string;
  error?: string;
}

type Element = Record<string, unknown>;

export const MESSAGE_VERBS = { acknowledge: 'message.acknowledge', reply: 'message.reply' } as const;

const PRIORITY_WORD: Record<Priority, string> = { routine: '', urgent: 'Urgent', stat: 'STAT' };

/** "Urgent message from Dr Kim": the priority and the sender, nothing about the patient. */
export function messagePreview(message: ClinicianMessage, audience: MessageAudience, occasion: MessageOccasion = 'new'): string {
  const kind = message.inReplyTo ? 'Reply' : `${PRIORITY_WORD[message.priority]} message`.trim();
  const capitalised = kind.charAt(0).toUpperCase() + kind.slice(1);
  switch (audience) {
    case 'sender':
      return `${capitalised} to ${message.recipient.name}`;
    case 'backup':
      return `${capitalised} for ${message.recipient.name}, not acknowledged: you are the backup`;
    case 'channel':
      return `${capitalised} for ${message.recipient.name}, not acknowledged`;
    case 'recipient':
      return occasion === 'realert' ? `Reminder: ${kind.toLowerCase()} from ${message.sender.name}` : `${capitalised} from ${message.sender.name}`;
  }
}

export function messageCard(view: MessageCardView): AdaptiveCard {
  const { message, audience } = view;
  const preview = messagePreview(message, audience, view.occasion);
  const body: Element[] = [
    headline(view),
    ...(view.error ? [attention(view.error)] : []),
    ...(view.notice ? [note(view.notice)] : []),
    ...patientBanner(message),
    { type: 'TextBlock', text: message.text, wrap: true, spacing: 'Medium' },
    note(`${message.sender.name} → ${addresseeLabel(message)} · ${viewerClock(message.sentAt)}`),
    stateLine(message, audience),
    ...(audience === 'sender' ? timeline(message) : []),
    ...replies(view),
  ];
  return { ...card(body), fallbackText: preview, actions: actions(view) };
}

function headline({ message, audience, occasion }: MessageCardView): Element {
  const priority = message.priority === 'routine' ? '' : `${PRIORITY_WORD[message.priority]} · `;
  const text = {
    sender: `${priority}Message to ${message.recipient.name}`,
    recipient: occasion === 'realert' && !message.acknowledgedAt ? `${priority}Reminder: message from ${message.sender.name}` : `${priority}Message from ${message.sender.name}`,
    backup: `${priority}Not acknowledged by ${message.recipient.name}: you are the backup`,
    channel: `${priority}Not acknowledged by ${message.recipient.name} or their backup`,
  }[audience];
  return { type: 'TextBlock', text: message.inReplyTo ? text.replace('Message', 'Reply') : text, size: 'Large', weight: 'Bolder', wrap: true, color: message.priority === 'routine' ? 'Default' : 'Attention' };
}

/** Name, MRN and location in an emphasised box, as clinicians expect a patient banner. */
function patientBanner({ patient }: ClinicianMessage): Element[] {
  if (!patient) return [];
  const details = [patient.mrn ? `MRN ${patient.mrn}` : null, patient.location].filter(Boolean).join(' · ');
  return [
    {
      type: 'Container',
      style: 'emphasis',
      bleed: false,
      items: [{ type: 'TextBlock', text: patient.name, weight: 'Bolder', wrap: true }, ...(details ? [{ type: 'TextBlock', text: details, isSubtle: true, wrap: true, spacing: 'None' }] : [])],
    },
  ];
}

const addresseeLabel = (message: ClinicianMessage): string => (message.role ? `${message.role} (${message.recipient.name})` : message.recipient.name);

function stateLine(message: ClinicianMessage, audience: MessageAudience): Element {
  if (message.acknowledgedAt && message.acknowledgedBy) {
    return { type: 'TextBlock', text: `✔ Acknowledged by ${message.acknowledgedBy.name} at ${viewerClock(message.acknowledgedAt)}`, color: 'Good', weight: 'Bolder', wrap: true };
  }
  if (audience === 'sender' && message.undeliverable) return attention(undeliverableText(message));
  const delivered = message.deliveredAt ? `Delivered at ${viewerClock(message.deliveredAt)}` : 'Sending…';
  return { type: 'TextBlock', text: audience === 'sender' ? `${delivered} · not acknowledged yet` : 'Not acknowledged yet', weight: 'Bolder', wrap: true, color: 'Accent' };
}

function undeliverableText(message: ClinicianMessage): string {
  const who = message.recipient.name;
  const next = message.backup ? `It went to the backup, ${message.backup.name}, at once.` : message.team ? "It was posted to the care team's channel at once." : '';
  const escalates = message.priority === 'routine' || !next ? '' : ` ${next}`;
  if (message.undeliverable === 'not-installed') {
    return `Not delivered: ${who} has not added Rounds in Teams and it could not be added for them. Ask them to add Rounds from Apps in Teams, or call them.${escalates}`;
  }
  if (message.undeliverable === 'unknown-user') {
    return `Not delivered: Teams could not open a chat between Rounds and ${who}. Call them instead.${escalates}`;
  }
  if (message.undeliverable === 'no-answer') {
    return `Not delivered: Teams did not answer after several tries. Call ${who} instead.${escalates}`;
  }
  return `Not delivered: Teams would not let Rounds reach ${who}. Call them instead.${escalates}`;
}

const EVENT_TEXT: Record<MessageEvent['kind'], (message: ClinicianMessage, event: MessageEvent) => string | null> = {
  sent: () => null,
  delivered: (message) => `Delivered to ${message.recipient.name}`,
  not_delivered: (message, event) =>
    event.detail === 'backup' ? `Could not reach the backup, ${message.backup?.name ?? 'unknown'}` : event.detail === 'channel' ? "Could not post to the care team's channel" : `Could not reach ${message.recipient.name}`,
  installed: (message) => `Rounds added for ${message.recipient.name}`,
  realerted: (message) => `${message.recipient.name} alerted again`,
  backup_alerted: (message) => `Sent to the backup, ${message.backup?.name ?? 'unknown'}`,
  no_backup: () => 'No backup on the roster to send it to',
  channel_alerted: () => "Posted to the care team's channel",
  no_channel: () => 'No care team channel to post it to',
  acknowledged: (_message, event) => `Acknowledged by ${event.by?.name ?? 'someone'}`,
  replied: (_message, event) => `Reply from ${event.by?.name ?? 'someone'}`,
};

/** The sender's record of what happened, each step with its time. */
function timeline(message: ClinicianMessage): Element[] {
  const facts = message.events.flatMap((event) => {
    const text = EVENT_TEXT[event.kind](message, event);
    return text ? [{ title: viewerClock(event.at), value: text }] : [];
  });
  return facts.length > 0 ? [{ type: 'FactSet', facts, spacing: 'Small' }] : [];
}

function replies({ message, thread }: MessageCardView): Element[] {
  const others = thread.filter((item) => item.id !== message.id);
  if (others.length === 0) return [];
  return [
    { type: 'TextBlock', text: 'Thread', weight: 'Bolder', spacing: 'Medium', wrap: true },
    ...others.map((item) => paragraph(`**${item.sender.name}** (${viewerClock(item.sentAt)}): ${item.text}`)),
  ];
}

function actions({ message, audience, links }: MessageCardView): Element[] {
  const data = { messageId: message.id };
  const list: Element[] = [];
  if (audience !== 'sender' && !message.acknowledgedAt) list.push(execute('Acknowledge', MESSAGE_VERBS.acknowledge, data, 'positive'));
  list.push({
    type: 'Action.ShowCard',
    title: 'Reply',
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'Input.Text', id: 'text', label: 'Reply', isMultiline: true, maxLength: 2000, isRequired: true, errorMessage: 'Write a reply.' }],
      actions: [execute('Send reply', MESSAGE_VERBS.reply, data)],
    },
  });
  if (links.call) list.push({ type: 'Action.OpenUrl', title: 'Call', url: links.call });
  if (links.openPatient) list.push({ type: 'Action.OpenUrl', title: 'Open patient', url: links.openPatient });
  return list;
}
