/**
 * Wall-clock dates and times in an IANA time zone, with nothing but Intl: the user types "3pm" in
 * their zone, the domain stores an instant. DST gaps resolve forward, as most calendars do.
 */

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, 24-hour */
  time: string;
}

export const DEFAULT_TIME_ZONE = 'UTC';

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsOf(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** Minutes the zone is ahead of UTC at that instant (e.g. 60 for Amsterdam in winter). */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const p = partsOf(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (value: number): string => String(value).padStart(2, '0');

export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const p = partsOf(instant, timeZone);
  return { date: `${p.year}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`, time: `${pad(p.hour ?? 0)}:${pad(p.minute ?? 0)}` };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;

/** The instant a wall-clock date and time in the zone stands for; null when either is malformed. */
export function instantOf(wallClock: WallClock, timeZone: string): Date | null {
  const date = DATE.exec(wallClock.date);
  const time = TIME.exec(wallClock.time);
  if (!date || !time) return null;
  const [year, month, day, hour, minute] = [date[1], date[2], date[3], time[1], time[2]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(local).getUTCDate() !== day) return null;
  // Two passes: the offset at the first guess can differ from the one at the answer across a DST change.
  const first = local - offsetMinutes(timeZone, new Date(local)) * 60_000;
  const second = local - offsetMinutes(timeZone, new Date(first)) * 60_000;
  return new Date(second);
}

/** Midnight starting the day that contains the instant, in the zone, and the next midnight. */
export function dayAround(instant: Date, timeZone: string): { from: Date; to: Date } {
  const today = wallClockOf(instant, timeZone).date;
  const from = instantOf({ date: today, time: '00:00' }, timeZone) ?? instant;
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)) + 1));
  const to = instantOf({ date: next.toISOString().slice(0, 10), time: '00:00' }, timeZone) ?? new Date(from.getTime() + 86_400_000);
  return { from, to };
}

/**
 * An instant as people read it in a zone, with the zone named: "Mon 7 Dec, 3:00 PM GMT". Spaces are
 * plain (newer ICU writes U+202F before AM/PM: one such character makes a whole SMS UCS-2).
 */
export function zonedLabel(instant: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: zone, timeZoneName: 'short' }).format(instant);
  return `${part('weekday')} ${part('day')} ${part('month')}, ${time}`.replace(/[\u00a0\u202f]/g, ' ');
}
