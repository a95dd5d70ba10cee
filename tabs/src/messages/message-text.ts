/**
 * How a clinician message reads in the tab: its route, where it is (acknowledged, delivered, not
 * delivered) and the escalation steps taken. Pure functions; `clock` formats a time for the viewer.
 */
import type { MessageDto, MessageEventDto, MessagePriority } from '../../../bot/src/contracts/messages-api';

export type Clock = (iso: string) => string;

export const PRIORITY_LABELS: Record<MessagePriority, string> = { routine: 'Routine', urgent: 'Urgent', stat: 'STAT' };

/** "Dr Kim → Dr Lee", or "Dr Kim → Cardiology on call (Dr Lee)" when it went to a role. */
export function routeText(message: MessageDto): string {
  const to = message.role ? `${message.role} (${message.recipient.name})` : message.recipient.name;
  return `${message.sender.name} → ${to}`;
}

/** The codes the service gives for an undelivered message, in words (the bot's cards say the same). */
function undeliverableText(message: MessageDto): string {
  const who = message.recipient.name;
  return message.undeliverable === 'not-installed' ? `${who} has not added Rounds in Teams (not installed)` : `Teams would not let Rounds reach ${who}`;
}

/** "Acknowledged by Dr Lee at 10:02", "Delivered 10:01", "Not delivered: …". */
export function stateText(message: MessageDto, clock: Clock): string {
  if (message.acknowledgedAt && message.acknowledgedBy) return `Acknowledged by ${message.acknowledgedBy.name} at ${clock(message.acknowledgedAt)}`;
  if (message.undeliverable) return `Not delivered: ${undeliverableText(message)}`;
  const waiting = message.priority === 'routine' || message.inReplyTo ? '' : ' · not acknowledged yet';
  return message.deliveredAt ? `Delivered ${clock(message.deliveredAt)}${waiting}` : `Sent, not delivered yet${waiting}`;
}

function stepText(message: MessageDto, event: MessageEventDto, clock: Clock): string | undefined {
  switch (event.kind) {
    case 'realerted':
      return `Re-alerted ${clock(event.at)}`;
    case 'backup_alerted':
      return message.backup ? `Sent to backup ${message.backup.name} ${clock(event.at)}` : `Sent to the backup ${clock(event.at)}`;
    case 'no_backup':
      return 'No backup to send it to';
    case 'channel_alerted':
      return `Posted to the channel ${clock(event.at)}`;
    case 'no_channel':
      return 'No channel to post it to';
    case 'sent':
    case 'delivered':
    case 'not_delivered':
    case 'installed':
    case 'acknowledged':
    case 'replied':
      return undefined;
  }
}

/** "Re-alerted 10:05 · Sent to backup Dr Chen 10:10 · Posted to the channel 10:15"; undefined before any step. */
export function escalationText(message: MessageDto, clock: Clock): string | undefined {
  const steps = message.events.flatMap((event) => stepText(message, event, clock) ?? []);
  return steps.length > 0 ? steps.join(' · ') : undefined;
}
