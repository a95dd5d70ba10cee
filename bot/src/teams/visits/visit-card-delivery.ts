/**
 * How the patient was told, in the visit card's words: "Patient told by SMS and email · 10:02",
 * "Invitation in the outbox (no SMS provider configured)", "SMS not sent: the number opted out (STOP)".
 * Read from the newest outbox message per channel; times show in each viewer's zone.
 */
import type { NotifyEvent, VisitDelivery } from '../../domain/notifications/notification-types';
import type { NotifyChannel, Visit } from '../../domain/visits/visit-types';
import { notifiedLabel } from './visit-card-parts';
import { viewerClock } from '../card-parts';

const TOLD: Record<NotifyEvent, string> = {
  invite: 'Patient told',
  reschedule: 'Patient told the new time',
  cancel: 'Patient told of the cancellation',
  reminder: 'Reminder sent',
};

const WHAT: Record<NotifyEvent, string> = { invite: 'Invitation', reschedule: 'New time', cancel: 'Cancellation', reminder: 'Reminder' };

const CHANNEL: Record<NotifyChannel, string> = { sms: 'SMS', email: 'email' };

const eventOf = (delivery: VisitDelivery): NotifyEvent => delivery.template.split('.')[0] as NotifyEvent;
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const clause = (text: string): string => text.trim().replace(/\.$/, '');
const channels = (group: readonly VisitDelivery[], joiner: string): string => group.map((delivery) => CHANNEL[delivery.channel]).join(joiner);

/**
 * The card's "Invitation" line. Without deliveries (not read, or nothing written yet) it says how the
 * patient will be told; with them, what became of the newest message on each channel.
 */
export function invitationLabel(visit: Pick<Visit, 'notify' | 'status'>, deliveries: readonly VisitDelivery[] | undefined): string {
  if (!deliveries || deliveries.length === 0 || visit.notify.length === 0) return notifiedLabel(visit);
  // Channels whose newest message is of the same event and status read as one phrase.
  const groups = new Map<string, VisitDelivery[]>();
  for (const delivery of deliveries) {
    const key = `${eventOf(delivery)}:${delivery.status}`;
    groups.set(key, [...(groups.get(key) ?? []), delivery]);
  }
  return [...groups.values()].flatMap(phrases).join('; ');
}

function phrases(group: readonly VisitDelivery[]): string[] {
  const [first] = group;
  if (!first) return [];
  const event = eventOf(first);
  switch (first.status) {
    case 'sent': {
      const latest = Math.max(...group.map((delivery) => delivery.at.getTime()));
      return [`${TOLD[event]} by ${channels(group, ' and ')} · ${viewerClock(new Date(latest))}`];
    }
    case 'queued': {
      const retrying = group.find((delivery) => delivery.lastError);
      return [`${WHAT[event]} being sent by ${channels(group, ' and ')}${retrying?.lastError ? ` (trying again: ${clause(retrying.lastError)})` : ''}`];
    }
    case 'stored':
      return [`${WHAT[event]} in the outbox (no ${channels(group, ' or ')} provider configured)`];
    case 'suppressed':
      return group.map((delivery) => (delivery.channel === 'sms' ? 'SMS not sent: the number opted out (STOP)' : `${capitalised(CHANNEL[delivery.channel])} not sent`));
    case 'failed':
      return group.map((delivery) => `${capitalised(CHANNEL[delivery.channel])} not sent: ${delivery.lastError ? clause(delivery.lastError) : 'the provider refused it'}`);
  }
}
