import { AppError } from '../domain/shared/app-error';
import { type Census, type CensusKind, type CensusSource } from '../domain/patients/patient-summary';
import { expectBundle } from './fhir-errors';
import { type Resource } from './fhir-resources';
import { type FhirSession } from './fhir-session';
import { CENSUS_PARAMETER, locationSources, mapCensus, patientIdOf, practitionerSources, type CensusEncounter } from './map-census';
import { getRunner, type SearchRequest } from './search-runner';
import { searchUrl } from './version-mapper';

/** Patients one whole-ward add reads at most: a large ward, and still a few requests. */
export const CENSUS_CAP = 200;
/** Encounters per page: with the included Patients, two pages hold the cap. */
const CENSUS_PAGE_SIZE = 100;
const SOURCE_LIMIT = 20;
/** Patients per `Patient?_id=` search when a server leaves out `_include`d resources. */
const IDS_PER_SEARCH = 50;

/** Wards or attendings by name: `Location?name=` / `Practitioner?name=` (staff and places, not patients). */
export async function searchCensusSources(openSession: () => Promise<FhirSession>, kind: CensusKind, query: string): Promise<CensusSource[]> {
  const name = query.trim();
  if (name.length < 2) throw new AppError('validation', 'Type at least 2 characters of the name.', { field: 'q' });
  const session = await openSession();
  const { resourceType } = CENSUS_PARAMETER[kind];
  const bundle = expectBundle(await session.client.get(searchUrl(resourceType, [['name', name], ['_count', String(SOURCE_LIMIT)]])));
  const found = (bundle.entry ?? []).filter((entry) => entry.search?.mode !== 'include').flatMap((entry) => (entry.resource ? [entry.resource] : []));
  return (kind === 'location' ? locationSources(found) : practitionerSources(found)).slice(0, SOURCE_LIMIT);
}

/**
 * `Encounter?location=Location/x&status=in-progress&_include=Encounter:patient` (or `participant=` for
 * an attending), paged up to the cap. A server that ignores `_include` costs one more search per
 * 50 patients, by `_id`.
 */
export async function readCensus(openSession: () => Promise<FhirSession>, kind: CensusKind, id: string): Promise<Census> {
  const session = await openSession();
  const runner = getRunner(session.client);
  const { parameter, resourceType } = CENSUS_PARAMETER[kind];
  const encounters = (resources: readonly Resource[]) => resources.filter((resource) => resource.resourceType === 'Encounter').length;
  const [outcome] = await runner.run([
    {
      url: searchUrl('Encounter', [[parameter, `${resourceType}/${id}`], ['status', 'in-progress'], ['_include', 'Encounter:patient'], ['_count', String(CENSUS_PAGE_SIZE)]]),
      // One past the cap, so a ward of exactly the cap is not reported as cut short.
      enough: (resources) => encounters(resources) > CENSUS_CAP,
    },
  ]);
  if (!outcome) throw new AppError('internal', 'Something went wrong on our side. Please try again.');
  if (!outcome.ok) throw outcome.error;
  const resources = [...outcome.value];
  const open = resources.filter((resource): resource is CensusEncounter => resource.resourceType === 'Encounter' && (resource as CensusEncounter).status === 'in-progress');
  const truncated = open.length > CENSUS_CAP;
  const kept = open.slice(0, CENSUS_CAP);
  const present = new Set(resources.flatMap((resource) => (resource.resourceType === 'Patient' && resource.id ? [resource.id] : [])));
  const missing = [...new Set(kept.map(patientIdOf).filter((patientId): patientId is string => patientId !== null && !present.has(patientId)))];
  if (missing.length > 0) resources.push(...(await readPatients(runner, missing)));
  return { patients: mapCensus([...kept, ...resources.filter((resource) => resource.resourceType === 'Patient')]), truncated };
}

async function readPatients(runner: ReturnType<typeof getRunner>, ids: readonly string[]): Promise<Resource[]> {
  const searches: SearchRequest[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_SEARCH) {
    const chunk = ids.slice(i, i + IDS_PER_SEARCH);
    searches.push({ url: searchUrl('Patient', [['_id', chunk], ['_count', String(chunk.length)]]) });
  }
  return (await runner.run(searches)).flatMap((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
}
