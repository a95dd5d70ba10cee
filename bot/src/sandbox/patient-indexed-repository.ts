/**
 * Medplum's in-memory repository with a per-patient index, so the searches a patient list makes
 * (`Observation?patient=Patient/x&...`, one per patient) do not each test every resource of the type.
 *
 * MemoryRepository answers a search by evaluating FHIRPath on every resource of the type; a vitals
 * search for one patient over 200 patients' Observations costs tens of milliseconds, which would
 * swamp the 50 ms latency `bench:list` injects. Here every resource is also written to a small
 * MemoryRepository for each patient its `patient` search parameter points at (evaluated by Medplum
 * at seeding time), and a search with exactly one `patient=` value is handed to that patient's
 * repository. Matching, sorting, counting and paging are still Medplum's own `search`; the index
 * only narrows which resources it looks at, and those are by construction all that could match.
 */
import { evalFhirPath, getSearchParameter, isReference, Operator, parseFhirPath, type FhirPathAtom, type IncludeTarget, type SearchRequest, type WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import { type Bundle, type BundleEntry, type Resource } from '@medplum/fhirtypes';

/** Search parameters' FHIRPath, parsed once: seeding evaluates one for each of some 9,500 resources. */
const parsedExpressions = new Map<string, FhirPathAtom>();

/** The references a resource's search parameter yields (none when the type has no such parameter). */
function referencesOf(resource: Resource, searchParam: string): string[] {
  const expression = getSearchParameter(resource.resourceType, searchParam)?.expression;
  if (!expression) return [];
  let parsed = parsedExpressions.get(expression);
  if (!parsed) parsedExpressions.set(expression, (parsed = parseFhirPath(expression)));
  return evalFhirPath(parsed, resource).flatMap((value) => (isReference(value) ? [value.reference] : []));
}

/** The `Patient/x` references a resource's `patient` search parameter yields (none for most non-clinical types). */
function patientsOf(resource: Resource): string[] {
  return referencesOf(resource, 'patient');
}

/** The form the index's keys take; a bare id may still match `Patient/<id>`, so it is scanned. */
const PATIENT_REFERENCE = /^Patient\/[^/]+$/;

/** Searched for a patient the index does not know: never written to. */
const NOTHING = new MemoryRepository();

export class PatientIndexedRepository extends MemoryRepository {
  private readonly byPatient = new Map<string, MemoryRepository>();

  /**
   * Writes the resources and indexes them. The index is built here only: the sandbox never writes
   * after seeding (its FHIR API refuses every write), so it cannot go stale.
   */
  async seed(resources: readonly Resource[]): Promise<void> {
    for (const resource of resources) {
      const stored = await this.createResource(resource);
      for (const patient of patientsOf(stored)) {
        let compartment = this.byPatient.get(patient);
        if (!compartment) {
          compartment = new MemoryRepository();
          this.byPatient.set(patient, compartment);
        }
        await compartment.createResource(stored);
      }
    }
  }

  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const patientFilters = searchRequest.filters?.filter((filter) => filter.code === 'patient') ?? [];
    const [only] = patientFilters;
    // Anything else (a modifier, several values, several filters, a bare id) takes the full scan.
    const compartment =
      patientFilters.length === 1 && only?.operator === Operator.EQUALS && !only.value.includes(',')
        ? this.compartmentOf(only.value)
        : undefined;
    const bundle = await (compartment ? compartment.search(searchRequest) : super.search(searchRequest));
    return searchRequest.include?.length ? this.withIncludes(bundle, searchRequest.include) : bundle;
  }

  /**
   * The repository that holds everything a `patient=<value>` search could match. Every resource that
   * points at a patient is indexed, so a patient reference the index lacks matches nothing: it is
   * answered from an empty repository rather than by scanning every resource of the type.
   */
  private compartmentOf(value: string): MemoryRepository | undefined {
    return this.byPatient.get(value) ?? (PATIENT_REFERENCE.test(value) ? NOTHING : undefined);
  }

  /**
   * `_include` (MemoryRepository ignores it): the resources the matches reference through the named
   * search parameter, once each, after the matches, marked `search.mode: include` as servers do.
   */
  private async withIncludes<T extends Resource>(bundle: Bundle<WithId<T>>, include: readonly IncludeTarget[]): Promise<Bundle<WithId<T>>> {
    const matches = (bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
    const wanted = new Set<string>();
    for (const target of include) {
      for (const resource of matches.filter((match) => match.resourceType === target.resourceType)) {
        for (const reference of referencesOf(resource, target.searchParam)) {
          if (!target.targetType || reference.startsWith(`${target.targetType}/`)) wanted.add(reference);
        }
      }
    }
    const included: BundleEntry[] = [];
    for (const reference of wanted) {
      try {
        included.push({ resource: await this.readReference({ reference }), search: { mode: 'include' } });
      } catch {
        // A dangling reference includes nothing, as on a real server.
      }
    }
    return { ...bundle, entry: [...(bundle.entry ?? []), ...(included as BundleEntry<WithId<T>>[])] };
  }
}
