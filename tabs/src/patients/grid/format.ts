/**
 * How patient facts read on screen: ages, sex, dates and times. Pure functions of their inputs
 * (including "now" and the locale) so the grid, the cards and the panel all say the same thing.
 */
import type { PatientBannerDto } from '../../../../bot/src/contracts/lists-api';
import { dateTimeFormat } from '../../shared/date-time-format';

export interface DisplayContext {
  now: Date;
  /** BCP 47 locale Teams reports (or the browser's). */
  locale: string;
}

type Gender = NonNullable<PatientBannerDto['gender']>;

export const SEX_SHORT: Record<Gender, string> = { male: 'M', female: 'F', other: 'Other', unknown: 'Unknown' };
export const SEX_LONG: Record<Gender, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

/** FHIR dates may be "YYYY", "YYYY-MM" or "YYYY-MM-DD"; missing parts count as the first. */
function parseBirthDate(birthDate: string): { y: number; m: number; d: number } | undefined {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(birthDate);
  if (!match) return undefined;
  return { y: Number(match[1]), m: Number(match[2] ?? '1'), d: Number(match[3] ?? '1') };
}

/** Whole days since birth, in calendar terms (no time zone drift); undefined when unknown. */
export function ageInDays(birthDate: string | null, now: Date): number | undefined {
  const born = birthDate ? parseBirthDate(birthDate) : undefined;
  if (!born) return undefined;
  const days = Math.floor((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(born.y, born.m - 1, born.d)) / 86_400_000);
  return days >= 0 ? days : undefined;
}

/** Paediatric convention: days under a month, months under two years, then years. */
export function formatAge(birthDate: string | null, now: Date): string | undefined {
  const born = birthDate ? parseBirthDate(birthDate) : undefined;
  const days = ageInDays(birthDate, now);
  if (!born || days === undefined) return undefined;
  let months = (now.getFullYear() - born.y) * 12 + (now.getMonth() + 1 - born.m);
  if (now.getDate() < born.d) months -= 1;
  if (months < 1) return `${days} d`;
  if (months < 24) return `${months} mo`;
  return `${Math.floor(months / 12)} y`;
}

/** "45 y · F"; either half may be missing. */
export function formatAgeSex(patient: Pick<PatientBannerDto, 'birthDate' | 'gender'>, now: Date): string {
  const parts = [formatAge(patient.birthDate, now), patient.gender ? SEX_SHORT[patient.gender] : undefined];
  return parts.filter((part) => part !== undefined).join(' · ');
}

/** A birth date as written in the locale; computed in UTC so it never shifts by a day. */
export function formatBirthDate(birthDate: string, locale: string): string {
  const born = parseBirthDate(birthDate);
  if (!born || birthDate.length < 10) return birthDate;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(born.y, born.m - 1, born.d)));
}

/** Today's times read as "08:15", older ones carry their date: on a ward round "when" matters most. */
export function formatWhen(iso: string, context: DisplayContext): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === context.now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'short' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...(date.getFullYear() !== context.now.getFullYear() && { year: 'numeric' }) };
  return dateTimeFormat(context.locale, options).format(date);
}

/** FHIR Encounter.status (R4, STU3 and DSTU2 codes) as a clinician says it; an unknown code as sent. */
const ENCOUNTER_STATUS: Record<string, string> = {
  planned: 'Planned',
  arrived: 'Arrived',
  triaged: 'Triaged',
  'in-progress': 'In progress',
  onleave: 'On leave',
  finished: 'Finished',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
  unknown: 'Unknown',
};

export const encounterStatusText = (code: string): string => ENCOUNTER_STATUS[code] ?? code;
