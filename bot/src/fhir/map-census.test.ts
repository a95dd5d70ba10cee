import { type Resource } from './fhir-resources';
import { type Location, locationSources, mapCensus, patientIdOf, type Practitioner, practitionerName, practitionerSources } from './map-census';

const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
const patient = (id: string, given: string, family: string | string[], mrn: string): Resource =>
  ({ resourceType: 'Patient', id, name: [{ use: 'official', given: [given], family }], identifier: [{ type: MR, value: mrn }] }) as Resource;
const place = (display: string) => ({ location: { reference: 'Location/x', display }, status: 'active' });
const encounter = (id: string, ref: { subject?: string; patient?: string }, places: string[], status = 'in-progress'): Resource =>
  ({
    resourceType: 'Encounter',
    id,
    status,
    ...(ref.subject ? { subject: { reference: ref.subject } } : {}),
    ...(ref.patient ? { patient: { reference: ref.patient } } : {}),
    location: places.map(place),
  }) as Resource;

describe('mapCensus', () => {
  it('maps R4/STU3 encounters (subject) to one row per patient with name, MRN and location, by bed', () => {
    const rows = mapCensus([
      encounter('e2', { subject: 'Patient/p2' }, ['Ward 3A', 'Room 3A-10', 'Bed 3A-10-A']),
      encounter('e1', { subject: 'Patient/p1' }, ['Ward 3A', 'Room 3A-02', 'Bed 3A-02-B']),
      // A second open encounter of the same patient does not make a second row.
      encounter('e1b', { subject: 'Patient/p1' }, ['Ward 3A', 'Room 3A-09']),
      patient('p1', 'Ada', 'Lovelace', 'MRN-1'),
      patient('p2', 'Alan', 'Turing', 'MRN-2'),
    ]);
    expect(rows.map((row) => [row.patient.id, row.patient.name, row.patient.mrn, row.location])).toEqual([
      ['p1', 'Ada Lovelace', 'MRN-1', 'Ward 3A · Room 3A-02 · Bed 3A-02-B'],
      ['p2', 'Alan Turing', 'MRN-2', 'Ward 3A · Room 3A-10 · Bed 3A-10-A'],
    ]);
  });

  it('reads DSTU2 encounters, which name their patient in `patient`, and DSTU2 family arrays', () => {
    const rows = mapCensus([encounter('e1', { patient: 'http://ehr.example/fhir/Patient/p7' }, ['4B']), patient('p7', 'Grace', ['Brewster', 'Hopper'], 'MRN-7')]);
    expect(rows).toEqual([expect.objectContaining({ location: '4B', patient: expect.objectContaining({ id: 'p7', name: 'Grace Brewster Hopper' }) })]);
  });

  it('leaves out finished encounters and patients the EHR did not send', () => {
    const rows = mapCensus([
      encounter('e1', { subject: 'Patient/p1' }, ['3A'], 'finished'),
      encounter('e2', { subject: 'Patient/missing' }, ['3A']),
      encounter('e3', { subject: 'Group/g1' }, ['3A']),
      patient('p1', 'Ada', 'Lovelace', 'MRN-1'),
    ]);
    expect(rows).toEqual([]);
  });

  it('finds the patient id in relative, absolute and versioned references only', () => {
    const ids = ['Patient/a-1', 'https://ehr/fhir/Patient/b.2', 'Patient/c/_history/3', 'Patient/', 'Practitioner/d', 'Patient/e f'].map((reference) =>
      patientIdOf({ resourceType: 'Encounter', subject: { reference } }),
    );
    expect(ids).toEqual(['a-1', 'b.2', 'c', null, null, null]);
  });
});

describe('census sources', () => {
  it('names a location with what kind of place it is, and leaves out inactive ones', () => {
    const locations: Location[] = [
      { resourceType: 'Location', id: 'loc-ward-3a', name: 'Ward 3A (Cardiology)', status: 'active', physicalType: { coding: [{ code: 'wa', display: 'Ward' }] } },
      { resourceType: 'Location', id: 'old', name: 'Ward 9Z', status: 'inactive' },
      { resourceType: 'Location', id: 'bare' },
    ];
    expect(locationSources(locations)).toEqual([
      { kind: 'location', id: 'loc-ward-3a', name: 'Ward 3A (Cardiology)', detail: 'Ward' },
      { kind: 'location', id: 'bare', name: 'Unnamed location', detail: null },
    ]);
  });

  it('names practitioners from an R4/STU3 name list (official first) and a DSTU2 single name', () => {
    expect(
      practitionerName({ resourceType: 'Practitioner', name: [{ use: 'usual', given: ['Al'] }, { use: 'official', prefix: ['Dr.'], given: ['Alice'], family: 'Morgan' }] }),
    ).toBe('Dr. Alice Morgan');
    expect(practitionerName({ resourceType: 'Practitioner', name: { prefix: ['Dr.'], given: ['Ben'], family: ['Okoro'] } })).toBe('Dr. Ben Okoro');
    expect(practitionerName({ resourceType: 'Practitioner', name: { text: 'Dr Chen' } })).toBe('Dr Chen');
    const practitioners: Practitioner[] = [
      { resourceType: 'Practitioner', id: 'prac-01', name: [{ family: 'Morgan' }] },
      { resourceType: 'Practitioner', id: 'gone', active: false, name: [{ family: 'Gone' }] },
    ];
    expect(practitionerSources(practitioners)).toEqual([{ kind: 'practitioner', id: 'prac-01', name: 'Morgan', detail: null }]);
  });
});
