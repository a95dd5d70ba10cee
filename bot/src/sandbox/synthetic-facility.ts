/**
 * The hospital the patients lie in: wards of rooms of beds (Location with partOf), and the
 * attending doctors (Practitioner). None of it depends on the seed.
 */
import { type Location, type Practitioner, type Reference } from '@medplum/fhirtypes';
import { ATTENDING_NAMES, coding, SYSTEMS, WARD_SPECIALTIES } from './synthetic-catalog';

const ROOMS_PER_WARD = 8;
const BEDS_PER_ROOM = 4;
const BEDS_PER_WARD = ROOMS_PER_WARD * BEDS_PER_ROOM;
const BED_LETTERS = ['A', 'B', 'C', 'D'] as const;

/** Where an admitted patient lies, as Encounter.location entries broadest first: ward, room, bed. */
export interface BedAssignment {
  ward: Reference<Location>;
  room: Reference<Location>;
  bed: Reference<Location>;
}

export interface Facility {
  locations: Location[];
  attendings: Practitioner[];
  beds: BedAssignment[];
}

function physicalType(code: 'wa' | 'ro' | 'bd', display: string): Location['physicalType'] {
  return { coding: [coding(SYSTEMS.locationPhysicalType, code, display)] };
}

function location(id: string, name: string, type: 'wa' | 'ro' | 'bd', partOf?: Reference<Location>): Location {
  const display = { wa: 'Ward', ro: 'Room', bd: 'Bed' }[type];
  return {
    resourceType: 'Location',
    id,
    status: 'active',
    mode: 'instance',
    name,
    physicalType: physicalType(type, display),
    ...(partOf ? { partOf } : {}),
  };
}

function ref(resource: Location): Reference<Location> {
  return { reference: `Location/${resource.id ?? ''}`, display: resource.name ?? '' };
}

/** Ward 0 is "3A", ward 1 "3B", ward 2 "4A", ... */
function wardCode(ward: number): string {
  return `${3 + Math.floor(ward / 2)}${ward % 2 === 0 ? 'A' : 'B'}`;
}

export function buildFacility(bedCount: number): Facility {
  const locations: Location[] = [];
  const beds: BedAssignment[] = [];
  const wardCount = Math.max(1, Math.ceil(bedCount / BEDS_PER_WARD));
  for (let w = 0; w < wardCount; w++) {
    const code = wardCode(w);
    const specialty = WARD_SPECIALTIES[w % WARD_SPECIALTIES.length] ?? '';
    const ward = location(`loc-ward-${code.toLowerCase()}`, `Ward ${code} (${specialty})`, 'wa');
    locations.push(ward);
    for (let r = 1; r <= ROOMS_PER_WARD; r++) {
      const roomCode = `${code}-${String(r).padStart(2, '0')}`;
      const room = location(`loc-room-${roomCode.toLowerCase()}`, `Room ${roomCode}`, 'ro', ref(ward));
      locations.push(room);
      for (const letter of BED_LETTERS) {
        const bedCode = `${roomCode}-${letter}`;
        const bed = location(`loc-bed-${bedCode.toLowerCase()}`, `Bed ${bedCode}`, 'bd', ref(room));
        locations.push(bed);
        beds.push({ ward: ref(ward), room: ref(room), bed: ref(bed) });
      }
    }
  }
  const attendings = ATTENDING_NAMES.map(
    (name, i): Practitioner => ({
      resourceType: 'Practitioner',
      id: `prac-${String(i + 1).padStart(2, '0')}`,
      active: true,
      identifier: [{ system: SYSTEMS.npi, value: String(1_900_000_000 + (i + 1) * 7_919) }],
      name: [{ use: 'official', prefix: ['Dr.'], given: [name.given], family: name.family }],
    }),
  );
  return { locations, attendings, beds };
}

/** "Dr. Alice Morgan": the display Encounter.participant and MedicationRequest.requester carry. */
export function practitionerDisplay(practitioner: Practitioner): string {
  const name = practitioner.name?.[0];
  return [...(name?.prefix ?? []), ...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
}
