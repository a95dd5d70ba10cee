/** A rounding list as CSV (RFC 4180), with the list's columns, for export. */
import type { ListRowView } from '../../domain/lists/list-rows';
import type { PatientSummary, SummaryPart } from '../../domain/patient-summary';

const VITAL_LABELS = { heartRate: 'HR', bloodPressure: 'BP', temperature: 'T', respiratoryRate: 'RR', oxygenSaturation: 'SpO2' } as const;

function part<T>(value: SummaryPart<T>, show: (value: T) => string): string {
  if (value.status === 'ok') return show(value.value);
  if (value.status === 'not_permitted') return '(not permitted by the EHR)';
  return value.status === 'error' ? `(unavailable: ${value.reason})` : '';
}

const items = (list: { text: string }[]): string => list.map((item) => item.text).join('; ');

function ageOf(birthDate: string | null, now: Date): string {
  if (!birthDate) return '';
  const born = new Date(birthDate);
  if (Number.isNaN(born.getTime())) return '';
  let age = now.getUTCFullYear() - born.getUTCFullYear();
  if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) age -= 1;
  return String(age);
}

const COLUMNS: Record<string, { header: string[]; cells(summary: PatientSummary, now: Date): string[] }> = {
  name: { header: ['Name'], cells: (s) => [s.patient.name + (s.patient.deceased ? ' (deceased)' : '')] },
  mrn: { header: ['MRN'], cells: (s) => [s.patient.mrn ?? ''] },
  ageSex: { header: ['Birth date', 'Age', 'Sex'], cells: (s, now) => [s.patient.birthDate ?? '', ageOf(s.patient.birthDate, now), s.patient.gender ?? ''] },
  location: { header: ['Location'], cells: (s) => [part(s.encounter, (e) => e?.location ?? '')] },
  attending: { header: ['Attending'], cells: (s) => [part(s.encounter, (e) => e?.attending ?? '')] },
  admittedAt: { header: ['Admitted'], cells: (s) => [part(s.encounter, (e) => e?.admittedAt ?? '')] },
  vitals: {
    header: ['Vitals'],
    cells: (s) => [part(s.vitals, (vitals) => vitals.map((v) => `${VITAL_LABELS[v.code]} ${v.display} at ${v.takenAt}${v.stale ? ' (stale)' : ''}`).join('; '))],
  },
  conditions: { header: ['Conditions'], cells: (s) => [part(s.conditions, items)] },
  allergies: { header: ['Allergies'], cells: (s) => [part(s.allergies, items)] },
  medications: { header: ['Medications'], cells: (s) => [part(s.medications, items)] },
  coverage: { header: ['Coverage'], cells: (s) => [part(s.coverage, items)] },
};

/** Quotes every cell, and defuses values a spreadsheet would run as a formula (CSV injection). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function listsToCsv(columns: readonly string[], rows: readonly ListRowView[], now: Date): string {
  const known = columns.flatMap((key) => (COLUMNS[key] ? [COLUMNS[key]] : []));
  const header = [...known.flatMap((column) => column.header), 'Notes'];
  const lines = rows.map((row) => [
    ...known.flatMap((column) => column.cells(row.summary, now)),
    row.notes.map((note) => `${note.createdAt.toISOString()} ${note.authorName}: ${note.text}`).join(' | '),
  ]);
  return [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
