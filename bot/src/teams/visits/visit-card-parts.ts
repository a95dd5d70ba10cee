/** Pieces the visit cards share: patient labels, statuses, how the patient was told, the lobby. */
import type { DeviceCheckResult, LobbySession } from '../../domain/lobby/lobby-types';
import type { Visit, VisitPatient, VisitStatus } from '../../domain/visits/visit-types';
import { shortName } from '../../domain/visits/visit-patients';
import { zonedLabel } from '../../domain/visits/zoned-time';
import { viewerClock, viewerTime } from '../card-parts';

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

// Also what the tabs' lobby view says of the patient: it lives with the visit's patient.
export { shortName };

/** "J. D.": what a notification preview may say of the patient (no names on lock screens). */
export function initials(patient: Pick<VisitPatient, 'name'>): string {
  const words = patient.name.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map((word) => `${(word ?? '').charAt(0).toUpperCase()}.`).join(' ') || 'A patient';
}

const DEVICE_PROBLEMS: Record<Exclude<keyof DeviceCheckResult, 'rttMs' | 'userAgent'>, string> = {
  camera: 'camera not working',
  microphone: 'microphone not working',
  speaker: 'speaker not working',
  browser: 'browser not supported',
  connection: 'weak connection',
};

/** The patient's device check in plain words: "devices OK", or what failed. */
export function deviceSummary(check: DeviceCheckResult | null): string {
  if (!check) return 'devices not checked';
  const items = Object.keys(DEVICE_PROBLEMS) as (keyof typeof DEVICE_PROBLEMS)[];
  const failed = items.filter((item) => check[item] === 'failed').map((item) => DEVICE_PROBLEMS[item]);
  if (failed.length > 0) return failed.join(', ');
  const skipped = items.filter((item) => check[item] === 'skipped');
  return skipped.length > 0 ? `devices OK (${skipped.join(', ')} not checked)` : 'devices OK';
}

/** How long someone has waited: "<1 min", "4 min", "1 h 5 min". */
export function waitLabel(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}

/**
 * The lobby in one line, or null when nobody is (or was) in it: "Jane D. waiting · devices OK · 2 min",
 * "Admitted by Dr Lee at 10:02" (the time in each viewer's zone).
 */
export function lobbyLine(patient: VisitPatient, session: LobbySession, now: Date): string | null {
  if (session.admittedAt) return `Admitted by ${session.admittedBy?.name ?? 'a clinician'} at ${viewerClock(session.admittedAt)}`;
  if (!session.checkedInAt) return null;
  return `${shortName(patient)} waiting · ${deviceSummary(session.deviceCheck)} · ${waitLabel(session.checkedInAt, now)}`;
}

/**
 * When the visit is: in each viewer's own zone (Teams renders the card's date functions locally), and
 * in the visit's zone, named, as the patient's messages say it.
 */
export const visitTimeFacts = (visit: Pick<Visit, 'start' | 'timeZone'>, title = 'When'): { title: string; value: string }[] => [
  { title, value: `${viewerTime(visit.start)} (your time)` },
  { title: 'Visit time zone', value: zonedLabel(visit.start, visit.timeZone) },
];
