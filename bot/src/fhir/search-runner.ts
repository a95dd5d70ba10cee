import { AppError } from '../domain/shared/app-error';
import { mapWithConcurrency } from './concurrency';
import { asOutcome, errorForStatus, expectBundle } from './fhir-errors';
import { FhirFailure, fhirError } from './fhir-failure';
import { type FhirClient } from './fhir-client';
import { type Bundle, type Resource } from './fhir-resources';

/** A value, or the AppError that stands for it; failures stay per search. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What one search found (all its pages), or why it failed. */
export type SearchOutcome = Settled<Resource[]>;

export interface SearchRequest {
  /** Relative to the base. */
  url: string;
  /** True once the pages read so far hold all the caller needs: no more `next` links are followed. */
  enough?: (resources: readonly Resource[]) => boolean;
}

/** Runs a group of searches; outcomes come back in the same order. */
export interface SearchRunner {
  run(searches: readonly SearchRequest[]): Promise<SearchOutcome[]>;
}

/** Pages per search, first included: enough for a patient's recent vitals, bounded against runaway paging. */
const PAGE_CAP = 4;
/** Concurrent follow-up requests (next pages, or single GETs when a server has no batch). */
const GET_CONCURRENCY = 8;

/**
 * One `POST [base]` batch Bundle for the whole group: one HTTP request however many searches. A batch
 * that fails as a whole rejects; an entry that fails marks only its own search.
 */
export function batchRunner(client: FhirClient, contentType: string): SearchRunner {
  return {
    async run(searches) {
      const batch = { resourceType: 'Bundle', type: 'batch', entry: searches.map(({ url }) => ({ request: { method: 'GET', url } })) };
      const response = expectBundle(await client.post('', JSON.stringify(batch), contentType));
      const entries = response.entry ?? [];
      if (entries.length !== searches.length) {
        throw fhirError('unavailable', 'The EHR answered a batch with a different number of entries than it was sent.', new FhirFailure('not_fhir', { detail: 'batch-size' }));
      }
      const pages = await Promise.all(
        entries.map((entry) =>
          settled(() => {
            const status = Number.parseInt(entry.response?.status ?? '', 10);
            if (status >= 200 && status <= 299) return expectBundle(entry.resource);
            throw errorForStatus(Number.isNaN(status) ? null : status, asOutcome(entry.resource) ?? asOutcome(entry.response?.outcome));
          }),
        ),
      );
      return followAll(client, searches, pages);
    },
  };
}

/** One GET per search, a few at a time: for servers without batch, and the benchmark's naive baseline. */
export function getRunner(client: FhirClient, concurrency = GET_CONCURRENCY): SearchRunner {
  return {
    async run(searches) {
      const pages = await mapWithConcurrency(searches, concurrency, ({ url }) => settled(async () => expectBundle(await client.get(url))));
      return followAll(client, searches, pages);
    },
  };
}

async function followAll(client: FhirClient, searches: readonly SearchRequest[], pages: readonly Settled<Bundle>[]): Promise<SearchOutcome[]> {
  return mapWithConcurrency(
    pages.map((page, index) => ({ page, enough: searches[index]?.enough })),
    GET_CONCURRENCY,
    async ({ page, enough }) => (page.ok ? settled(() => allPages(client, page.value, enough)) : page),
  );
}

/** Follows `next` links up to the cap; a link to another origin fails the search (FhirClient refuses it). */
async function allPages(client: FhirClient, first: Bundle, enough: SearchRequest['enough']): Promise<Resource[]> {
  const resources = matches(first);
  let bundle = first;
  for (let page = 1; page < PAGE_CAP && !enough?.(resources); page++) {
    const next = bundle.link?.find((link) => link.relation === 'next')?.url;
    if (!next) break;
    bundle = expectBundle(await client.get(next));
    resources.push(...matches(bundle));
  }
  return resources;
}

/** Matches and `_include`d resources; `outcome` entries are warnings about the search, not data. */
function matches(bundle: Bundle): Resource[] {
  return (bundle.entry ?? [])
    .filter((entry) => entry.search?.mode !== 'outcome')
    .map((entry) => entry.resource)
    .filter((resource): resource is Resource => resource !== undefined && resource.resourceType !== 'OperationOutcome');
}

/** AppErrors become a failed outcome; anything else is a bug and propagates. */
async function settled<T>(read: () => T | Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}
