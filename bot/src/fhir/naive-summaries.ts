import { type PatientSummary } from '../domain/patients/patient-summary';
import { type FhirConnection } from './fhir-connection';
import { createGateway, type GatewayOptions, openSession } from './fhir-session';
import { getRunner } from './search-runner';
import { fetchSummaries } from './summary-fetch';
import { PART_NAMES } from './version-mapper';

/**
 * FOR THE BENCHMARK ONLY: the straightforward way, one GET per patient per resource (the patient's
 * parts side by side), one patient after another, no summary cache. It exists to show what batching
 * buys; production code uses `createFhirPatientDirectory(...).summaries`.
 */
export async function naiveSummaries(connection: FhirConnection, ids: readonly string[], options: GatewayOptions = {}): Promise<Map<string, PatientSummary>> {
  const gateway = createGateway(connection, options);
  const session = await openSession(gateway);
  return fetchSummaries(session, [...new Set(ids)], { runner: getRunner(session.client, 1 + PART_NAMES.length), chunkSize: 1, chunkConcurrency: 1 }, gateway.now);
}
