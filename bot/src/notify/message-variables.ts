/**
 * The variables a patient message may use, and their values for one visit. Nothing clinical exists
 * here (no reason, MRN, birth date or diagnosis), so no template can put it in a message.
 */
import type { NotifyChannel } from '../domain/visits/visit-types';
import type { NotifyEvent } from '../domain/notifications/notification-types';
import type { Visit } from '../domain/visits/visit-types';
import { zonedLabel } from '../domain/visits/zoned-time';

export const VARIABLE_HELP = {
  'patient.given_name': "the patient's first name",
  'patient.name': "the patient's full name (email only)",
  'visit.start_time': 'day, time and time zone, e.g. Tue 24 Nov, 3:00 PM GMT+11',
  'visit.date': 'the date, e.g. Tuesday 24 November 2026',
  'visit.time': 'the time, e.g. 3:00 PM',
  'visit.time_zone': 'the time zone of those times, e.g. AEDT',
  'visit.duration': 'e.g. 30 minutes',
  'visit.join_url': "the patient's link to the visit (not in cancellations: it no longer works)",
  'clinician.name': 'the first clinician of the visit',
  'organisation.name': 'who the message is from',
} as const;

export type VariableName = keyof typeof VARIABLE_HELP;
export type MessageValues = Record<VariableName, string>;

/** Which variables a template may use: a cancelled visit has no working link; SMS carries no full name. */
export function allowedVariables(event: NotifyEvent, channel: NotifyChannel): VariableName[] {
  return (Object.keys(VARIABLE_HELP) as VariableName[]).filter((name) => {
    if (name === 'visit.join_url') return event !== 'cancel';
    if (name === 'patient.name') return channel === 'email';
    return true;
  });
}

/** The patient's link is the point of every message but a cancellation: a template cannot drop it. */
export function requiredVariables(event: NotifyEvent): VariableName[] {
  return event === 'cancel' ? [] : ['visit.join_url'];
}

/** Made-up values for previews: a link as long as a real one, so an SMS preview counts true. */
export function sampleValues(publicUrl: string, organisationName: string): MessageValues {
  return {
    'patient.given_name': 'Alex',
    'patient.name': 'Alex Sample',
    'visit.start_time': 'Tue 24 Nov, 3:00 PM GMT+11',
    'visit.date': 'Tuesday 24 November 2026',
    'visit.time': '3:00 PM',
    'visit.time_zone': 'AEDT',
    'visit.duration': '30 minutes',
    'visit.join_url': `${publicUrl}/lobby/${'x'.repeat(48)}`,
    'clinician.name': 'Dr Sample',
    'organisation.name': organisationName,
  };
}

export interface ValueSources {
  joinUrl: string;
  organisationName: string;
}

export function messageValues(visit: Visit, sources: ValueSources): MessageValues {
  const zone = validZone(visit.timeZone);
  const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) =>
    new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone }).formatToParts(visit.start).find((p) => p.type === type)?.value ?? '';
  const time = plainSpaces(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: zone }).format(visit.start));
  const day = part({ day: 'numeric' }, 'day');
  const givenName = visit.patient.givenName?.trim() || visit.patient.name.trim().split(/\s+/)[0] || '';
  return {
    'patient.given_name': givenName,
    'patient.name': visit.patient.name.trim(),
    // The zone is named: a patient may read the message somewhere else than the clinic.
    'visit.start_time': zonedLabel(visit.start, zone),
    'visit.date': `${part({ weekday: 'long' }, 'weekday')} ${day} ${part({ month: 'long' }, 'month')} ${part({ year: 'numeric' }, 'year')}`,
    'visit.time': time,
    'visit.time_zone': part({ timeZoneName: 'short' }, 'timeZoneName'),
    'visit.duration': formatDuration(visit.durationMinutes),
    'visit.join_url': sources.joinUrl,
    'clinician.name': visit.clinicians[0]?.name.trim() || sources.organisationName,
    'organisation.name': sources.organisationName,
  };
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? '' : `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const m = rest === 0 ? '' : `${rest} ${rest === 1 ? 'minute' : 'minutes'}`;
  return [h, m].filter(Boolean).join(' ') || '0 minutes';
}

/** Newer ICU writes "3:00\u202fPM": one such character makes a whole SMS UCS-2, halving its length. */
const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

/** A visit saved with a zone this runtime does not know still gets a message, in UTC. */
function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
