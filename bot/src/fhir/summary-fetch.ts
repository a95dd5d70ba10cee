import { type PatientSummary, type SummaryPart } from '../domain/patients/patient-summary';
import { chunk, mapWithConcurrency } from './concurrency';
import { fhirFailureOf } from './fhir-failure';
import { type FhirSession } from './fhir-session';
import { ofType, type Encounter, type Observation, type Patient, type Resource } from './fhir-resources';
import { mapBanner, mapEncounter } from './map-common';
import { isNewestFirst } from './dates';
import { type SearchOutcome, type SearchRequest, type SearchRunner } from './search-runner';
import { PART_NAMES, searchUrl, type PartName, type VersionMapper } from './version-mapper';
import { latestLabs } from './labs';
import { latestVitals } from './vitals';

/** How summaries are fetched: patients per group of searches, groups at once, and who runs a group. */
export interface SummaryStrategy {
  runner: SearchRunner;
  chunkSize: number;
  chunkConcurrency: number;
}

/**
 * Summaries of many patients: per chunk of patients, one `Patient?_id=a,b,c` search plus each patient's
 * part searches, run as one group (one batch request with the batch runner). Ids the EHR does not know
 * are absent from the result. A resource type the server does not list is `unavailable` and not asked for.
 */
export async function fetchSummaries(
  session: FhirSession,
  ids: readonly string[],
  strategy: SummaryStrategy,
  now: () => number,
): Promise<Map<string, PatientSummary>> {
  const { mapper, discovery } = session;
  const supported = (resourceType: string) => discovery.resourceTypes?.has(resourceType) ?? true;
  // Parts whose type the token was not granted are not asked for: the EHR would refuse them.
  const permitted = await session.tokens.permits();

  const chunks = await mapWithConcurrency(chunk(ids, strategy.chunkSize), strategy.chunkConcurrency, async (patientIds) => {
    const requests: SearchRequest[] = [{ url: searchUrl('Patient', [['_id', patientIds], ['_count', String(patientIds.length)]]) }];
    const plan: { id: string; part: PartName; index: number | 'not_permitted' }[] = [];
    for (const id of patientIds) {
      const searches = mapper.partSearches(id);
      for (const part of PART_NAMES) {
        if (!supported(searches[part].resourceType)) continue;
        if (!permitted(searches[part].resourceType)) {
          plan.push({ id, part, index: 'not_permitted' });
          continue;
        }
        plan.push({ id, part, index: requests.length });
        requests.push({ url: searches[part].url, enough: latestOnly(part) });
      }
    }
    const outcomes = await strategy.runner.run(requests);
    const patientOutcome = outcomes[0];
    // Without the Patient search there is no banner to hang the parts on: the chunk fails as a whole.
    if (patientOutcome && !patientOutcome.ok) throw patientOutcome.error;
    const patients = ofType<Patient>(patientOutcome?.value ?? [], 'Patient').filter((patient): patient is Patient & { id: string } => typeof patient.id === 'string');
    return patientIds.flatMap((id) => {
      const patient = patients.find((candidate) => candidate.id === id);
      if (!patient) return [];
      const parts: Partial<Record<PartName, SearchOutcome | 'not_permitted'>> = {};
      for (const step of plan) if (step.id === id) parts[step.part] = step.index === 'not_permitted' ? 'not_permitted' : outcomes[step.index];
      return [[id, assembleSummary(mapper, patient, parts, now())] as const];
    });
  });
  return new Map(chunks.flat());
}

/**
 * For a part that shows only the latest: once the pages are demonstrably newest first, later pages hold
 * only older data (an ICU patient's hundreds of vitals stay one request). A vital or lab missing from those
 * pages is shown as missing rather than paged for; a server that ignored `_sort` is paged to the cap.
 */
function latestOnly(part: PartName): SearchRequest['enough'] {
  switch (part) {
    case 'encounter':
      return (resources) => isNewestFirst(resources, (resource) => (resource as Encounter).period?.start);
    case 'vitals':
    case 'labs':
      return (resources) => isNewestFirst(resources, (resource) => (resource as Observation).effectiveDateTime ?? (resource as Observation).effectivePeriod?.start);
    default:
      return undefined;
  }
}

/** One summary from the outcomes of its part searches; a missing outcome means the server lacks that type. */
function assembleSummary(
  mapper: VersionMapper,
  patient: Patient & { id: string },
  parts: Partial<Record<PartName, SearchOutcome | 'not_permitted'>>,
  now: number,
): PatientSummary {
  const asOf = new Date(now).toISOString();
  const part = <T>(name: PartName, label: string, map: (resources: readonly Resource[]) => T): SummaryPart<T> => {
    const outcome = parts[name];
    if (!outcome) return { status: 'unavailable' };
    if (outcome === 'not_permitted' || (!outcome.ok && fhirFailureOf(outcome.error)?.status === 403)) return { status: 'not_permitted' };
    if (!outcome.ok) return { status: 'error', reason: outcome.error.userMessage };
    try {
      return { status: 'ok', value: map(outcome.value), asOf };
    } catch {
      // EHR data is untrusted input: a malformed resource degrades its column, not the list.
      return { status: 'error', reason: `The EHR sent ${label} that Rounds could not read.` };
    }
  };
  return {
    patient: mapBanner(patient),
    encounter: part('encounter', 'an encounter', (resources) => mapEncounter(ofType<Encounter>(resources, 'Encounter'))),
    vitals: part('vitals', 'vital signs', (resources) => latestVitals(ofType<Observation>(resources, 'Observation'), now)),
    labs: part('labs', 'lab results', (resources) => latestLabs(ofType<Observation>(resources, 'Observation'), now)),
    conditions: part('conditions', 'conditions', mapper.conditions),
    allergies: part('allergies', 'allergies', mapper.allergies),
    medications: part('medications', 'medications', mapper.medications),
    coverage: part('coverage', 'coverage', mapper.coverage),
    telecom: mapper.telecom(patient, now),
  };
}
