/**
 * A rounding list as CSV (RFC 4180) a spreadsheet can use: UTF-8 with a byte-order mark (so "°C" and
 * accented names survive Excel), one column per value (each vital with its time in a column of its
 * own), times written as the spreadsheet reads them in the viewer's zone, lists as readable text.
 */
import type { ListRowView } from '../../domain/lists/list-rows';
import { LAB_CODES, LAB_LABELS, LABS_STALE_AFTER_HOURS, VITALS_STALE_AFTER_HOURS } from '../../domain/patients/patient-summary';
import type { ClinicalItem, LabCode, LabResult, PatientSummary, SummaryPart, VitalCode, VitalSign } from '../../domain/patients/patient-summary';
import { isValidTimeZone, wallClockOf } from '../../domain/visits/zoned-time';

export const BOM = '\uFEFF';

const VITALS: readonly { code: VitalCode; label: string }[] = [
  { code: 'heartRate', label: 'Heart rate' },
  { code: 'bloodPressure', label: 'Blood pressure' },
  { code: 'temperature', label: 'Temperature' },
  { code: 'respiratoryRate', label: 'Respiratory rate' },
  { code: 'oxygenSaturation', label: 'SpO2' },
];

const LABS: readonly { code: LabCode; label: string }[] = LAB_CODES.map((code) => ({ code, label: LAB_LABELS[code] }));

type Reading = VitalSign | LabResult;

/** How times are written: "2026-12-07 14:05", which spreadsheets read as a date and time, in one zone. */
interface Clock {
  zone: string;
  at(iso: string | null): string;
}

function clockIn(timeZone: string): Clock {
  return {
    zone: timeZone,
    at(iso) {
      if (!iso) return '';
      const instant = new Date(iso);
      if (Number.isNaN(instant.getTime())) return iso;
      // A date alone (no time of day) stays a date.
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
      const { date, time } = wallClockOf(instant, timeZone);
      return `${date} ${time}`;
    },
  };
}

function part<T>(value: SummaryPart<T>, show: (value: T) => string): string {
  if (value.status === 'ok') return show(value.value);
  if (value.status === 'not_permitted') return '(not permitted by the EHR)';
  return value.status === 'error' ? `(unavailable: ${value.reason})` : '';
}

/** "Penicillin (hives, severe); Latex": each item with its detail, as a person would write it. */
const items = (list: readonly ClinicalItem[]): string => list.map((item) => (item.detail ? `${item.text} (${item.detail})` : item.text)).join('; ');

function ageOf(birthDate: string | null, now: Date): string {
  if (!birthDate) return '';
  const born = new Date(birthDate);
  if (Number.isNaN(born.getTime())) return '';
  let age = now.getUTCFullYear() - born.getUTCFullYear();
  if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) age -= 1;
  return String(age);
}

/** A reading's value and its time, each in its own column; an old reading says so beside its time. */
function readingCells(readings: SummaryPart<readonly Reading[]>, code: string, clock: Clock, staleNote: string): string[] {
  if (readings.status !== 'ok') return [part(readings, () => ''), ''];
  const reading = readings.value.find((candidate) => candidate.code === code);
  if (!reading) return ['', ''];
  return [`${reading.display}${reading.flag ? ` (${reading.flag.replace('-', ' ')})` : ''}`, `${clock.at(reading.takenAt)}${reading.stale ? ` (${staleNote})` : ''}`];
}

interface Column {
  header(clock: Clock): string[];
  cells(summary: PatientSummary, now: Date, clock: Clock): string[];
}

const COLUMNS: Record<string, Column> = {
  name: { header: () => ['Name'], cells: (s) => [s.patient.name + (s.patient.deceased ? ' (deceased)' : '')] },
  mrn: { header: () => ['MRN'], cells: (s) => [s.patient.mrn ?? ''] },
  ageSex: { header: () => ['Birth date', 'Age', 'Sex'], cells: (s, now) => [s.patient.birthDate ?? '', ageOf(s.patient.birthDate, now), s.patient.gender ?? ''] },
  location: { header: () => ['Location'], cells: (s) => [part(s.encounter, (e) => e?.location ?? '')] },
  attending: { header: () => ['Attending'], cells: (s) => [part(s.encounter, (e) => e?.attending ?? '')] },
  admittedAt: { header: (clock) => [`Admitted (${clock.zone})`], cells: (s, _now, clock) => [part(s.encounter, (e) => clock.at(e?.admittedAt ?? null))] },
  vitals: {
    header: (clock) => VITALS.flatMap(({ label }) => [label, `${label} time (${clock.zone})`]),
    cells: (s, _now, clock) => VITALS.flatMap(({ code }) => readingCells(s.vitals, code, clock, `over ${VITALS_STALE_AFTER_HOURS} h old`)),
  },
  labs: {
    header: (clock) => LABS.flatMap(({ label }) => [label, `${label} time (${clock.zone})`]),
    cells: (s, _now, clock) => LABS.flatMap(({ code }) => readingCells(s.labs, code, clock, `over ${LABS_STALE_AFTER_HOURS} h old`)),
  },
  conditions: { header: () => ['Conditions'], cells: (s) => [part(s.conditions, items)] },
  allergies: { header: () => ['Allergies'], cells: (s) => [part(s.allergies, items)] },
  medications: { header: () => ['Medications'], cells: (s) => [part(s.medications, items)] },
  coverage: { header: () => ['Coverage'], cells: (s) => [part(s.coverage, items)] },
};

/** Quotes every cell, and defuses values a spreadsheet would run as a formula (CSV injection). */
export function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The list as CSV; times in `timeZone` (the viewer's), UTC when it is not a zone this runtime knows. */
export function listsToCsv(columns: readonly string[], rows: readonly ListRowView[], now: Date, timeZone = 'UTC'): string {
  const clock = clockIn(isValidTimeZone(timeZone) ? timeZone : 'UTC');
  const known = columns.flatMap((key) => (COLUMNS[key] ? [COLUMNS[key]] : []));
  const header = [...known.flatMap((column) => column.header(clock)), 'Notes'];
  const lines = rows.map((row) => [
    ...known.flatMap((column) => column.cells(row.summary, now, clock)),
    row.notes.map((note) => `${clock.at(note.createdAt.toISOString())} ${note.authorName}: ${note.text}`).join(' | '),
  ]);
  return BOM + [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
