/** Pieces the visit cards share: times shown in the viewer's zone, Universal Actions, field errors. */
import type { Visit, VisitPatient, VisitStatus } from '../../domain/visits/visit-types';

type Element = Record<string, unknown>;

/**
 * An instant as Teams shows it in each viewer's own time zone. The card date/time functions take an
 * RFC 3339 time without fractions of a second.
 */
export function viewerTime(instant: Date): string {
  const iso = instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

export const viewerClock = (instant: Date): string => `{{TIME(${instant.toISOString().replace(/\.\d{3}Z$/, 'Z')})}}`;

/**
 * A Universal Action, with an Action.Submit fallback for clients without Action.Execute. The verb is
 * repeated in the data: that is how the fallback submission is routed.
 */
export function execute(title: string, verb: string, data: Record<string, unknown>, style?: 'positive' | 'destructive'): Element {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { ...data, verb },
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { ...data, verb } },
  };
}

export const attention = (text: string): Element => ({ type: 'TextBlock', text, color: 'Attention', wrap: true, spacing: 'Small' });

export const warning = (text: string): Element => ({ type: 'TextBlock', text, color: 'Warning', wrap: true, spacing: 'Small', size: 'Small' });

export const note = (text: string): Element => ({ type: 'TextBlock', text, isSubtle: true, wrap: true, size: 'Small' });

export const patientLabel = (patient: VisitPatient): string =>
  [patient.name, patient.mrn ? `MRN ${patient.mrn}` : null, patient.birthDate ? `born ${patient.birthDate}` : null].filter(Boolean).join(' · ');

const STATUS_LABELS: Record<VisitStatus, string> = {
  pending: 'Setting up the meeting',
  scheduled: 'Scheduled',
  waiting: 'Patient is waiting in the lobby',
  in_visit: 'In the visit',
  completed: 'Completed',
  no_show: 'Patient did not join',
  cancelled: 'Cancelled',
};

export const statusLabel = (status: VisitStatus): string => STATUS_LABELS[status];

/** Visits that can still be joined, moved or cancelled. */
export const isLive = (visit: Pick<Visit, 'status'>): boolean => ['pending', 'scheduled', 'waiting', 'in_visit'].includes(visit.status);

export function notifiedLabel(visit: Pick<Visit, 'notify' | 'status'>): string {
  if (visit.notify.length === 0) return 'Not told by Rounds (no SMS or email chosen)';
  const how = visit.notify.map((channel) => (channel === 'sms' ? 'SMS' : 'email')).join(' and ');
  // The job table sends it after the meeting exists; the card says how, not whether it arrived.
  return visit.status === 'pending' ? `Will get the link by ${how} once the meeting is ready` : `Gets the link by ${how}`;
}

export const minutesLabel = (minutes: number): string => (minutes === 60 ? '1 hour' : minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`);
