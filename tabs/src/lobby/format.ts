/** Words and times the patient reads, in the browser's language and time zone unless a test pins them. */
import { dateTimeFormat } from '../shared/date-time-format';

export interface LobbyClock {
  now: () => number;
  /** undefined: the browser's own. */
  timeZone?: string;
  locale?: string;
}

export const browserClock: LobbyClock = { now: () => Date.now() };

/** "Tuesday 11 March, 15:00 GMT" (or the browser's way of writing it). */
export function visitTime(iso: string, clock: LobbyClock): string {
  return dateTimeFormat(clock.locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(clock.timeZone ? { timeZone: clock.timeZone } : {}),
  }).format(new Date(iso));
}

/** "15:00" (or "3:00 PM"): for times on the same day as the visit. */
export function clockTime(iso: string, clock: LobbyClock): string {
  return dateTimeFormat(clock.locale, { hour: 'numeric', minute: '2-digit', ...(clock.timeZone ? { timeZone: clock.timeZone } : {}) }).format(new Date(iso));
}

/** "Dr Lee", "Dr Lee and Dr Okafor", "Dr Lee, Dr Okafor and Dr Ng"; "your care team" when none is named. */
export function namesOf(clinicians: readonly string[]): string {
  const names = clinicians.map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) return 'your care team';
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** "Dr Lee has been told you are here" / "Dr Lee and Dr Okafor have been told you are here". */
export function toldYouAreHere(clinicians: readonly string[]): string {
  const names = namesOf(clinicians);
  const plural = clinicians.filter((name) => name.trim()).length > 1;
  return `${names.charAt(0).toUpperCase()}${names.slice(1)} ${plural ? 'have' : 'has'} been told you are here.`;
}

/** "less than a minute", "1 minute", "12 minutes", "1 hour 5 minutes". */
export function waitedFor(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const min = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;
  if (hours === 0) return min(minutes);
  return `${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${min(rest)}` : ''}`;
}
