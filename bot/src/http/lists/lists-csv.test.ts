import { parse } from 'csv-parse/sync';
import type { ListRowView } from '../../domain/lists/list-rows';
import type { PatientSummary } from '../../domain/patients/patient-summary';
import { listsToCsv } from './lists-csv';

const asOf = '2026-12-07T10:00:00Z';
const summary: PatientSummary = {
  patient: { id: 'p1', name: 'Zoë Ångström', givenName: 'Zoë', familyName: 'Ångström', mrn: 'M-100', birthDate: '1950-02-03', gender: 'female', deceased: false },
  encounter: { status: 'ok', asOf, value: { location: 'Ward 3A · 12 · B', attending: 'Dr Lee', admittedAt: '2026-12-05T22:15:00Z', status: 'in-progress' } },
  vitals: {
    status: 'ok',
    asOf,
    value: [
      { code: 'heartRate', display: '88 /min', takenAt: '2026-12-07T08:30:00Z', stale: false, flag: null },
      { code: 'temperature', display: '38.4 °C', takenAt: '2026-12-05T08:30:00Z', stale: true, flag: 'high' },
    ],
  },
  labs: {
    status: 'ok',
    asOf,
    value: [
      { code: '2823-3', label: 'Potassium', display: '5.9 mmol/L', takenAt: '2026-12-07T05:45:00Z', stale: false, flag: 'high' },
      { code: '2160-0', label: 'Creatinine', display: '124 µmol/L', takenAt: '2026-12-04T05:45:00Z', stale: true, flag: 'critical-high' },
    ],
  },
  conditions: { status: 'ok', asOf, value: [{ text: 'Pneumonia', detail: 'onset 2 Dec 2026', date: null }] },
  allergies: { status: 'ok', asOf, value: [{ text: 'Penicillin', detail: 'hives, severe', date: null }, { text: 'Latex', detail: null, date: null }] },
  medications: { status: 'error', reason: 'The EHR did not answer.' },
  coverage: { status: 'unavailable' },
};
const row = { entry: {}, summary, freeText: null, notes: [{ createdAt: new Date('2026-12-07T09:05:00Z'), authorName: 'Dr Kim', text: 'Recheck K+' }] } as unknown as ListRowView;
const columns = ['name', 'mrn', 'admittedAt', 'vitals', 'conditions', 'allergies', 'medications'];

describe('listsToCsv', () => {
  it('starts with a UTF-8 byte-order mark, so spreadsheets read "°C" and accents', () => {
    expect(listsToCsv(columns, [row], new Date(asOf)).startsWith('\uFEFF')).toBe(true);
  });

  it('gives each vital and its time a column of their own, times in the viewer’s zone, readable lists', () => {
    const records: string[][] = parse(listsToCsv(columns, [row], new Date(asOf), 'Europe/Amsterdam'), { bom: true });
    const [header, line] = records;
    const record = Object.fromEntries(header!.map((name, index) => [name, line![index]]));
    expect(header).toEqual([
      'Name',
      'MRN',
      'Admitted (Europe/Amsterdam)',
      'Heart rate',
      'Heart rate time (Europe/Amsterdam)',
      'Blood pressure',
      'Blood pressure time (Europe/Amsterdam)',
      'Temperature',
      'Temperature time (Europe/Amsterdam)',
      'Respiratory rate',
      'Respiratory rate time (Europe/Amsterdam)',
      'SpO2',
      'SpO2 time (Europe/Amsterdam)',
      'Conditions',
      'Allergies',
      'Medications',
      'Notes',
    ]);
    expect(record).toMatchObject({
      Name: 'Zoë Ångström',
      'Admitted (Europe/Amsterdam)': '2026-12-05 23:15',
      'Heart rate': '88 /min',
      'Heart rate time (Europe/Amsterdam)': '2026-12-07 09:30',
      'Blood pressure': '',
      Temperature: '38.4 °C (high)',
      'Temperature time (Europe/Amsterdam)': '2026-12-05 09:30 (over 24 h old)',
      Conditions: 'Pneumonia (onset 2 Dec 2026)',
      Allergies: 'Penicillin (hives, severe); Latex',
      Medications: '(unavailable: The EHR did not answer.)',
      Notes: '2026-12-07 10:05 Dr Kim: Recheck K+',
    });
  });

  it('gives each lab and its time a column of their own, value and unit as the EHR sent them, flagged in words', () => {
    const records: string[][] = parse(listsToCsv(['name', 'labs'], [row], new Date(asOf), 'Europe/Amsterdam'), { bom: true });
    const [header, line] = records;
    const labels = ['Potassium', 'Sodium', 'Creatinine', 'Urea', 'Glucose', 'Haemoglobin', 'White cells', 'Platelets'];
    expect(header).toEqual(['Name', ...labels.flatMap((label) => [label, `${label} time (Europe/Amsterdam)`]), 'Notes']);
    const record = Object.fromEntries(header!.map((name, index) => [name, line![index]]));
    expect(record).toMatchObject({
      Potassium: '5.9 mmol/L (high)',
      'Potassium time (Europe/Amsterdam)': '2026-12-07 06:45',
      Sodium: '',
      'Sodium time (Europe/Amsterdam)': '',
      Creatinine: '124 µmol/L (critical high)',
      'Creatinine time (Europe/Amsterdam)': '2026-12-04 06:45 (over 48 h old)',
    });
  });

  it('says why the labs are missing in each lab column when the EHR withheld them', () => {
    const withheld = { ...row, summary: { ...summary, labs: { status: 'not_permitted' } } } as ListRowView;
    const records: string[][] = parse(listsToCsv(['labs'], [withheld], new Date(asOf)), { bom: true });
    const [, line] = records;
    expect(line?.[0]).toBe('(not permitted by the EHR)');
    expect(line?.[2]).toBe('(not permitted by the EHR)');
  });

  it('writes times in UTC for a zone it does not know', () => {
    const records: string[][] = parse(listsToCsv(['admittedAt'], [row], new Date(asOf), 'Mars/Olympus'), { bom: true });
    const [header] = records;
    expect(header).toEqual(['Admitted (UTC)', 'Notes']);
  });
});
