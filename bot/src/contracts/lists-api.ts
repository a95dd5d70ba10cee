/**
 * HTTP contract of the Patients tab: rounding lists, their patients and notes, patient search and
 * summaries. Shared by the service (validation) and tabs/ (types). Pure zod.
 */
import { z } from 'zod/v4';

const id = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`).max(256, `${name} is too long`);

export const channelQuery = z.object({ teamId: id('teamId'), channelId: id('channelId') });
export type ChannelQuery = z.infer<typeof channelQuery>;

export const COLUMN_KEYS = ['name', 'mrn', 'ageSex', 'location', 'attending', 'admittedAt', 'vitals', 'labs', 'conditions', 'allergies', 'medications', 'coverage'] as const;
export const columnKey = z.enum(COLUMN_KEYS, { error: 'unknown column' });
export type ColumnKey = z.infer<typeof columnKey>;
export const DEFAULT_COLUMNS: readonly ColumnKey[] = ['name', 'mrn', 'ageSex', 'location', 'attending', 'vitals'];

const listName = z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(80, 'name must be at most 80 characters');

export const createListInput = channelQuery.extend({ name: listName, columns: z.array(columnKey).min(1, 'choose at least one column').optional() });
export type CreateListInput = z.infer<typeof createListInput>;

export const updateListInput = z
  .object({ name: listName.optional(), columns: z.array(columnKey).min(1, 'choose at least one column').optional(), isDefault: z.literal(true).optional() })
  .refine((value) => value.name !== undefined || value.columns !== undefined || value.isDefault !== undefined, { error: 'nothing to change' });
export type UpdateListInput = z.infer<typeof updateListInput>;

export const roundingList = z.object({
  id: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  columns: z.array(columnKey),
  patientCount: z.number(),
  updatedAt: z.string(),
});
export type RoundingList = z.infer<typeof roundingList>;

export const gender = z.enum(['male', 'female', 'other', 'unknown'], { error: "gender must be 'male', 'female', 'other' or 'unknown'" });

/** A patient entered by hand (manual mode). Only the name is required. */
export const manualPatientInput = z.object({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200, 'name is too long'),
  mrn: z.string().trim().max(64, 'MRN is too long').optional(),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'birth date must be YYYY-MM-DD')
    .refine((value) => !Number.isNaN(Date.parse(value)) && Date.parse(value) <= Date.now(), 'birth date must be a real date in the past')
    .optional(),
  gender: gender.optional(),
  location: z.string().trim().max(200, 'location is too long').optional(),
  attending: z.string().trim().max(200, 'attending is too long').optional(),
  freeText: z.string().trim().max(2000, 'notes are too long').optional(),
});
export type ManualPatientInput = z.infer<typeof manualPatientInput>;

/** Either an EHR patient's id or a patient entered by hand (an object, not a union, so errors keep their field). */
export const addPatientInput = z
  .object({ patientId: id('patientId').optional(), manual: manualPatientInput.optional() })
  .refine((value) => (value.patientId === undefined) !== (value.manual === undefined), {
    error: 'give either patientId (EHR) or manual (a patient entered by hand)',
  });
export type AddPatientInput = z.infer<typeof addPatientInput>;

/** Editing a hand-entered patient: only the fields sent change. */
export const manualPatientChanges = manualPatientInput.partial();

export const moveEntryInput = z.object({ toListId: id('toListId') });

export const noteInput = z.object({ text: z.string({ error: 'text is required' }).trim().min(1, 'text is required').max(2000, 'a note is at most 2000 characters') });

const summaryPart = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), value, asOf: z.string() }),
    z.object({ status: z.literal('error'), reason: z.string() }),
    z.object({ status: z.literal('unavailable') }),
    z.object({ status: z.literal('not_permitted') }),
  ]);

export const patientBanner = z.object({
  id: z.string(),
  name: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  mrn: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: gender.nullable(),
  deceased: z.boolean(),
});
export type PatientBannerDto = z.infer<typeof patientBanner>;

const clinicalItem = z.object({ text: z.string(), detail: z.string().nullable(), date: z.string().nullable() });
export type ClinicalItemDto = z.infer<typeof clinicalItem>;

export const vitalSign = z.object({
  code: z.enum(['heartRate', 'bloodPressure', 'temperature', 'respiratoryRate', 'oxygenSaturation']),
  display: z.string(),
  takenAt: z.string(),
  stale: z.boolean(),
  /** Out of range (see ValueFlag in bot/src/domain/patients/patient-summary.ts); null within range or unknown. */
  flag: z.enum(['low', 'high', 'critical-low', 'critical-high', 'abnormal', 'critical']).nullable(),
});
export type VitalSignDto = z.infer<typeof vitalSign>;
export type ValueFlagDto = NonNullable<VitalSignDto['flag']>;

/** The latest result of one lab (LOINC code), its unit as the EHR sent it; flagged only by the EHR. */
export const labResult = z.object({
  code: z.enum(['2823-3', '2951-2', '2160-0', '3094-0', '2345-7', '718-7', '6690-2', '777-3']),
  label: z.string(),
  display: z.string(),
  takenAt: z.string(),
  stale: z.boolean(),
  flag: vitalSign.shape.flag,
});
export type LabResultDto = z.infer<typeof labResult>;

export const patientSummary = z.object({
  patient: patientBanner,
  encounter: summaryPart(
    z.object({ location: z.string().nullable(), attending: z.string().nullable(), admittedAt: z.string().nullable(), status: z.string().nullable() }).nullable(),
  ),
  vitals: summaryPart(z.array(vitalSign)),
  labs: summaryPart(z.array(labResult)),
  conditions: summaryPart(z.array(clinicalItem)),
  allergies: summaryPart(z.array(clinicalItem)),
  medications: summaryPart(z.array(clinicalItem)),
  coverage: summaryPart(z.array(clinicalItem)),
});
export type PatientSummaryDto = z.infer<typeof patientSummary>;

export const note = z.object({ id: z.string(), text: z.string(), authorName: z.string(), createdAt: z.string() });
export type NoteDto = z.infer<typeof note>;

/** One row of a list: the entry, the patient's summary (or why it could not be read), its notes. */
export const listRow = z.object({
  entryId: z.string(),
  source: z.enum(['ehr', 'manual']),
  addedAt: z.string(),
  summary: patientSummary,
  freeText: z.string().nullable(),
  notes: z.array(note),
});
export type ListRow = z.infer<typeof listRow>;

export const listView = z.object({ list: roundingList, rows: z.array(listRow) });
export type ListView = z.infer<typeof listView>;

export const searchQuery = z.object({
  q: z.string({ error: 'q is required' }).trim().min(2, 'type at least 2 characters').max(100, 'search is too long'),
  teamId: z.string().optional(),
  channelId: z.string().optional(),
});

export const patientMatch = z.object({ id: z.string(), name: z.string(), mrn: z.string().nullable(), birthDate: z.string().nullable(), gender: gender.nullable() });
export type PatientMatch = z.infer<typeof patientMatch>;

/**
 * GET /api/list-entries?teamId&channelId&ref: where a patient is on the channel's lists (default list
 * first), by entry id or by the patient's reference (FHIR id). Deep links to a patient use it.
 */
export const listEntriesQuery = channelQuery.extend({ ref: id('ref') });
export const listEntryPlaces = z.object({ entries: z.array(z.object({ listId: z.string(), entryId: z.string() })) });
export type ListEntryPlaces = z.infer<typeof listEntryPlaces>;

/** Server-sent event on /api/patients/events: something in the channel's lists changed; refetch. */
export const listsChangedEvent = z.object({ kind: z.enum(['lists', 'list']), listId: z.string().nullable(), by: z.string() });
export type ListsChangedEvent = z.infer<typeof listsChangedEvent>;

/** Whole-ward add: the in-progress inpatients of a ward (FHIR Location) or an attending (Practitioner). */
export const censusKind = z.enum(['location', 'practitioner'], { error: "kind must be 'location' or 'practitioner'" });
export type CensusKindDto = z.infer<typeof censusKind>;
const fhirId = (name: string) => z.string({ error: `${name} is required` }).regex(/^[A-Za-z0-9\-.]{1,64}$/, `${name} is not an EHR id`);
/** As many patients as one whole-ward add reads from the EHR (CENSUS_CAP in the FHIR gateway). */
export const CENSUS_MAX_PATIENTS = 200;

/** GET /api/census/sources?teamId&channelId&kind&q: wards or attendings by name. */
export const censusSourcesQuery = channelQuery.extend({
  kind: censusKind,
  q: z.string({ error: 'q is required' }).trim().min(2, 'type at least 2 characters').max(100, 'search is too long'),
});
export const censusSource = z.object({ kind: censusKind, id: z.string(), name: z.string(), detail: z.string().nullable() });
export type CensusSourceDto = z.infer<typeof censusSource>;
export const censusSources = z.object({ sources: z.array(censusSource) });

/** GET /api/lists/<id>/census?kind&id: the preview. POST /api/lists/<id>/census: add those chosen. */
export const censusQuery = z.object({ kind: censusKind, id: fhirId('id') });
export const censusAddInput = censusQuery.extend({
  patientIds: z.array(fhirId('patientIds')).min(1, 'choose at least one patient').max(CENSUS_MAX_PATIENTS, `at most ${CENSUS_MAX_PATIENTS} patients at once`),
});
export type CensusAddInput = z.infer<typeof censusAddInput>;
export const censusPatient = patientMatch.extend({ location: z.string().nullable(), onList: z.boolean() });
export type CensusPatientDto = z.infer<typeof censusPatient>;
export const censusPreview = z.object({ patients: z.array(censusPatient), truncated: z.boolean() });
export type CensusPreviewDto = z.infer<typeof censusPreview>;
export const censusAddResult = z.object({ added: z.number(), alreadyOnList: z.number(), noLongerThere: z.number() });
export type CensusAddResultDto = z.infer<typeof censusAddResult>;
