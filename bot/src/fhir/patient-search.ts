import { AppError } from '../domain/shared/app-error';
import { type PatientBanner, type PatientSearch } from '../domain/patients/patient-summary';
import { expectBundle } from './fhir-errors';
import { type FhirSession } from './fhir-session';
import { ofType, type Patient } from './fhir-resources';
import { mapBanner } from './map-common';

const MAX_SEARCH_RESULTS = 50;

/** One Patient search; an `optional` one may fail without failing the whole search. */
interface PlannedSearch {
  form: URLSearchParams;
  optional: boolean;
}

const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** FHIR logical ids: letters, digits, '-' and '.', up to 64. */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * Free text to Patient searches: a birth date (YYYY-MM-DD) → `birthdate`; something with digits and no
 * spaces → `identifier` (an MRN) and, best effort, `_id` (people paste EHR ids too); anything else →
 * a name in the version's dialect. Returns null for a name, whose searches depend on the FHIR version.
 */
function planPatientSearch(query: string): PlannedSearch[] | null {
  const text = query.trim();
  if (text === '') throw new AppError('validation', 'Type a name, an MRN or a birth date (YYYY-MM-DD).', { field: 'query' });
  if (BIRTH_DATE.test(text)) return [{ form: new URLSearchParams({ birthdate: text }), optional: false }];
  if (/\d/.test(text) && !/\s/.test(text)) {
    const byMrn = { form: new URLSearchParams({ identifier: text }), optional: false };
    return FHIR_ID.test(text) ? [byMrn, { form: new URLSearchParams({ _id: text }), optional: true }] : [byMrn];
  }
  return null;
}

/**
 * Runs the planned searches side by side and merges them, first search first, without duplicates.
 * They go as `POST Patient/_search` so names, MRNs and birth dates stay out of URLs, and therefore out
 * of every proxy and server access log on the way. The query is checked before the EHR is contacted.
 */
export async function searchPatients(openSession: () => Promise<FhirSession>, search: PatientSearch): Promise<PatientBanner[]> {
  const limit = Math.min(MAX_SEARCH_RESULTS, Math.max(1, Math.floor(Number.isFinite(search.limit) ? search.limit : MAX_SEARCH_RESULTS)));
  const byKind = planPatientSearch(search.query);
  const session = await openSession();
  const planned = byKind ?? session.mapper.nameSearches(search.query.trim().split(/\s+/)).map((form) => ({ form, optional: false }));
  const results = await Promise.all(
    planned.map(async ({ form, optional }) => {
      form.set('_count', String(limit));
      try {
        const bundle = expectBundle(await session.client.post('Patient/_search', form.toString(), 'application/x-www-form-urlencoded'));
        return (bundle.entry ?? []).filter((entry) => entry.search?.mode !== 'include').flatMap((entry) => (entry.resource ? [entry.resource] : []));
      } catch (error) {
        // A server may reject `_id` values that are not its id format (e.g. UUID-only servers).
        if (optional && error instanceof AppError && error.code !== 'unauthenticated') return [];
        throw error;
      }
    }),
  );
  const banners = new Map<string, PatientBanner>();
  for (const patient of ofType<Patient>(results.flat(), 'Patient')) {
    if (typeof patient.id === 'string' && !banners.has(patient.id)) banners.set(patient.id, mapBanner({ ...patient, id: patient.id }));
  }
  // `total` is not relied on (optional in R4); the first `limit` distinct matches are the answer.
  return [...banners.values()].slice(0, limit);
}
