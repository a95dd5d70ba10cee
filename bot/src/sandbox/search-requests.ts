/**
 * What the sandbox adds around Medplum's search so it behaves like a production FHIR server:
 * a default page size, `Bundle.link` paging and `fullUrl` (Medplum's in-memory repository emits
 * neither), bare ids in `patient=` (US Core servers accept `123` as well as `Patient/123`;
 * Medplum's matcher only the latter), and a 400 for parameters it would otherwise silently match
 * nothing with. Matching, sorting and counting stay Medplum's.
 */
import { getSearchParameter, parseSearchRequest } from '@medplum/core';
import { type Bundle, type ResourceType } from '@medplum/fhirtypes';

/** Clients must follow `next` links: a page never holds more than this unless `_count` asks. */
export const DEFAULT_PAGE_SIZE = 50;

/** The query in the shape Medplum's router produces (repeated keys become arrays). */
export type QueryRecord = Record<string, string | string[]>;

export function toQueryRecord(params: URLSearchParams): QueryRecord {
  const record: QueryRecord = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return record;
}

/** `123,Patient/456` -> `Patient/123,Patient/456` (a comma separates alternatives). */
function withPatientType(value: string): string {
  return value
    .split(',')
    .map((id) => (id.includes('/') ? id : `Patient/${id}`))
    .join(',');
}

/** The parameters with the sandbox's defaults applied: page size, and `Patient/` on bare patient ids. */
export function normalizeSearchParams(params: URLSearchParams): URLSearchParams {
  const normalized = new URLSearchParams();
  for (const [key, value] of params) {
    normalized.append(key, key === 'patient' ? withPatientType(value) : value);
  }
  if (!normalized.has('_count')) normalized.set('_count', String(DEFAULT_PAGE_SIZE));
  return normalized;
}

/** Why Medplum cannot answer this search faithfully, or null when it can. */
export function searchProblem(resourceType: ResourceType, params: URLSearchParams): string | null {
  for (const key of ['_count', '_offset']) {
    const value = params.get(key);
    if (value !== null && !/^\d+$/.test(value)) return `${key} must be a non-negative integer`;
  }
  const request = parseSearchRequest(resourceType, toQueryRecord(params));
  // Medplum's in-memory matcher treats an unknown parameter (or a chain) as "matches nothing".
  const unknown = request.filters?.find((filter) => !getSearchParameter(resourceType, filter.code));
  return unknown ? `Unknown or unsupported search parameter: ${unknown.code}` : null;
}

/**
 * Adds `self` and `next` links (offset paging with `_offset`, which Medplum parses) and a
 * `fullUrl` and `search.mode` on every entry (`include` kept for `_include`d resources).
 */
export function addPaging(bundle: Bundle, baseUrl: string, resourceType: ResourceType, params: URLSearchParams): Bundle {
  const { count = DEFAULT_PAGE_SIZE, offset = 0 } = parseSearchRequest(resourceType, toQueryRecord(params));
  const pageUrl = (pageOffset: number): string => {
    const page = new URLSearchParams(params);
    page.set('_offset', String(pageOffset));
    return `${baseUrl}/${resourceType}?${page.toString()}`;
  };
  const total = bundle.total ?? 0;
  const link = [{ relation: 'self', url: pageUrl(offset) }];
  if (count > 0 && offset + count < total) link.push({ relation: 'next', url: pageUrl(offset + count) });
  return {
    ...bundle,
    link,
    ...(bundle.entry
      ? {
          entry: bundle.entry.map((entry) => ({
            ...(entry.resource?.id ? { fullUrl: `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}` } : {}),
            ...entry,
            search: { mode: entry.search?.mode === 'include' ? ('include' as const) : ('match' as const) },
          })),
        }
      : {}),
  };
}
