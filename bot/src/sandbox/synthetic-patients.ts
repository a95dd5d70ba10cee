/**
 * A deterministic synthetic hospital: about 200 inpatients as FHIR R4 resources, the same on every
 * run for the same seed and "now". Times are relative to `now` (the seeding time) so the vitals
 * look fresh when the sandbox starts; everything else (ids, names, codes, values) comes from the
 * seed. The awkward cases sit at fixed indexes, see sandbox-fixtures.ts.
 */
import {
  type Encounter,
  type HumanName,
  type Identifier,
  type Location,
  type Patient,
  type Practitioner,
  type Reference,
  type Resource,
} from '@medplum/fhirtypes';
import { createPrngFor, type Prng } from './prng';
import { AWKWARD, FIXED_DEMOGRAPHICS, STALE_VITALS_EVERY, type FixedDemographics } from './sandbox-fixtures';
import { buildAllergies, buildConditions, buildCoverage, buildMedicationRequests, type ChartContext } from './synthetic-clinical';
import { coding, FAMILY, FEMALE_GIVEN, GENERAL_PRACTITIONERS, MALE_GIVEN, snomed, SYSTEMS } from './synthetic-catalog';
import { buildFacility, practitionerDisplay, type BedAssignment } from './synthetic-facility';
import { encounterId, mrnFor, patientId } from './synthetic-ids';
import { buildLabs } from './synthetic-labs';
import { buildVitalSigns, readingTimes } from './synthetic-vitals';

export { SANDBOX_FIXTURES } from './sandbox-fixtures';

export const DEFAULT_PATIENT_COUNT = 200;
export const DEFAULT_SEED = 20_240_611;

export interface SyntheticPatientsOptions {
  patientCount?: number;
  seed?: number;
  /** The seeding time every relative time (admission, vitals, death) is measured from. */
  now: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function randomDemographics(prng: Prng): FixedDemographics {
  const roll = prng.next();
  const gender = roll < 0.48 ? 'female' : roll < 0.96 ? 'male' : roll < 0.98 ? 'other' : 'unknown';
  const givenPool = gender === 'female' ? FEMALE_GIVEN : gender === 'male' ? MALE_GIVEN : [...FEMALE_GIVEN, ...MALE_GIVEN];
  const given = prng.sample(givenPool, prng.chance(0.3) ? 2 : 1);
  const prefixes = gender === 'female' ? ['Mrs.', 'Ms.', 'Dr.'] : gender === 'male' ? ['Mr.', 'Dr.'] : ['Mx.'];
  const name: HumanName = {
    use: 'official',
    ...(prng.chance(0.25) ? { prefix: [prng.pick(prefixes)] } : {}),
    given,
    family: prng.pick(FAMILY),
  };
  const birthDate = [prng.int(1928, 2006), prng.int(1, 12), prng.int(1, 28)]
    .map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
  return { name: [name], gender, birthDate };
}

function identifiers(prng: Prng, index: number): Identifier[] {
  const mrn: Identifier = {
    use: 'usual',
    type: { coding: [coding(SYSTEMS.v2IdentifierType, 'MR', 'Medical record number')], text: 'MRN' },
    system: SYSTEMS.mrn,
    value: mrnFor(index),
  };
  const enterprise: Identifier = {
    use: 'secondary',
    type: { coding: [coding(SYSTEMS.v2IdentifierType, 'PI', 'Patient internal identifier')] },
    system: SYSTEMS.enterpriseId,
    value: `E${String(prng.int(100_000_000, 999_999_999))}`,
  };
  return index === AWKWARD.mrnNotFirst ? [enterprise, mrn] : [mrn, enterprise];
}

function hasStaleVitals(index: number): boolean {
  return index % STALE_VITALS_EVERY === AWKWARD.staleVitals % STALE_VITALS_EVERY;
}

/** When the admission began: stale-vitals patients have been in for days, so their old rounds fit. */
function admissionStart(prng: Prng, index: number, now: Date): Date {
  if (index === AWKWARD.noVitals) return new Date(now.getTime() - 40 * MINUTE);
  if (hasStaleVitals(index) || index === AWKWARD.deceased) {
    return new Date(now.getTime() - prng.int(3 * 24 * 60, 13 * 24 * 60) * MINUTE);
  }
  return new Date(now.getTime() - prng.int(60, 14 * 24 * 60 - 60) * MINUTE);
}

/** The latest round of vitals: hours ago, more than a day ago when stale, before death when dead. */
function latestVitals(prng: Prng, index: number, now: Date, admittedAt: Date, diedAt?: Date): Date {
  if (diedAt) return new Date(diedAt.getTime() - prng.int(30, 90) * MINUTE);
  if (hasStaleVitals(index)) return new Date(now.getTime() - prng.int(26 * 60, 60 * 60) * MINUTE);
  const recent = now.getTime() - prng.int(5, 240) * MINUTE;
  return new Date(Math.max(recent, admittedAt.getTime() + 10 * MINUTE));
}

interface Admission {
  index: number;
  subject: Reference<Patient>;
  start: Date;
  diedAt?: Date;
  attending: Practitioner;
  bed: BedAssignment;
}

function buildEncounter(prng: Prng, admission: Admission): Encounter {
  const { bed, attending, diedAt } = admission;
  const locationStatus = diedAt ? 'completed' : 'active';
  const bedLocation = (reference: Reference<Location>, code: string, display: string): NonNullable<Encounter['location']>[number] => ({
    location: reference,
    status: locationStatus,
    physicalType: { coding: [coding(SYSTEMS.locationPhysicalType, code, display)] },
  });
  return {
    resourceType: 'Encounter',
    id: encounterId(admission.index),
    status: diedAt ? 'finished' : 'in-progress',
    class: { system: SYSTEMS.actCode, code: 'IMP', display: 'inpatient encounter' },
    type: [prng.chance(0.6) ? snomed('183452005', 'Emergency hospital admission') : snomed('32485007', 'Hospital admission')],
    subject: admission.subject,
    participant: [
      {
        type: [{ coding: [coding(SYSTEMS.participationType, 'ATND', 'attender')] }],
        individual: { reference: `Practitioner/${attending.id ?? ''}`, display: practitionerDisplay(attending) },
      },
    ],
    period: { start: admission.start.toISOString(), ...(diedAt ? { end: diedAt.toISOString() } : {}) },
    // Broadest first; each entry carries its display, as the Patients app contract requires.
    location: [bedLocation(bed.ward, 'wa', 'Ward'), bedLocation(bed.room, 'ro', 'Room'), bedLocation(bed.bed, 'bd', 'Bed')],
    ...(diedAt ? { hospitalization: { dischargeDisposition: { coding: [coding(SYSTEMS.dischargeDisposition, 'exp', 'Expired')] } } } : {}),
  };
}

/**
 * Contact details for two patients in three (the third has none, as with many EHR records), derived
 * from the index rather than the PRNG so every other synthetic value stays as it was. Numbers are in
 * the 555-01xx range kept for fiction; emails at example.org.
 */
function telecomOf(index: number): Pick<Patient, 'telecom'> {
  if (index % 3 === 2) return {};
  const mobile = { system: 'phone' as const, use: 'mobile' as const, value: `+1202555${String(100 + (index % 100)).padStart(4, '0')}`, rank: 1 };
  return { telecom: index % 3 === 0 ? [mobile, { system: 'email' as const, use: 'home' as const, value: `${patientId(index)}@example.org` }] : [mobile] };
}

export function generateSyntheticPatients(options: SyntheticPatientsOptions): Resource[] {
  const patientCount = options.patientCount ?? DEFAULT_PATIENT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  const { now } = options;
  const admittedCount = patientCount - (AWKWARD.noEncounter < patientCount ? 1 : 0);
  const facility = buildFacility(admittedCount);
  const resources: Resource[] = [...facility.locations, ...facility.attendings];
  let nextBed = 0;

  for (let index = 0; index < patientCount; index++) {
    const prng = createPrngFor(seed, index);
    const demographics = FIXED_DEMOGRAPHICS.get(index) ?? randomDemographics(prng);
    const subject: Reference<Patient> = { reference: `Patient/${patientId(index)}` };
    const diedAt = index === AWKWARD.deceased ? new Date(now.getTime() - 3 * HOUR) : undefined;
    const attending = prng.pick(facility.attendings);
    const gp = prng.chance(0.85) ? prng.pick(GENERAL_PRACTITIONERS) : undefined;

    const patient: Patient = {
      resourceType: 'Patient',
      id: patientId(index),
      active: true,
      identifier: identifiers(prng, index),
      ...(demographics.name ? { name: demographics.name } : {}),
      gender: demographics.gender,
      birthDate: demographics.birthDate,
      ...(diedAt ? { deceasedDateTime: diedAt.toISOString() } : {}),
      ...(gp ? { generalPractitioner: [{ display: gp }] } : {}),
      ...telecomOf(index),
    };
    resources.push(patient);

    const ctx: ChartContext = {
      prng,
      index,
      now,
      subject,
      prescriber: { reference: `Practitioner/${attending.id ?? ''}`, display: practitionerDisplay(attending) },
    };
    if (index !== AWKWARD.noEncounter) {
      const bed = facility.beds[nextBed++];
      if (!bed) throw new RangeError('the facility has fewer beds than admissions');
      const start = admissionStart(prng, index, now);
      const encounter = buildEncounter(prng, { index, subject, start, attending, bed, ...(diedAt ? { diedAt } : {}) });
      resources.push(encounter);
      const encounterRef: Reference<Encounter> = { reference: `Encounter/${encounter.id ?? ''}` };
      ctx.encounter = { reference: encounterRef, start };
      if (index !== AWKWARD.noVitals) {
        const times = readingTimes(prng, start, latestVitals(prng, index, now, start, diedAt));
        resources.push(...buildVitalSigns(prng, index, subject, encounterRef, times));
        resources.push(...buildLabs(seed, index, subject, encounterRef, times));
      }
    }
    resources.push(...buildConditions(ctx), ...buildAllergies(ctx), ...buildMedicationRequests(ctx), ...buildCoverage(ctx));
  }
  return resources;
}
