/**
 * Reads "schedule a visit with Jane Doe tomorrow at 3pm for 30 minutes with Dr Lee about wound check"
 * into its parts. Dates and times are read with chrono-node in the user's time zone and returned as
 * wall-clock values there; nothing is resolved or checked here (the confirm card shows what was read).
 */
// English only: the bot reads English requests, and the package's root loads every locale.
import * as chrono from 'chrono-node/en';
import { offsetMinutes } from '../../domain/visits/zoned-time';
import { findDuration } from './parse-duration';

export interface ParsedVisitRequest {
  patientName: string | null;
  clinicianNames: string[];
  /** YYYY-MM-DD in the user's zone; null when no date was said. */
  date: string | null;
  /** HH:mm in the user's zone; null when no time was said. */
  time: string | null;
  /** Null when no length was said. */
  durationMinutes: number | null;
  reason: string | null;
}

const COMMAND = /^\s*schedule\b\s*(?:(?:a|an|the)\s+)?(?:new\s+)?(?:(?:video|virtual|telehealth|online)\s+)?(?:visit|appointment|call|consult)?\b/i;
const CLINICIAN_TITLE = /^(?:dr\.?|doctor|nurse|np|pa|prof\.?|professor|rn|md)\s+/i;
const REASON = /\b(?:about|regarding|re:)\s+/i;
const FILLER = /^(?:(?:the\s+)?patient|on|at|for|by|in|to|a|an)\b\s*/i;
const TRAILING = /[\s,.;:!?]+$|\s+(?:on|at|for|by|in|to|from)$/i;

const pad = (value: number): string => String(value).padStart(2, '0');

export const isClinicianName = (name: string): boolean => CLINICIAN_TITLE.test(name.trim());

/** The name without its title: "Dr. Amy Lee" -> "Amy Lee". */
export const withoutTitle = (name: string): string => name.trim().replace(CLINICIAN_TITLE, '').trim();

export function parseVisitRequest(text: string, now: Date, timeZone: string): ParsedVisitRequest {
  let rest = ` ${text.replace(COMMAND, '')} `;
  const duration = findDuration(rest);
  if (duration) rest = cut(rest, duration.index, duration.length);
  const when = readWhen(rest, now, timeZone);
  rest = when.rest;
  const { reason, rest: people } = readReason(rest);
  const { patientName, clinicianNames } = readPeople(people);
  return { patientName, clinicianNames, date: when.date, time: when.time, durationMinutes: duration?.minutes ?? null, reason };
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

function readWhen(text: string, now: Date, timeZone: string): { date: string | null; time: string | null; rest: string } {
  const reference = { instant: now, timezone: offsetMinutes(timeZone, now) };
  // A month name alone is most likely part of a name ("June Smith"): a visit needs a day or a time.
  const results = chrono
    .parse(text, reference, { forwardDate: true })
    .filter((result) => result.start.isCertain('hour') || result.start.isCertain('day') || result.start.isCertain('weekday'));
  const timed = results.find((result) => result.start.isCertain('hour'));
  const dated = results.find((result) => result.start.isCertain('day') || result.start.isCertain('weekday')) ?? timed;
  let rest = text;
  // Cut from the end so earlier indexes stay right.
  for (const result of [...results].sort((a, b) => b.index - a.index)) rest = cut(rest, result.index, result.text.length);
  const date = dated ? `${dated.start.get('year')}-${pad(dated.start.get('month') ?? 1)}-${pad(dated.start.get('day') ?? 1)}` : null;
  const time = timed ? `${pad(timed.start.get('hour') ?? 0)}:${pad(timed.start.get('minute') ?? 0)}` : null;
  return { date, time, rest };
}

function readReason(text: string): { reason: string | null; rest: string } {
  const match = REASON.exec(text);
  if (!match) return { reason: null, rest: text };
  let reason = text.slice(match.index + match[0].length);
  let rest = text.slice(0, match.index);
  // "about wound check with Dr Lee": a titled "with" phrase after the reason is a clinician, not reason text.
  const clinician = /\s+(?:with|and)\s+(?=(?:dr\.?|doctor|nurse|np|pa|prof\.?|professor|rn|md)\s)/i.exec(reason);
  if (clinician) {
    rest += ` ${reason.slice(clinician.index)}`;
    reason = reason.slice(0, clinician.index);
  }
  return { reason: tidy(reason) || null, rest };
}

function readPeople(text: string): { patientName: string | null; clinicianNames: string[] } {
  const phrases = text
    .split(/\b(?:with|and)\b|[,;&]/i)
    .map(tidy)
    .filter((phrase) => phrase.length > 0 && phrase.length <= 80 && !/\d/.test(phrase));
  let patientName: string | null = null;
  const clinicianNames: string[] = [];
  for (const phrase of phrases) {
    if (!isClinicianName(phrase) && patientName === null) patientName = phrase;
    else clinicianNames.push(phrase);
  }
  return { patientName, clinicianNames };
}

function tidy(phrase: string): string {
  let result = phrase.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== result; ) {
    previous = result;
    result = result.replace(FILLER, '').replace(TRAILING, '').trim();
  }
  return result;
}
