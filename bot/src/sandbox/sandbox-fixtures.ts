/**
 * The awkward patients, on purpose and at fixed positions, so a client is tested against the data
 * that breaks naive code (no name, half a name, non-ASCII, dead, not admitted, no vitals, ...).
 * Their demographics are fixed, not drawn from the seed, so SANDBOX_FIXTURES holds whatever the
 * seed; they exist whenever the sandbox has at least AWKWARD_PATIENT_COUNT patients.
 */
import { type HumanName, type Patient } from '@medplum/fhirtypes';
import { mrnFor, patientId } from './synthetic-ids';

export const AWKWARD = {
  /** An ordinary, complete patient: the one to use in "happy path" tests. */
  first: 0,
  /** Family name only. */
  missingGiven: 1,
  /** Given name only. */
  missingFamily: 2,
  /** No `name` at all (an unidentified emergency admission). */
  noName: 3,
  zoeAngstrom: 4,
  joseNunez: 5,
  nguyenThiHoa: 6,
  sorenOrsted: 7,
  /** deceasedDateTime 3 hours before seeding; the admission Encounter is finished. */
  deceased: 8,
  /** An outpatient: no Encounter, hence no bed, no vitals. */
  noEncounter: 9,
  /** Admitted 40 minutes before seeding, no vitals yet. */
  noVitals: 10,
  /** The enterprise identifier comes before the MRN in `identifier[]`. */
  mrnNotFirst: 11,
  /** `name[0]` is a nickname (use `usual`, given only); the official name is `name[1]`. */
  nickname: 12,
  /** Latest vitals more than 24 hours old. Every index with index % 20 === 13 is stale too. */
  staleVitals: 13,
} as const;

export const AWKWARD_PATIENT_COUNT = 14;

/** Every patient at `index % STALE_VITALS_EVERY === AWKWARD.staleVitals % STALE_VITALS_EVERY` has stale vitals. */
export const STALE_VITALS_EVERY = 20;

export interface FixedDemographics {
  name?: HumanName[];
  gender: NonNullable<Patient['gender']>;
  birthDate: string;
}

function official(given: string[] | undefined, family: string | undefined, prefix?: string): HumanName {
  return {
    use: 'official',
    ...(prefix ? { prefix: [prefix] } : {}),
    ...(given ? { given } : {}),
    ...(family ? { family } : {}),
  };
}

export const FIXED_DEMOGRAPHICS: ReadonlyMap<number, FixedDemographics> = new Map<number, FixedDemographics>([
  [AWKWARD.first, { name: [official(['Margaret', 'Ada'], 'Okafor', 'Mrs.')], gender: 'female', birthDate: '1948-03-14' }],
  [AWKWARD.missingGiven, { name: [official(undefined, 'Lindgren')], gender: 'male', birthDate: '1961-07-02' }],
  [AWKWARD.missingFamily, { name: [official(['Aroha'], undefined)], gender: 'female', birthDate: '1990-11-23' }],
  [AWKWARD.noName, { gender: 'unknown', birthDate: '1975-01-01' }],
  [AWKWARD.zoeAngstrom, { name: [official(['Zoë'], 'Ångström')], gender: 'female', birthDate: '1983-05-30' }],
  [AWKWARD.joseNunez, { name: [official(['José', 'Luis'], 'Núñez', 'Sr.')], gender: 'male', birthDate: '1957-09-09' }],
  [
    AWKWARD.nguyenThiHoa,
    // Vietnamese order is family name first; `text` keeps the order the patient uses.
    { name: [{ ...official(['Thị', 'Hoa'], 'Nguyễn'), text: 'Nguyễn Thị Hoa' }], gender: 'female', birthDate: '1969-02-17' },
  ],
  [AWKWARD.sorenOrsted, { name: [official(['Søren'], 'Ørsted')], gender: 'male', birthDate: '1944-12-05' }],
  [AWKWARD.deceased, { name: [official(['Walter'], 'Jenkins', 'Mr.')], gender: 'male', birthDate: '1932-04-18' }],
  [AWKWARD.noEncounter, { name: [official(['Priya'], 'Raman')], gender: 'female', birthDate: '1995-08-08' }],
  [AWKWARD.noVitals, { name: [official(['Henrik'], 'Dahl')], gender: 'male', birthDate: '1979-06-21' }],
  [AWKWARD.mrnNotFirst, { name: [official(['Chiara'], 'Bianchi')], gender: 'female', birthDate: '1988-10-03' }],
  [
    AWKWARD.nickname,
    {
      name: [{ use: 'usual', given: ['Bobby'] }, official(['Robert', 'James'], 'Whitfield', 'Mr.')],
      gender: 'male',
      birthDate: '1952-01-27',
    },
  ],
  [AWKWARD.staleVitals, { name: [official(['Mei'], 'Lin')], gender: 'female', birthDate: '1937-03-11' }],
]);

export interface FixturePatient {
  id: string;
  mrn: string;
  /** Official given names, as stored. */
  given?: readonly string[];
  family?: string;
  birthDate: string;
}

function fixture(index: number): FixturePatient {
  const demographics = FIXED_DEMOGRAPHICS.get(index);
  if (!demographics) throw new RangeError(`no fixed patient at index ${index}`);
  const name = demographics.name?.find((n) => n.use === 'official');
  return {
    id: patientId(index),
    mrn: mrnFor(index),
    ...(name?.given ? { given: name.given } : {}),
    ...(name?.family ? { family: name.family } : {}),
    birthDate: demographics.birthDate,
  };
}

/** Known patients other tests can rely on (valid for any seed, patientCount >= AWKWARD_PATIENT_COUNT). */
export const SANDBOX_FIXTURES = {
  first: fixture(AWKWARD.first),
  missingGiven: fixture(AWKWARD.missingGiven),
  missingFamily: fixture(AWKWARD.missingFamily),
  noName: fixture(AWKWARD.noName),
  /** Zoë Ångström. */
  nonAscii: fixture(AWKWARD.zoeAngstrom),
  /** Zoë Ångström, José Núñez, Nguyễn Thị Hoa, Søren Ørsted. */
  nonAsciiAll: [AWKWARD.zoeAngstrom, AWKWARD.joseNunez, AWKWARD.nguyenThiHoa, AWKWARD.sorenOrsted].map(fixture),
  deceased: fixture(AWKWARD.deceased),
  noEncounter: fixture(AWKWARD.noEncounter),
  noVitals: fixture(AWKWARD.noVitals),
  mrnNotFirst: fixture(AWKWARD.mrnNotFirst),
  nickname: fixture(AWKWARD.nickname),
  staleVitals: fixture(AWKWARD.staleVitals),
} as const;
