/**
 * Calendar days in the viewer's time zone: which days a preset covers, and which day a visit falls
 * on. The zone is passed in (not read from the browser here) so the page and its tests agree.
 */
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { dateTimeFormat } from '../shared/date-time-format';

export type RangePreset = 'today' | 'next7' | 'past7';

export const RANGE_PRESETS: readonly { value: RangePreset; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'next7', label: 'Next 7 days' },
  { value: 'past7', label: 'Past 7 days' },
];

/** YYYY-MM-DD, both ends included, as GET /api/me/visits takes them. */
export interface DayRange {
  from: string;
  to: string;
}

/** The calendar day an instant falls on in the zone, as YYYY-MM-DD (as en-CA writes dates). */
export function dayOf(instant: Date, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Calendar arithmetic on YYYY-MM-DD; time zones play no part. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today, today and the next 7 days, or the 7 days before today and today. */
export function presetRange(preset: RangePreset, now: Date, timeZone: string): DayRange {
  const today = dayOf(now, timeZone);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'next7':
      return { from: today, to: addDays(today, 7) };
    case 'past7':
      return { from: addDays(today, -7), to: today };
  }
}

export interface Day<T> {
  /** YYYY-MM-DD in the viewer's zone. */
  day: string;
  items: T[];
}

/** Visits (or on-call shifts) grouped by the viewer's day they start on, in start order; past ranges read newest day first. */
export function groupByDay<T extends { start: string }>(items: readonly T[], timeZone: string, newestFirst: boolean): Day<T>[] {
  const days = new Map<string, T[]>();
  const sorted = [...items].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const item of sorted) {
    const day = dayOf(new Date(item.start), timeZone);
    const list = days.get(day) ?? [];
    list.push(item);
    days.set(day, list);
  }
  const grouped = [...days].map(([day, dayItems]) => ({ day, items: dayItems }));
  return newestFirst ? grouped.reverse() : grouped;
}

/** "Today", "Tomorrow", "Yesterday", else the weekday and date in the viewer's language. */
export function dayHeading(day: string, today: string, locale: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const long = dateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
  const relative = { [today]: 'Today', [addDays(today, 1)]: 'Tomorrow', [addDays(today, -1)]: 'Yesterday' }[day];
  return relative ? `${relative}, ${long}` : long;
}

/** "9:00 – 9:30 AM" in the viewer's zone and language. */
export function timeRange(visit: Pick<VisitDto, 'start' | 'end'>, timeZone: string, locale: string): string {
  return dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).formatRange(new Date(visit.start), new Date(visit.end));
}

/** Case- and accent-insensitive match on the patient's name or MRN. */
export function matchesPatient(visit: VisitDto, text: string): boolean {
  const needle = fold(text.trim());
  if (needle === '') return true;
  return fold(visit.patient.name).includes(needle) || fold(visit.patient.mrn ?? '').includes(needle);
}

const fold = (value: string): string => value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
