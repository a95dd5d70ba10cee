/**
 * The authenticated FHIR REST API, read-only: read, search (GET and POST `_search`) and batch
 * Bundles of those, all executed by Medplum's FhirRouter against the seeded repository. This layer
 * only decides what is allowed and adds what Medplum leaves out (see search-requests.ts).
 * Everything that would write is refused, so every test and benchmark sees the same data.
 */
import { getStatus, isOk, isResource, isResourceType } from '@medplum/core';
import { type FhirRepository, type FhirRequest, FhirRouter, type HttpMethod } from '@medplum/fhir-router';
import {
  type Bundle,
  type BundleEntry,
  type OperationOutcome,
  type OperationOutcomeIssue,
  type Resource,
  type ResourceType,
} from '@medplum/fhirtypes';
import { addPaging, normalizeSearchParams, searchProblem, toQueryRecord, type QueryRecord } from './search-requests';

export interface FhirApiRequest {
  method: string;
  /** Below the FHIR base, without a leading slash: "", "Patient/pat-0001", "Observation/_search". */
  path: string;
  query: URLSearchParams;
  /** Media type of the body, without parameters ("" when none). */
  mediaType: string;
  body: string;
}

export interface FhirApiResponse {
  status: number;
  resource: Resource;
}

/** A search as the sandbox hands it to Medplum, kept to build the paging links afterwards. */
interface PlannedSearch {
  resourceType: ResourceType;
  params: URLSearchParams;
}

/** A batch entry Medplum will run, or the answer the sandbox gives for it instead. */
type PlannedEntry = { run: BundleEntry; search?: PlannedSearch } | { refused: BundleEntry };

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPES = new Set(['application/fhir+json', 'application/json', 'application/json+fhir']);

type IssueCode = OperationOutcomeIssue['code'];

export function operationOutcome(code: IssueCode, text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

/** An answer the sandbox gives itself, without asking Medplum. */
interface Refusal extends FhirApiResponse {
  resource: OperationOutcome;
}

function refuse(status: number, code: IssueCode, text: string): Refusal {
  return { status, resource: operationOutcome(code, text) };
}

const READ_ONLY = 'The FHIR sandbox is read-only: it supports read, search and batch Bundles of those.';

function medplumRequest(method: HttpMethod, url: string, body?: Resource | QueryRecord): FhirRequest {
  return { method, url, pathname: '', params: {}, query: {}, body };
}

/** Splits a batch entry's `Patient?name=x` into path and query. */
function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const mark = url.indexOf('?');
  const path = (mark < 0 ? url : url.slice(0, mark)).replace(/^\/+/, '');
  return { path, query: new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)) };
}

/** The search Medplum will run (sandbox defaults applied), or why it will not. */
function prepareSearch(resourceType: string, raw: URLSearchParams): PlannedSearch | { refusal: Refusal } {
  if (!isResourceType(resourceType)) return { refusal: refuse(404, 'not-found', 'Unknown resource type.') };
  const params = normalizeSearchParams(raw);
  const problem = searchProblem(resourceType, params);
  return problem ? { refusal: refuse(400, 'not-supported', problem) } : { resourceType, params };
}

export class SandboxFhirApi {
  private readonly router = new FhirRouter();

  constructor(
    private readonly repo: FhirRepository,
    /** Absolute, for `fullUrl` and paging links. */
    private readonly baseUrl: string,
  ) {}

  async handle(request: FhirApiRequest): Promise<FhirApiResponse> {
    if (request.method !== 'GET' && request.method !== 'POST') return refuse(405, 'not-supported', READ_ONLY);
    const route = this.router.find(request.method, request.path);
    if (!route) return refuse(404, 'not-found', 'Unknown FHIR path.');
    const interaction = route.data?.interaction;
    switch (interaction) {
      case 'read':
      case 'vread': {
        const [outcome, resource] = await this.router.handleRequest(medplumRequest('GET', request.path), this.repo);
        return this.fromMedplum(outcome, resource);
      }
      case 'search-type':
        return this.search(request, route.params.resourceType ?? '');
      case 'batch':
        return this.batch(request);
      default:
        return refuse(405, 'not-supported', READ_ONLY);
    }
  }

  private async search(request: FhirApiRequest, resourceType: string): Promise<FhirApiResponse> {
    const raw = new URLSearchParams(request.query);
    if (request.method === 'POST') {
      if (request.mediaType !== FORM) return refuse(415, 'not-supported', `POST _search takes a ${FORM} body.`);
      // FHIR allows parameters in both the URL and the body of a POST search.
      for (const [key, value] of new URLSearchParams(request.body)) raw.append(key, value);
    }
    const search = prepareSearch(resourceType, raw);
    if ('refusal' in search) return search.refusal;
    const { params } = search;
    const fhirRequest =
      request.method === 'POST'
        ? medplumRequest('POST', `${search.resourceType}/_search`, toQueryRecord(params))
        : medplumRequest('GET', `${search.resourceType}?${params.toString()}`);
    const [outcome, resource] = await this.router.handleRequest(fhirRequest, this.repo);
    if (isOk(outcome) && isResource<Bundle>(resource, 'Bundle')) {
      return { status: 200, resource: addPaging(resource, this.baseUrl, search.resourceType, params) };
    }
    return this.fromMedplum(outcome, resource);
  }

  private async batch(request: FhirApiRequest): Promise<FhirApiResponse> {
    if (!JSON_TYPES.has(request.mediaType)) return refuse(415, 'not-supported', 'POST to the base takes a JSON Bundle.');
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return refuse(400, 'invalid', 'The body is not valid JSON.');
    }
    if (!isResource<Bundle>(body, 'Bundle') || body.type !== 'batch') {
      return refuse(400, 'not-supported', `POST to the base takes a batch Bundle. ${READ_ONLY}`);
    }
    if (!body.entry?.length) return refuse(400, 'required', 'The batch Bundle has no entries.');

    const plans = body.entry.map((entry) => this.planEntry(entry));
    const runnable = plans.flatMap((plan) => ('run' in plan ? [plan.run] : []));
    let results: BundleEntry[] = [];
    if (runnable.length > 0) {
      const batch: Bundle = { resourceType: 'Bundle', type: 'batch', entry: runnable };
      const [outcome, result] = await this.router.handleRequest(medplumRequest('POST', '', batch), this.repo);
      if (!isOk(outcome) || !isResource<Bundle>(result, 'Bundle')) return this.fromMedplum(outcome, result);
      results = result.entry ?? [];
    }
    // Medplum answers in request order; splice the refused entries back in where they were.
    let next = 0;
    const entry = plans.map((plan) => ('run' in plan ? this.finishEntry(results[next++] ?? {}, plan.search) : plan.refused));
    return { status: 200, resource: { resourceType: 'Bundle', type: 'batch-response', entry } };
  }

  /** Batch entries are independent: one the sandbox refuses gets its own error response. */
  private planEntry(entry: BundleEntry): PlannedEntry {
    const refused = ({ status, resource }: Refusal): PlannedEntry => ({
      refused: { response: { status: String(status), outcome: resource } },
    });
    const url = entry.request?.url;
    if (entry.request?.method !== 'GET' || !url) return refused(refuse(405, 'not-supported', READ_ONLY));
    const { path, query } = splitUrl(url);
    const route = this.router.find('GET', path);
    switch (route?.data?.interaction) {
      case 'read':
      case 'vread':
        return { run: { request: { method: 'GET', url: path } } };
      case 'search-type': {
        const search = prepareSearch(route.params.resourceType ?? '', query);
        if ('refusal' in search) return refused(search.refusal);
        return { run: { request: { method: 'GET', url: `${search.resourceType}?${search.params.toString()}` } }, search };
      }
      case undefined:
        return refused(refuse(404, 'not-found', 'Unknown FHIR path.'));
      default:
        return refused(refuse(405, 'not-supported', READ_ONLY));
    }
  }

  private finishEntry(result: BundleEntry, search: PlannedSearch | undefined): BundleEntry {
    const { resource } = result;
    if (search && isResource<Bundle>(resource, 'Bundle')) {
      return { ...result, resource: addPaging(resource, this.baseUrl, search.resourceType, search.params) };
    }
    return resource?.id ? { fullUrl: `${this.baseUrl}/${resource.resourceType}/${resource.id}`, ...result } : result;
  }

  private fromMedplum(outcome: OperationOutcome, resource: Resource | undefined): FhirApiResponse {
    return { status: getStatus(outcome), resource: resource ?? outcome };
  }
}
