/**
 * The patient's phone and email from `Patient.telecom`, for the contact fields of a visit. STU3 and R4
 * read alike: `rank` orders the points (1 first, unranked last) and a `sms` point is a number that
 * takes texts. DSTU2 has neither (its systems are phone, fax, email, pager, other), so a DSTU2
 * server's order and `use` decide. Everywhere a point marked `old`, or whose period has ended, is
 * skipped, and a mobile comes before a home number, a work number last.
 */
import type { PatientTelecom } from '../domain/patients/patient-summary';
import type { ContactPoint, Patient } from './fhir-resources';
import { text } from './map-common';

interface Dialect {
  phoneSystems: ReadonlySet<string>;
  ranked: boolean;
}

const STU3_AND_R4: Dialect = { phoneSystems: new Set(['sms', 'phone']), ranked: true };
const DSTU2: Dialect = { phoneSystems: new Set(['phone']), ranked: false };

const USE_ORDER = ['mobile', 'home', 'temp', '', 'work'];

export const telecomR4 = (patient: Patient, now: number): PatientTelecom => telecomOf(patient, now, STU3_AND_R4);
export const telecomStu3 = telecomR4;
export const telecomDstu2 = (patient: Patient, now: number): PatientTelecom => telecomOf(patient, now, DSTU2);

function telecomOf(patient: Patient, now: number, dialect: Dialect): PatientTelecom {
  const current = (Array.isArray(patient.telecom) ? patient.telecom : []).filter((point) => text(point.value) !== null && inUse(point, now));
  const best = (wanted: (point: ContactPoint) => boolean) => order(current.filter(wanted), dialect)[0];
  const phone = best((point) => dialect.phoneSystems.has(point.system ?? ''));
  const email = best((point) => point.system === 'email');
  return { phone: phone ? phoneText(phone.value ?? '') : null, email: email ? (text(email.value) ?? null) : null };
}

function inUse(point: ContactPoint, now: number): boolean {
  if (point.use === 'old') return false;
  const end = point.period?.end ? Date.parse(point.period.end) : NaN;
  return Number.isNaN(end) || end > now;
}

/** By rank (where the version has it), then a number that takes texts, then use; else the EHR's order. */
function order(points: ContactPoint[], dialect: Dialect): ContactPoint[] {
  const rank = (point: ContactPoint) => (dialect.ranked && typeof point.rank === 'number' && point.rank > 0 ? point.rank : Number.MAX_SAFE_INTEGER);
  const texts = (point: ContactPoint) => (point.system === 'sms' && dialect.ranked ? 0 : 1);
  const use = (point: ContactPoint) => {
    const at = USE_ORDER.indexOf(point.use ?? '');
    return at === -1 ? USE_ORDER.indexOf('') : at;
  };
  return points
    .map((point, index) => ({ point, index }))
    .sort((a, b) => rank(a.point) - rank(b.point) || texts(a.point) - texts(b.point) || use(a.point) - use(b.point) || a.index - b.index)
    .map(({ point }) => point);
}

/** "+44 7700 900123" -> "+447700900123"; a number without its country code is kept as written, for a person to complete. */
function phoneText(value: string): string {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (trimmed.startsWith('00')) return `+${digits.slice(2)}`;
  return trimmed;
}
