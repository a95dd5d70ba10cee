/** The resource types the synthetic hospital holds; each supports read and search. */
export const SANDBOX_RESOURCE_TYPES = [
  'Patient',
  'Encounter',
  'Observation',
  'Condition',
  'AllergyIntolerance',
  'MedicationRequest',
  'Coverage',
  'Location',
  'Practitioner',
] as const;
