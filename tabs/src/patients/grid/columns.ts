/**
 * The list columns: their labels, the text each cell shows (which is also what the filter searches
 * and what sorting orders by), so the grid, the cards and the filter never disagree.
 */
import { COLUMN_KEYS } from '../../../../bot/src/contracts/lists-api';
import type { ClinicalItemDto, ColumnKey, LabResultDto, ListRow, PatientSummaryDto, VitalSignDto } from '../../../../bot/src/contracts/lists-api';
import { ageInDays, formatAgeSex, formatWhen } from './format';
import type { DisplayContext } from './format';

export const COLUMN_LABELS: Record<ColumnKey, string> = {
  name: 'Name',
  mrn: 'MRN',
  ageSex: 'Age/Sex',
  location: 'Location',
  attending: 'Attending',
  admittedAt: 'Admitted',
  vitals: 'Vitals',
  labs: 'Labs',
  conditions: 'Conditions',
  allergies: 'Allergies',
  medications: 'Medications',
  coverage: 'Coverage',
};

/** Columns in their canonical order, whatever order the list stored them in. */
export function orderedColumns(columns: readonly ColumnKey[]): ColumnKey[] {
  return COLUMN_KEYS.filter((key) => columns.includes(key));
}

export type ListPartKey = 'conditions' | 'allergies' | 'medications' | 'coverage';
export const LIST_PARTS: readonly ListPartKey[] = ['conditions', 'allergies', 'medications', 'coverage'];

export const VITAL_SHORT: Record<VitalSignDto['code'], string> = {
  heartRate: 'HR',
  bloodPressure: 'BP',
  temperature: 'T',
  respiratoryRate: 'RR',
  oxygenSaturation: 'SpO2',
};
const VITAL_ORDER: readonly VitalSignDto['code'][] = ['heartRate', 'bloodPressure', 'temperature', 'respiratoryRate', 'oxygenSaturation'];

/** HR, BP, T, RR, SpO2 in the order clinicians read them. */
export function orderedVitals(vitals: readonly VitalSignDto[]): VitalSignDto[] {
  return [...vitals].sort((a, b) => VITAL_ORDER.indexOf(a.code) - VITAL_ORDER.indexOf(b.code));
}

export function latestTakenAt(readings: readonly { takenAt: string }[]): string | undefined {
  return readings.map((v) => v.takenAt).sort().at(-1);
}

export function vitalsText(vitals: readonly VitalSignDto[], context: DisplayContext): string {
  if (vitals.length === 0) return '';
  const values = orderedVitals(vitals).map((v) => `${VITAL_SHORT[v.code]} ${v.display}${v.stale ? ' (stale)' : ''}`);
  const latest = latestTakenAt(vitals);
  return `${values.join(', ')}${latest ? ` at ${formatWhen(latest, context)}` : ''}`;
}

/** The short names ward teams write labs by; the full name is the result's `label`. */
export const LAB_SHORT: Record<LabResultDto['code'], string> = {
  '2823-3': 'K',
  '2951-2': 'Na',
  '2160-0': 'Cr',
  '3094-0': 'Urea',
  '2345-7': 'Glu',
  '718-7': 'Hb',
  '6690-2': 'WBC',
  '777-3': 'Plt',
};

/** Labs in the order the service sends them (chemistry, then blood count), each with its flag in words. */
export function labsText(labs: readonly LabResultDto[], context: DisplayContext): string {
  if (labs.length === 0) return '';
  const values = labs.map((lab) => `${LAB_SHORT[lab.code]} ${lab.display}${lab.flag ? ` (${lab.flag.replace('-', ' ')})` : ''}${lab.stale ? ' (stale)' : ''}`);
  const latest = latestTakenAt(labs);
  return `${values.join(', ')}${latest ? ` at ${formatWhen(latest, context)}` : ''}`;
}

export function itemsText(items: readonly ClinicalItemDto[]): string {
  return items.map((item) => item.text).join(', ');
}

type Encounter = Extract<PatientSummaryDto['encounter'], { status: 'ok' }>['value'];

function encounterField(summary: PatientSummaryDto, pick: (encounter: NonNullable<Encounter>) => string | null): string | null {
  return summary.encounter.status === 'ok' && summary.encounter.value ? pick(summary.encounter.value) : null;
}

/** What a cell says, as plain text. A part that failed or is unavailable says nothing here (it shows an icon). */
export function cellText(key: ColumnKey, row: ListRow, context: DisplayContext): string {
  const { summary } = row;
  switch (key) {
    case 'name':
      return summary.patient.deceased ? `${summary.patient.name} (deceased)` : summary.patient.name;
    case 'mrn':
      return summary.patient.mrn ?? '';
    case 'ageSex':
      return formatAgeSex(summary.patient, context.now);
    case 'location':
      return encounterField(summary, (e) => e.location) ?? '';
    case 'attending':
      return encounterField(summary, (e) => e.attending) ?? '';
    case 'admittedAt': {
      const admitted = encounterField(summary, (e) => e.admittedAt);
      return admitted ? formatWhen(admitted, context) : '';
    }
    case 'vitals':
      return summary.vitals.status === 'ok' ? vitalsText(summary.vitals.value, context) : '';
    case 'labs':
      return summary.labs.status === 'ok' ? labsText(summary.labs.value, context) : '';
    case 'conditions':
    case 'allergies':
    case 'medications':
    case 'coverage': {
      const part = summary[key];
      return part.status === 'ok' ? itemsText(part.value) : '';
    }
  }
}

/**
 * The value a column sorts by: the displayed text, except where text order would mislead
 * ("18 mo" after "5 y", "9 Mar" after "10 Mar"): ages sort by age, admissions by time.
 */
export function sortValue(key: ColumnKey, row: ListRow, context: DisplayContext): string | number {
  switch (key) {
    case 'ageSex':
      return ageInDays(row.summary.patient.birthDate, context.now) ?? -1;
    case 'admittedAt':
      return encounterField(row.summary, (e) => e.admittedAt) ?? '';
    default:
      return cellText(key, row, context);
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareBy(key: ColumnKey, context: DisplayContext): (a: ListRow, b: ListRow) => number {
  return (a, b) => {
    const x = sortValue(key, a, context);
    const y = sortValue(key, b, context);
    return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
  };
}

export interface RowSort {
  column: ColumnKey;
  direction: 'ascending' | 'descending';
}

export function sortRows(rows: readonly ListRow[], sort: RowSort | undefined, context: DisplayContext): ListRow[] {
  if (!sort) return [...rows];
  const compare = compareBy(sort.column, context);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b));
}

/** Rows whose visible cells contain every word of `filter` (case and accents ignored). */
export function filterRows(rows: readonly ListRow[], columns: readonly ColumnKey[], filter: string, context: DisplayContext): ListRow[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = fold(columns.map((key) => cellText(key, row, context)).join(' '));
    return words.every((word) => text.includes(word));
  });
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
