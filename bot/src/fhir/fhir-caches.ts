import { type PatientSummary } from '../domain/patients/patient-summary';
import { type Discovery } from './discovery';
import { createTokenStore, type TokenStore } from './token-client';
import { TtlCache } from './ttl-cache';

/**
 * Everything the gateway remembers between calls. One process-wide set by default, so directories
 * created per request still share tokens and summaries; tests pass their own. All of it is in memory
 * and short-lived: nothing from the EHR is stored at rest.
 */
export interface FhirCaches {
  /** By base URL. */
  discovery: TtlCache<Promise<Discovery>>;
  tokens: TokenStore;
  /** By connection key and patient id. */
  summaries: TtlCache<PatientSummary>;
}

export function createFhirCaches(): FhirCaches {
  return { discovery: new TtlCache(500), tokens: createTokenStore(), summaries: new TtlCache(5000) };
}

export const processFhirCaches: FhirCaches = createFhirCaches();
