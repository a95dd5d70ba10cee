/**
 * npm run bench:list — a 100-patient list with all columns, through Rounds' FHIR gateway, against the
 * local sandbox with 50 ms injected latency per FHIR request. Measures the gateway's batched path and
 * the naive path (one request per patient per resource) in the same run, each with cold caches
 * (discovery and token included), and prints one summary line at the end.
 */
import { createFhirCaches } from '../../bot/src/fhir/fhir-caches';
import { createFhirPatientDirectory } from '../../bot/src/fhir/fhir-patient-directory';
import { naiveSummaries } from '../../bot/src/fhir/naive-summaries';
import { patientId } from '../../bot/src/sandbox/synthetic-ids';
import { startFhirSandbox } from '../../bot/src/sandbox/start-fhir-sandbox';

const PATIENTS = 100;
const LATENCY_MS = 50;

async function main(): Promise<void> {
  const credentials = { clientId: 'bench', clientSecret: 'bench-secret' };
  const sandbox = await startFhirSandbox({ ...credentials, latencyMs: LATENCY_MS });
  const connection = { baseUrl: sandbox.baseUrl, ...credentials, tenantId: '00000000-0000-0000-0000-000000000001' };
  const ids = Array.from({ length: PATIENTS }, (_, index) => patientId(index));
  try {
    const measure = async (run: () => Promise<Map<string, unknown>>) => {
      sandbox.resetCounters();
      const started = performance.now();
      const result = await run();
      const wallMs = Math.round(performance.now() - started);
      if (result.size !== PATIENTS) throw new Error(`expected ${PATIENTS} summaries, got ${result.size}`);
      return { wallMs, requests: sandbox.fhirRequestCount() };
    };
    const batched = await measure(() => createFhirPatientDirectory(connection, { caches: createFhirCaches() }).summaries(ids));
    const naive = await measure(() => naiveSummaries(connection, ids, { caches: createFhirCaches() }));
    console.log(`sandbox: ${sandbox.resourceCount} resources, started in ${Math.round(sandbox.startupMs)} ms; ${LATENCY_MS} ms latency per FHIR request`);
    console.log(`batched: ${batched.wallMs} ms, ${batched.requests} FHIR requests (discovery and metadata included)`);
    console.log(`naive:   ${naive.wallMs} ms, ${naive.requests} FHIR requests`);
    console.log(`bench:list patients=${PATIENTS} wall_ms=${batched.wallMs} fhir_requests=${batched.requests} naive_wall_ms=${naive.wallMs} naive_fhir_requests=${naive.requests}`);
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
