import {
  type AllergyIntolerance,
  type Condition,
  type Coverage,
  type Encounter,
  type MedicationRequest,
  type Observation,
  type Patient,
  type Resource,
} from '@medplum/fhirtypes';
import { AWKWARD, AWKWARD_PATIENT_COUNT } from './sandbox-fixtures';
import { DEFAULT_PATIENT_COUNT, generateSyntheticPatients, SANDBOX_FIXTURES } from './synthetic-patients';
import { FIRST_PATIENT_HAEMOGLOBIN, FIRST_PATIENT_POTASSIUM, SYNTHETIC_LABS } from './synthetic-labs';
import { VITAL_SIGN_CODES } from './synthetic-vitals';

const NOW = new Date('2025-03-10T09:30:00.000Z');
const HOUR = 3_600_000;
const resources = generateSyntheticPatients({ now: NOW });

function ofType<T extends Resource>(type: T['resourceType']): T[] {
  return resources.filter((resource): resource is T => resource.resourceType === type);
}

function patient(id: string): Patient {
  const found = ofType<Patient>('Patient').find((p) => p.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

function subjectOf(resource: Resource): string | undefined {
  return 'subject' in resource ? (resource.subject as { reference?: string } | undefined)?.reference : undefined;
}

/** Each patient's observations, in generated order: scanning all of them per patient made one test take 10 s. */
const observationsBySubject = new Map<string | undefined, Observation[]>();
for (const observation of ofType<Observation>('Observation')) {
  const subject = subjectOf(observation);
  observationsBySubject.set(subject, [...(observationsBySubject.get(subject) ?? []), observation]);
}

function observationsOf(id: string, category: string): Observation[] {
  return (observationsBySubject.get(`Patient/${id}`) ?? []).filter((o) => o.category?.[0]?.coding?.[0]?.code === category);
}

/**
 * One JSON text per resource (what the sandbox serves): comparing those is at least as strict as
 * jest's deep equality (key order counts too) and names the resource that differs, where a deep
 * equality over the whole generated set took 16 s.
 */
function asJson(list: Resource[]): string[] {
  return list.map((resource) => JSON.stringify(resource));
}

const vitalsOf = (id: string): Observation[] => observationsOf(id, 'vital-signs');
const labsOf = (id: string): Observation[] => observationsOf(id, 'laboratory');

function encounterOf(id: string): Encounter | undefined {
  return ofType<Encounter>('Encounter').find((e) => e.subject?.reference === `Patient/${id}`);
}

function latestVitalAt(id: string): number {
  return Math.max(...vitalsOf(id).map((o) => Date.parse(o.effectiveDateTime ?? '')));
}

describe('generateSyntheticPatients', () => {
  it('is deterministic: the same seed and time give identical resources', () => {
    expect(asJson(generateSyntheticPatients({ now: NOW }))).toEqual(asJson(resources));
    expect(asJson(generateSyntheticPatients({ now: NOW, seed: 7 }))).toEqual(asJson(generateSyntheticPatients({ now: NOW, seed: 7 })));
  });

  it('keeps ids and fixtures but varies the people with another seed', () => {
    const other = generateSyntheticPatients({ now: NOW, seed: 7 });
    const patients = (list: Resource[]) => list.filter((r): r is Patient => r.resourceType === 'Patient');
    expect(patients(other).map((p) => p.id)).toEqual(patients(resources).map((p) => p.id));
    const demographics = (list: Resource[]) => patients(list).map((p) => [p.name, p.gender, p.birthDate, p.identifier?.find((i) => i.type?.coding?.[0]?.code === 'MR')?.value]);
    expect(demographics(other).slice(0, AWKWARD_PATIENT_COUNT)).toEqual(demographics(resources).slice(0, AWKWARD_PATIENT_COUNT));
    const names = (list: Resource[]) => patients(list).slice(AWKWARD_PATIENT_COUNT).map((p) => JSON.stringify(p.name));
    expect(names(other)).not.toEqual(names(resources));
  });

  it('gives a patient the same data whatever the patient count', () => {
    const small = generateSyntheticPatients({ now: NOW, patientCount: 30 });
    const pat25 = (list: Resource[]) => list.filter((r) => JSON.stringify(r).includes('"Patient/pat-0025"') || r.id === 'pat-0025');
    expect(pat25(small)).toEqual(pat25(resources));
  });

  it('has about 200 inpatients with readable, unique ids', () => {
    const patients = ofType<Patient>('Patient');
    expect(patients).toHaveLength(DEFAULT_PATIENT_COUNT);
    expect(patients[0]?.id).toBe('pat-0001');
    expect(patients.every((p) => /^pat-\d{4}$/.test(p.id ?? ''))).toBe(true);
    const keys = resources.map((r) => `${r.resourceType}/${r.id ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('only references resources it generates', () => {
    const keys = new Set(resources.map((r) => `${r.resourceType}/${r.id ?? ''}`));
    const references = JSON.stringify(resources).match(/"reference":"[^"]+"/g) ?? [];
    expect(references.length).toBeGreaterThan(1000);
    const dangling = references.map((r) => r.slice('"reference":"'.length, -1)).filter((r) => !keys.has(r));
    expect(dangling).toEqual([]);
  });

  it('gives every patient an MRN typed v2-0203 MR plus a second identifier type, and demographics', () => {
    for (const p of ofType<Patient>('Patient')) {
      const codes = (p.identifier ?? []).map((i) => i.type?.coding?.[0]);
      expect(codes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }),
          expect.objectContaining({ code: 'PI' }),
        ]),
      );
      expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.gender).toBeDefined();
    }
    const mrn = patient(SANDBOX_FIXTURES.first.id).identifier?.find((i) => i.type?.coding?.[0]?.code === 'MR');
    expect(mrn?.value).toBe(SANDBOX_FIXTURES.first.mrn);
    const patients = ofType<Patient>('Patient');
    expect(patients.filter((p) => p.name?.[0]?.prefix).length).toBeGreaterThan(20);
    expect(patients.filter((p) => p.generalPractitioner?.[0]?.display).length).toBeGreaterThan(100);
  });

  it('places the awkward cases at their documented indexes', () => {
    expect(SANDBOX_FIXTURES.first).toEqual({ id: 'pat-0001', mrn: '40001009', given: ['Margaret', 'Ada'], family: 'Okafor', birthDate: '1948-03-14' });
    expect(patient(SANDBOX_FIXTURES.missingGiven.id).name).toEqual([{ use: 'official', family: 'Lindgren' }]);
    expect(patient(SANDBOX_FIXTURES.missingFamily.id).name).toEqual([{ use: 'official', given: ['Aroha'] }]);
    expect(patient(SANDBOX_FIXTURES.noName.id).name).toBeUndefined();
    expect(SANDBOX_FIXTURES.nonAsciiAll.map((f) => `${f.given?.join(' ') ?? ''} ${f.family ?? ''}`)).toEqual([
      'Zoë Ångström',
      'José Luis Núñez',
      'Thị Hoa Nguyễn',
      'Søren Ørsted',
    ]);
    expect(patient('pat-0007').name?.[0]?.text).toBe('Nguyễn Thị Hoa');

    const deceased = patient(SANDBOX_FIXTURES.deceased.id);
    expect(Date.parse(deceased.deceasedDateTime ?? '')).toBe(NOW.getTime() - 3 * HOUR);
    expect(encounterOf(deceased.id ?? '')).toMatchObject({ status: 'finished', period: { end: deceased.deceasedDateTime } });

    expect(encounterOf(SANDBOX_FIXTURES.noEncounter.id)).toBeUndefined();
    expect(vitalsOf(SANDBOX_FIXTURES.noEncounter.id)).toEqual([]);
    expect(encounterOf(SANDBOX_FIXTURES.noVitals.id)?.status).toBe('in-progress');
    expect(vitalsOf(SANDBOX_FIXTURES.noVitals.id)).toEqual([]);

    expect(patient(SANDBOX_FIXTURES.mrnNotFirst.id).identifier?.map((i) => i.type?.coding?.[0]?.code)).toEqual(['PI', 'MR']);
    expect(patient(SANDBOX_FIXTURES.nickname.id).name?.map((n) => n.use)).toEqual(['usual', 'official']);
    expect(NOW.getTime() - latestVitalAt(SANDBOX_FIXTURES.staleVitals.id)).toBeGreaterThan(24 * HOUR);
  });

  it('has vitals fresher than 24 hours for most admitted patients and stale ones for a few', () => {
    const admitted = ofType<Encounter>('Encounter')
      .filter((e) => e.status === 'in-progress')
      .map((e) => e.subject?.reference?.slice('Patient/'.length) ?? '')
      .filter((id) => id !== SANDBOX_FIXTURES.noVitals.id);
    const stale = admitted.filter((id) => NOW.getTime() - latestVitalAt(id) > 24 * HOUR);
    expect(stale).toContain(SANDBOX_FIXTURES.staleVitals.id);
    expect(stale.length).toBeGreaterThanOrEqual(5);
    expect(stale.length).toBeLessThan(admitted.length / 5);
    expect(admitted.every((id) => latestVitalAt(id) <= NOW.getTime())).toBe(true);
  });

  it('admits with an in-progress IMP encounter within 14 days, a located bed and an attending', () => {
    const inProgress = ofType<Encounter>('Encounter').filter((e) => e.status === 'in-progress');
    expect(inProgress).toHaveLength(DEFAULT_PATIENT_COUNT - 2);
    for (const encounter of inProgress) {
      expect(encounter.class.code).toBe('IMP');
      const age = NOW.getTime() - Date.parse(encounter.period?.start ?? '');
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThanOrEqual(14 * 24 * HOUR);
      expect(encounter.location?.map((l) => l.physicalType?.coding?.[0]?.code)).toEqual(['wa', 'ro', 'bd']);
      expect(encounter.location?.every((l) => l.location.reference && l.location.display)).toBe(true);
      expect(encounter.participant?.[0]?.individual).toEqual({ reference: expect.stringMatching(/^Practitioner\//), display: expect.stringMatching(/^Dr\. /) });
      expect(encounter.type?.[0]?.coding?.[0]?.display).toBeTruthy();
    }
    const beds = inProgress.map((e) => e.location?.[2]?.location.reference);
    expect(new Set(beds).size).toBe(beds.length);
  });

  it('codes vital signs with LOINC, the vital-signs category and UCUM units', () => {
    const vitals = vitalsOf(SANDBOX_FIXTURES.first.id);
    expect(vitals.length).toBeGreaterThanOrEqual(5);
    const byCode = (code: string) => vitals.filter((o) => o.code.coding?.some((c) => c.code === code));
    expect(byCode(VITAL_SIGN_CODES.heartRate)[0]?.valueQuantity).toMatchObject({ unit: '/min', code: '/min', system: 'http://unitsofmeasure.org' });
    expect(byCode(VITAL_SIGN_CODES.bodyTemperature)[0]?.valueQuantity?.code).toBe('Cel');
    expect(byCode(VITAL_SIGN_CODES.respiratoryRate)[0]?.valueQuantity?.code).toBe('/min');
    const spo2 = byCode(VITAL_SIGN_CODES.oxygenSaturation)[0];
    expect(spo2?.code.coding?.map((c) => c.code)).toEqual([VITAL_SIGN_CODES.oxygenSaturation, VITAL_SIGN_CODES.oxygenSaturationArterial]);
    expect(spo2?.valueQuantity?.unit).toBe('%');
    const bp = byCode(VITAL_SIGN_CODES.bloodPressurePanel)[0];
    expect(bp?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.code])).toEqual([
      [VITAL_SIGN_CODES.systolic, 'mm[Hg]'],
      [VITAL_SIGN_CODES.diastolic, 'mm[Hg]'],
    ]);
    expect(vitals.every((o) => o.category?.[0]?.coding?.[0]?.code === 'vital-signs' && o.effectiveDateTime)).toBe(true);
    expect(new Set(byCode(VITAL_SIGN_CODES.heartRate).map((o) => o.effectiveDateTime)).size).toBeGreaterThan(1);
  });

  it('draws the chemistry and blood count with LOINC, UCUM units and reference ranges, some interpreted by the laboratory, some out of range', () => {
    const labs = labsOf(SANDBOX_FIXTURES.first.id);
    expect(new Set(labs.map((o) => o.code.coding?.[0]?.code))).toEqual(new Set(SYNTHETIC_LABS.map((lab) => lab.loinc)));
    const latest = (loinc: string) => labs.filter((o) => o.code.coding?.[0]?.code === loinc).sort((a, b) => Date.parse(b.effectiveDateTime ?? '') - Date.parse(a.effectiveDateTime ?? ''))[0];
    expect(latest('2823-3')).toMatchObject({ valueQuantity: { value: FIRST_PATIENT_POTASSIUM, unit: 'mmol/L', code: 'mmol/L', system: 'http://unitsofmeasure.org' }, referenceRange: [{ low: { value: 3.5 }, high: { value: 5.1 } }] });
    expect(latest('2823-3')?.interpretation).toBeUndefined();
    expect(latest('718-7')).toMatchObject({ valueQuantity: { value: FIRST_PATIENT_HAEMOGLOBIN, unit: 'g/dL' }, interpretation: [{ coding: [{ code: 'L' }] }] });

    const all = ofType<Observation>('Observation').filter((o) => o.category?.[0]?.coding?.[0]?.code === 'laboratory');
    expect(all.every((o) => o.effectiveDateTime && o.valueQuantity?.unit && o.referenceRange?.[0]?.low && o.referenceRange[0].high)).toBe(true);
    const outOfRange = all.filter((o) => {
      const [range] = o.referenceRange ?? [];
      const value = o.valueQuantity?.value ?? 0;
      return value < (range?.low?.value ?? -Infinity) || value > (range?.high?.value ?? Infinity);
    });
    expect(outOfRange.length).toBeGreaterThan(all.length / 20);
    expect(outOfRange.length).toBeLessThan(all.length / 4);
    expect(all.some((o) => o.interpretation?.[0]?.coding?.[0]?.code === 'H')).toBe(true);
    expect(all.some((o) => o.interpretation === undefined)).toBe(true);
    // The latest draw is with the latest round of vitals.
    expect(Math.max(...labs.map((o) => Date.parse(o.effectiveDateTime ?? '')))).toBe(latestVitalAt(SANDBOX_FIXTURES.first.id));
    expect(labsOf(SANDBOX_FIXTURES.noVitals.id)).toEqual([]);
  });

  it('charts conditions, allergies (reactions and "no known allergy"), orders and coverage', () => {
    const conditions = ofType<Condition>('Condition');
    expect(conditions.every((c) => c.clinicalStatus?.coding?.[0]?.code === 'active' && c.code?.coding?.[0]?.system === 'http://snomed.info/sct' && c.code.coding[0].display)).toBe(true);

    const allergies = ofType<AllergyIntolerance>('AllergyIntolerance');
    expect(allergies.some((a) => a.code?.coding?.[0]?.code === '716186003')).toBe(true);
    expect(allergies.some((a) => a.reaction?.[0]?.manifestation[0]?.coding?.[0]?.display)).toBe(true);
    expect(allergies.some((a) => a.code?.coding?.[0]?.code !== '716186003' && !a.reaction)).toBe(true);

    const orders = ofType<MedicationRequest>('MedicationRequest');
    expect(orders.every((m) => m.status === 'active' && m.intent === 'order' && m.medicationCodeableConcept?.text && m.dosageInstruction?.[0]?.text)).toBe(true);

    const coverage = ofType<Coverage>('Coverage');
    expect(coverage.length).toBeGreaterThan(DEFAULT_PATIENT_COUNT / 2);
    expect(coverage.every((c) => c.payor[0]?.display && c.class?.[0]?.type.coding?.[0]?.code === 'plan' && c.class[0].name)).toBe(true);
  });

  it('documents its awkward indexes consistently with the fixtures', () => {
    expect(SANDBOX_FIXTURES.deceased.id).toBe(`pat-${String(AWKWARD.deceased + 1).padStart(4, '0')}`);
    expect(SANDBOX_FIXTURES.staleVitals.id).toBe('pat-0014');
  });
});
