/** Renders one patient message (text, HTML and calendar invite) for a visit, event and channel. */
import type { MessageTemplate, NotifyEvent } from '../domain/notifications/notification-types';
import { visitEnd, type NotifyChannel, type Visit } from '../domain/visits/visit-types';
import { buildInvite } from './ics';
import { messageValues } from './message-variables';
import { renderSubject, renderText, textToHtml } from './templates';

export interface ComposeSettings {
  organisationName: string;
  /** The ORGANIZER of calendar invites: the address emails come from. */
  organizer: { name: string; email: string };
}

export interface ComposedMessage {
  recipient: string;
  subject: string | null;
  body: string;
  html: string | null;
  ics: string | null;
}

/** Null when the visit has no address for this channel. */
export function composeMessage(
  visit: Visit,
  event: NotifyEvent,
  channel: NotifyChannel,
  template: MessageTemplate,
  joinUrl: string,
  settings: ComposeSettings,
  now: Date,
  /** A line added after the template's text (a guest's check-in code). */
  addendum: string | null = null,
): ComposedMessage | null {
  const values = messageValues(visit, { joinUrl, organisationName: settings.organisationName });
  const rendered = renderText(template.body, values).trim();
  const body = addendum ? `${rendered}${channel === 'sms' ? ' ' : '\n\n'}${addendum}` : rendered;
  if (channel === 'sms') {
    return visit.contact.phone ? { recipient: visit.contact.phone, subject: null, body, html: null, ics: null } : null;
  }
  const email = visit.contact.email;
  if (!email) return null;
  const subject = renderSubject(template.subject ?? '{{organisation.name}}', values);
  // A reminder changes nothing on the calendar; a fresh invite there would only be noise.
  const ics =
    event === 'reminder'
      ? null
      : buildInvite({
          method: event === 'cancel' ? 'CANCEL' : 'REQUEST',
          uid: `${visit.id}@rounds`,
          sequence: visit.scheduleVersion,
          start: visit.start,
          end: visitEnd(visit),
          stamp: now,
          summary: `Video visit with ${values['clinician.name']}`,
          description: event === 'cancel' ? 'This video visit has been cancelled.' : `Join your video visit at that time: ${joinUrl}`,
          url: event === 'cancel' ? null : joinUrl,
          organizer: settings.organizer,
          attendeeEmail: email,
        });
  return { recipient: email, subject, body, html: textToHtml(body, subject, event === 'cancel' ? null : joinUrl), ics };
}
