import { permittedTypes, speaksSmartV2, tokenScope } from './scopes';

describe('SMART scopes', () => {
  it('are v2 when the server lists permission-v2 or any v2 scope, v1 otherwise', () => {
    expect(speaksSmartV2(['permission-v2'], null)).toBe(true);
    expect(speaksSmartV2(null, ['system/*.read', 'system/Patient.rs'])).toBe(true);
    expect(speaksSmartV2(null, ['system/Observation.rs?category=vital-signs'])).toBe(true);
    expect(speaksSmartV2(['permission-v1'], ['system/*.read', 'system/Patient.read', 'system/*.*', 'launch', 'openid'])).toBe(false);
    expect(speaksSmartV2(null, null)).toBe(false);
  });

  it('asks a v2 server for system/<type>.rs per type Rounds reads, after the tenant id', () => {
    expect(tokenScope('tenant-1', { fhirVersion: 'R4', resourceTypes: null, scopeVersion: 'v2' })).toBe(
      'tenant-1 system/Patient.rs system/Encounter.rs system/Observation.rs system/Condition.rs system/AllergyIntolerance.rs system/MedicationRequest.rs system/Medication.rs system/Coverage.rs',
    );
  });

  it('asks an older server for v1 .read scopes, MedicationOrder on DSTU2, and only types its metadata lists', () => {
    const scope = tokenScope('', { fhirVersion: 'DSTU2', resourceTypes: new Set(['Patient', 'Observation', 'MedicationOrder']), scopeVersion: 'v1' });
    expect(scope).toBe('system/Patient.read system/Observation.read system/MedicationOrder.read');
  });

  it('permits the types the token response granted, in either syntax, wildcards included', () => {
    const requested = 'system/Patient.rs system/Observation.rs system/Condition.rs';
    const permits = permittedTypes('system/Patient.rs system/Condition.read system/Observation.r', requested);
    expect(['Patient', 'Condition', 'Observation'].map(permits)).toEqual([true, true, false]);
    expect(permittedTypes('system/*.rs', requested)('Coverage')).toBe(true);
    expect(permittedTypes('system/*.read', requested)('Coverage')).toBe(true);
  });

  it('takes the request as granted when the token response carries no scope', () => {
    expect(permittedTypes(null, 'tenant system/Patient.rs')('Patient')).toBe(true);
    expect(permittedTypes(null, 'tenant system/Patient.rs')('Observation')).toBe(false);
  });
});
