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
 *
 * A patient's repository is filled on the first search for that patient, from what seeding noted:
 * writing every resource a second time at start cost as much as seeding itself (Medplum copies each
 * resource it stores), and most starts (a test's, a developer's) search a few patients of 200.
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
  /** The resources that point at each patient, as seeded. */
  private readonly seededFor = new Map<string, Resource[]>();
  /** Each patient's repository once searched: a promise, so two first searches fill it once. */
  private readonly byPatient = new Map<string, Promise<MemoryRepository>>();

  /**
   * Writes the resources and notes which patients each points at. The index comes from here only:
   * the sandbox never writes after seeding (its FHIR API refuses every write), so it cannot go stale.
   */
  async seed(resources: readonly Resource[]): Promise<void> {
    for (const resource of resources) {
      const stored = await this.createResource(resource);
      for (const patient of patientsOf(stored)) {
        const noted = this.seededFor.get(patient);
        if (noted) noted.push(stored);
        else this.seededFor.set(patient, [stored]);
      }
    }
  }

  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const patientFilters = searchRequest.filters?.filter((filter) => filter.code === 'patient') ?? [];
    const [only] = patientFilters;
    // Anything else (a modifier, several values, several filters, a bare id) takes the full scan.
    const compartment =
      patientFilters.length === 1 && only?.operator === Operator.EQUALS && !only.value.includes(',')
        ? await this.compartmentOf(only.value)
        : undefined;
    const bundle = await (compartment ? compartment.search(searchRequest) : super.search(searchRequest));
    return searchRequest.include?.length ? this.withIncludes(bundle, searchRequest.include) : bundle;
  }

  /**
   * The repository that holds everything a `patient=<value>` search could match. Every resource that
   * points at a patient is indexed, so a patient reference the index lacks matches nothing: it is
   * answered from an empty repository rather than by scanning every resource of the type.
   */
  private compartmentOf(value: string): Promise<MemoryRepository> | undefined {
    const filled = this.byPatient.get(value);
    if (filled) return filled;
    const seeded = this.seededFor.get(value);
    if (!seeded) return PATIENT_REFERENCE.test(value) ? Promise.resolve(NOTHING) : undefined;
    const filling = (async () => {
      const compartment = new MemoryRepository();
      for (const resource of seeded) await compartment.createResource(resource);
      return compartment;
    })();
    this.byPatient.set(value, filling);
    this.seededFor.delete(value);
    return filling;
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
