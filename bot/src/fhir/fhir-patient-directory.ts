import { type PatientDirectory, type PatientSummary } from '../domain/patients/patient-summary';
import { readCensus, searchCensusSources } from './census-search';
import { type ConnectionReport, testConnection } from './connection-test';
import { type FhirConnection } from './fhir-connection';
import { createGateway, type FhirSession, type GatewayOptions, openSession } from './fhir-session';
import { searchPatients } from './patient-search';
import { batchRunner, getRunner } from './search-runner';
import { fetchSummaries, type SummaryStrategy } from './summary-fetch';
import { PART_NAMES } from './version-mapper';

export interface FhirPatientDirectory extends PatientDirectory {
  testConnection(): Promise<ConnectionReport>;
}

/** Long enough for a list re-render (or a second clinician opening the same list) not to refetch. */
export const SUMMARY_TTL_MS = 30_000;
/** Patients per batch: 1 + 6 × 25 = 151 entries, well inside what FHIR servers accept in one Bundle. */
export const PATIENTS_PER_BATCH = 25;
/** Batches in flight at once: 100 patients in one round trip, without flooding the EHR. */
export const BATCH_CONCURRENCY = 4;

/** The EHR as the use cases see it, over FHIR R4, STU3 or DSTU2 (picked from the server's metadata). */
export function createFhirPatientDirectory(connection: FhirConnection, options: GatewayOptions = {}): FhirPatientDirectory {
  const gateway = createGateway(connection, options);
  const { caches, now } = gateway;

  // Servers that do not offer batch get the same searches as single GETs, a few at a time.
  const strategyFor = (session: FhirSession): SummaryStrategy =>
    session.discovery.supportsBatch
      ? { runner: batchRunner(session.client, session.mapper.contentType), chunkSize: PATIENTS_PER_BATCH, chunkConcurrency: BATCH_CONCURRENCY }
      : { runner: getRunner(session.client), chunkSize: PATIENTS_PER_BATCH, chunkConcurrency: 1 };

  return {
    async search(search) {
      return searchPatients(() => openSession(gateway), search);
    },

    censusSources: (kind, query) => searchCensusSources(() => openSession(gateway), kind, query),

    census: (kind, id) => readCensus(() => openSession(gateway), kind, id),

    async summaries(ids) {
      const wanted = [...new Set(ids.filter((id) => id.trim() !== ''))];
      const found = new Map<string, PatientSummary>();
      const missing = wanted.filter((id) => {
        const cached = caches.summaries.get(`${gateway.key}|${id}`, now());
        if (cached) found.set(id, cached);
        return !cached;
      });
      if (missing.length > 0) {
        const session = await openSession(gateway);
        const fetched = await fetchSummaries(session, missing, strategyFor(session), now);
        for (const [id, summary] of fetched) {
          found.set(id, summary);
          // A summary with a failed part is not kept: the next render should try that part again.
          const complete = PART_NAMES.every((part) => summary[part].status !== 'error');
          if (complete) caches.summaries.set(`${gateway.key}|${id}`, summary, now() + SUMMARY_TTL_MS);
        }
      }
      return new Map(wanted.flatMap((id) => {
        const summary = found.get(id);
        return summary ? [[id, summary] as const] : [];
      }));
    },

    testConnection: () => testConnection(connection, options),
  };
}
