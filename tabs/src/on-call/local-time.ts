/**
 * Dates and times in the viewer's own zone, the browser's: what the shift form's date and time inputs
 * hold, the instants they stand for, and how a shift reads. The browser does the zone arithmetic
 * (a date-time written without an offset is local time to it), so DST needs nothing of ours.
 */
import { dayOf } from '../visits/visit-days';
import { dateTimeFormat } from '../shared/date-time-format';

/** As `<input type="date">` and `<input type="time">` hold them: YYYY-MM-DD and HH:mm. */
export interface LocalDateTime {
  date: string;
  time: string;
}

const pad = (value: number): string => String(value).padStart(2, '0');

export function localDateTime(instant: Date): LocalDateTime {
  return { date: `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`, time: `${pad(instant.getHours())}:${pad(instant.getMinutes())}` };
}

/** The instant the inputs stand for; null while either is empty or incomplete. */
export function instantOf({ date, time }: LocalDateTime): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = new Date(`${date}T${time}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** From the start of today to the start of the same day next week, as the roster API takes them. */
export function weekFrom(now: Date): { from: string; to: string } {
  const day = (offset: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return { from: day(0).toISOString(), to: day(7).toISOString() };
}

/** A new shift's default: from the next full hour, for 12 hours. */
export function nextShiftTimes(now: Date): { start: Date; end: Date } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1);
  return { start, end: new Date(start.getFullYear(), start.getMonth(), start.getDate(), start.getHours() + 12) };
}

// The locale's own short time ("08:00", "8:00 AM"): `hour: 'numeric'` would drop the zero of 24-hour locales.
const timeFormat = (locale: string, timeZone: string) => dateTimeFormat(locale, { timeStyle: 'short', timeZone });
const dayFormat = (locale: string, timeZone: string) => dateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone });

/** The time alone on `day` (YYYY-MM-DD in the zone), else after its weekday and date: "20:00", "Tue 11 Mar, 08:00". */
export function timeSeenFrom(instant: Date, day: string, timeZone: string, locale: string): string {
  const time = timeFormat(locale, timeZone).format(instant);
  return dayOf(instant, timeZone) === day ? time : `${dayFormat(locale, timeZone).format(instant)}, ${time}`;
}

/** "08:00–20:00", or "20:00 – Tue 11 Mar, 08:00" for a shift that ends on a later day. */
export function shiftTimes(shift: { start: string; end: string }, timeZone: string, locale: string): string {
  const start = new Date(shift.start);
  const end = new Date(shift.end);
  const startDay = dayOf(start, timeZone);
  if (dayOf(end, timeZone) === startDay) return timeFormat(locale, timeZone).formatRange(start, end);
  return `${timeFormat(locale, timeZone).format(start)} – ${timeSeenFrom(end, startDay, timeZone, locale)}`;
}
