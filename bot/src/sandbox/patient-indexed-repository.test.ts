import { parseSearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import { loadMedplumDefinitions } from './medplum-definitions';
import { PatientIndexedRepository } from './patient-indexed-repository';
import { generateSyntheticPatients } from './synthetic-patients';

const resources = generateSyntheticPatients({ now: new Date('2025-03-10T09:30:00Z'), patientCount: 30 });
const covered = resources.find((r) => r.resourceType === 'Coverage' && r.beneficiary.reference !== 'Patient/pat-0001');
const indexed = new PatientIndexedRepository();
const plain = new MemoryRepository();

beforeAll(async () => {
  loadMedplumDefinitions();
  await indexed.seed(resources);
  for (const resource of resources) await plain.createResource(resource);
});

const SEARCHES = [
  'Observation?patient=Patient/pat-0001&category=vital-signs',
  'Observation?patient=Patient/pat-0001&code=8867-4&_sort=-date&_count=2',
  'Observation?patient=Patient/pat-0014&category=vital-signs&_sort=-date&_count=3&_offset=2',
  'Encounter?patient=Patient/pat-0009',
  'Condition?patient=Patient/pat-0003&_count=10',
  'AllergyIntolerance?patient=Patient/pat-0002',
  'MedicationRequest?patient=Patient/pat-0005&intent=order&status=active',
  `Coverage?patient=${covered?.resourceType === 'Coverage' ? (covered.beneficiary.reference ?? '') : ''}`,
  // A patient the index lacks: answered from an empty repository (next test).
  'Observation?patient=Patient/pat-9999',
  // Not served from the index: several values, a bare id (which Medplum matches to nothing), no patient at all.
  'Observation?patient=Patient/pat-0001,Patient/pat-0002&code=8310-5',
  'Observation?patient=pat-0001&category=vital-signs',
  'Encounter?status=in-progress&_sort=date&_count=5',
];

describe('PatientIndexedRepository', () => {
  it.each(SEARCHES)('answers %s exactly as Medplum’s plain MemoryRepository does', async (url) => {
    const summary = async (repo: MemoryRepository) => {
      const bundle = await repo.search(parseSearchRequest(url));
      return { total: bundle.total, ids: (bundle.entry ?? []).map((entry) => entry.resource?.id) };
    };
    const expected = await summary(plain);
    expect(await summary(indexed)).toEqual(expected);
    if (!url.includes('pat-9999') && !url.includes('patient=pat-')) expect(expected.ids.length).toBeGreaterThan(0);
  });
});

describe('PatientIndexedRepository, a patient searched for the first time', () => {
  const url = 'Observation?patient=Patient/pat-0004&category=vital-signs';

  /** How many resources Medplum stores while the searches run, on a newly seeded repository. */
  async function writesDuring(searches: (repository: PatientIndexedRepository) => Promise<unknown>): Promise<number> {
    const repository = new PatientIndexedRepository();
    await repository.seed(resources);
    const create = jest.spyOn(MemoryRepository.prototype, 'createResource');
    try {
      await searches(repository);
      return create.mock.calls.length;
    } finally {
      create.mockRestore();
    }
  }

  it('fills the patient’s repository on the first search, once, even for two first searches at once', async () => {
    const once = await writesDuring((repository) => repository.search(parseSearchRequest(url)));
    const twiceAtOnceThenAgain = await writesDuring(async (repository) => {
      const [first, second] = await Promise.all([repository.search(parseSearchRequest(url)), repository.search(parseSearchRequest(url))]);
      expect(second.total).toBe(first.total);
      expect(first.total).toBe((await plain.search(parseSearchRequest(url))).total);
      await repository.search(parseSearchRequest('Encounter?patient=Patient/pat-0004'));
    });

    expect(once).toBeGreaterThan(0);
    expect(twiceAtOnceThenAgain).toBe(once);
  });
});

describe('PatientIndexedRepository for a patient it has never seen', () => {
  it('answers without scanning every resource of the type', async () => {
    const search = jest.spyOn(MemoryRepository.prototype, 'search');
    try {
      const bundle = await indexed.search(parseSearchRequest('Observation?patient=Patient/pat-9999&category=vital-signs'));
      expect(bundle.entry ?? []).toEqual([]);
      expect(search.mock.contexts).not.toContain(indexed);
    } finally {
      search.mockRestore();
    }
  });
});

describe('PatientIndexedRepository _include', () => {
  it('adds each referenced Patient once, after the matches, marked as included', async () => {
    const bundle = await indexed.search(parseSearchRequest('Encounter?location=Location/loc-ward-3a&status=in-progress&_include=Encounter:patient'));
    const entries = bundle.entry ?? [];
    const encounters = entries.filter((entry) => entry.resource?.resourceType === 'Encounter');
    const patients = entries.filter((entry) => entry.resource?.resourceType === 'Patient');

    expect(encounters.length).toBeGreaterThan(5);
    expect(encounters.every((entry) => entry.search?.mode !== 'include')).toBe(true);
    expect(patients.every((entry) => entry.search?.mode === 'include')).toBe(true);
    const subjects = encounters.map((entry) => (entry.resource?.resourceType === 'Encounter' ? entry.resource.subject?.reference : undefined));
    expect(patients.map((entry) => `Patient/${entry.resource?.id ?? ''}`).sort()).toEqual([...new Set(subjects)].sort());
    expect(entries.slice(0, encounters.length)).toEqual(encounters);
    expect(bundle.total).toBe(encounters.length);
  });

  it('includes nothing without _include', async () => {
    const bundle = await indexed.search(parseSearchRequest('Encounter?location=Location/loc-ward-3a&status=in-progress'));
    expect((bundle.entry ?? []).every((entry) => entry.resource?.resourceType === 'Encounter')).toBe(true);
  });
});
