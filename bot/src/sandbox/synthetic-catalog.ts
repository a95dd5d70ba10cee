/**
 * The vocabulary the synthetic hospital draws from: names, codes and plans. Kept apart from the
 * generator so the generator reads as rules, not data. Codes are real (SNOMED CT, LOINC, HL7
 * terminology) so a client's code mapping is exercised as it would be against an EHR.
 */
import { type CodeableConcept, type Coding } from '@medplum/fhirtypes';

export const SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  mrn: 'https://hospital.example.org/fhir/sid/mrn',
  enterpriseId: 'https://hospital.example.org/fhir/sid/enterprise-id',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
} as const;

export function snomed(code: string, display: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.snomed, code, display }], text: display };
}

export function coding(system: string, code: string, display: string): Coding {
  return { system, code, display };
}

export const FEMALE_GIVEN = [
  'Amara', 'Beatrice', 'Chloe', 'Daniela', 'Eleanor', 'Fatima', 'Grace', 'Hannah', 'Ingrid', 'Jasmine',
  'Keiko', 'Leila', 'Maria', 'Nadia', 'Olivia', 'Priya', 'Rosa', 'Sofia', 'Tamar', 'Uma', 'Valentina',
  'Wen', 'Yasmin', 'Zainab', 'Aisha', 'Brigid', 'Carmen', 'Dorothy', 'Esther', 'Frances',
] as const;

export const MALE_GIVEN = [
  'Aaron', 'Benjamin', 'Carlos', 'David', 'Emeka', 'Farid', 'George', 'Hiroshi', 'Ivan', 'James',
  'Kwame', 'Liam', 'Mohammed', 'Nikhil', 'Oscar', 'Pedro', 'Quentin', 'Rahul', 'Samuel', 'Thomas',
  'Umar', 'Victor', 'William', 'Xavier', 'Yusuf', 'Arthur', 'Bernard', 'Connor', 'Desmond', 'Ethan',
] as const;

export const FAMILY = [
  'Adeyemi', 'Brown', 'Chen', 'Dubois', 'Evans', 'Fernandez', 'Garcia', 'Haddad', 'Ivanova', 'Johnson',
  'Kowalski', 'Larsen', 'Mensah', 'Nakamura', 'O\'Brien', 'Patel', 'Quinn', 'Rossi', 'Singh', 'Thompson',
  'Usman', 'Van der Berg', 'Williams', 'Xu', 'Yamamoto', 'Zimmermann', 'Murphy', 'Kim', 'Okonkwo', 'Silva',
  'Smith-Jones', 'MacDonald', 'Ahmed', 'Novak', 'Hughes', 'Reyes', 'Fischer', 'Lindqvist', 'Costa', 'Walsh',
] as const;

export const GENERAL_PRACTITIONERS = [
  'Dr. Amelia Hart', 'Dr. Rajesh Menon', 'Dr. Helen Forsyth', 'Dr. Tomasz Nowak', 'Dr. Grace Achebe',
  'Dr. Lucas Moreau', 'Dr. Sarah Goldberg', 'Dr. Kenji Watanabe',
] as const;

export const ATTENDING_NAMES: readonly { given: string; family: string }[] = [
  { given: 'Alice', family: 'Morgan' },
  { given: 'Babajide', family: 'Oyelaran' },
  { given: 'Clara', family: 'Becker' },
  { given: 'Daniel', family: 'Park' },
  { given: 'Elena', family: 'Petrova' },
  { given: 'Farhan', family: 'Qureshi' },
  { given: 'Gemma', family: 'Lloyd' },
  { given: 'Hugo', family: 'Martins' },
  { given: 'Isabel', family: 'Cortés' },
  { given: 'Jonas', family: 'Eriksen' },
  { given: 'Kavya', family: 'Iyer' },
  { given: 'Louis', family: 'Fontaine' },
];

export const WARD_SPECIALTIES = [
  'Cardiology', 'General Medicine', 'Respiratory', 'Surgery', 'Care of the Elderly', 'Neurology', 'Renal',
  'Orthopaedics',
] as const;

/** Active problems an inpatient may carry (SNOMED CT clinical findings and disorders). */
export const CONDITIONS: readonly CodeableConcept[] = [
  snomed('233604007', 'Pneumonia'),
  snomed('44054006', 'Diabetes mellitus type 2'),
  snomed('38341003', 'Hypertensive disorder'),
  snomed('84114007', 'Heart failure'),
  snomed('13645005', 'Chronic obstructive lung disease'),
  snomed('195967001', 'Asthma'),
  snomed('49436004', 'Atrial fibrillation'),
  snomed('709044004', 'Chronic kidney disease'),
  snomed('22298006', 'Myocardial infarction'),
  snomed('91302008', 'Sepsis'),
  snomed('68566005', 'Urinary tract infectious disease'),
  snomed('230690007', 'Cerebrovascular accident'),
  snomed('128053003', 'Deep venous thrombosis'),
  snomed('59282003', 'Pulmonary embolism'),
  snomed('74400008', 'Appendicitis'),
  snomed('5913000', 'Fracture of neck of femur'),
  snomed('235595009', 'Gastroesophageal reflux disease'),
  snomed('2776000', 'Delirium'),
  snomed('840539006', 'COVID-19'),
];

export const SEVERITIES: readonly CodeableConcept[] = [
  snomed('255604002', 'Mild'),
  snomed('6736007', 'Moderate'),
  snomed('24484000', 'Severe'),
];

export interface AllergySubstance {
  code: CodeableConcept;
  category: 'food' | 'medication' | 'environment';
}

export const ALLERGY_SUBSTANCES: readonly AllergySubstance[] = [
  { code: snomed('764146007', 'Penicillin'), category: 'medication' },
  { code: snomed('372687004', 'Amoxicillin'), category: 'medication' },
  { code: snomed('387207008', 'Ibuprofen'), category: 'medication' },
  { code: snomed('387458008', 'Aspirin'), category: 'medication' },
  { code: snomed('387406002', 'Sulfonamide'), category: 'medication' },
  { code: snomed('256349002', 'Peanut'), category: 'food' },
  { code: snomed('111088007', 'Latex'), category: 'environment' },
];

export const REACTIONS: readonly CodeableConcept[] = [
  snomed('271807003', 'Skin rash'),
  snomed('247472004', 'Hives'),
  snomed('39579001', 'Anaphylaxis'),
  snomed('267036007', 'Shortness of breath'),
  snomed('422587007', 'Nausea'),
  snomed('418290006', 'Itching'),
];

/** SNOMED CT 716186003 "No known allergy": the way EHRs record that someone was asked. */
export const NO_KNOWN_ALLERGY = snomed('716186003', 'No known allergy');

export interface MedicationOrder {
  text: string;
  dosage: string;
}

export const MEDICATIONS: readonly MedicationOrder[] = [
  { text: 'Paracetamol 500 mg tablet', dosage: '1 g orally every 6 hours as needed for pain (max 4 g in 24 hours)' },
  { text: 'Enoxaparin 40 mg/0.4 mL injection', dosage: '40 mg subcutaneously once daily' },
  { text: 'Amoxicillin 500 mg capsule', dosage: '500 mg orally three times daily for 5 days' },
  { text: 'Metformin 500 mg tablet', dosage: '500 mg orally twice daily with meals' },
  { text: 'Furosemide 40 mg tablet', dosage: '40 mg orally once daily in the morning' },
  { text: 'Atorvastatin 40 mg tablet', dosage: '40 mg orally at night' },
  { text: 'Ramipril 5 mg capsule', dosage: '5 mg orally once daily' },
  { text: 'Salbutamol 100 micrograms/dose inhaler', dosage: '2 puffs inhaled every 4 hours as needed' },
  { text: 'Omeprazole 20 mg capsule', dosage: '20 mg orally once daily before breakfast' },
  { text: 'Insulin glargine 100 units/mL pen', dosage: '18 units subcutaneously at bedtime' },
  { text: 'Ceftriaxone 2 g powder for injection', dosage: '2 g intravenously once daily' },
  { text: 'Apixaban 5 mg tablet', dosage: '5 mg orally twice daily' },
  { text: 'Bisoprolol 2.5 mg tablet', dosage: '2.5 mg orally once daily' },
  { text: 'Prednisolone 5 mg tablet', dosage: '30 mg orally once daily for 5 days' },
  { text: 'Morphine sulfate 10 mg/5 mL oral solution', dosage: '2.5 to 5 mg orally every 4 hours as needed' },
];

export interface InsurancePlan {
  payor: string;
  plan: string;
  planId: string;
}

export const INSURANCE_PLANS: readonly InsurancePlan[] = [
  { payor: 'Northwind Health Plan', plan: 'Northwind Standard', planId: 'NW-STD' },
  { payor: 'Northwind Health Plan', plan: 'Northwind Plus', planId: 'NW-PLUS' },
  { payor: 'Contoso Mutual Insurance', plan: 'Contoso Gold PPO', planId: 'CMI-GOLD' },
  { payor: 'Fabrikam Health', plan: 'Fabrikam HMO Select', planId: 'FH-HMO' },
  { payor: 'Medicare', plan: 'Medicare Part A', planId: 'MCR-A' },
  { payor: 'Woodgrove Care Alliance', plan: 'Woodgrove Essential', planId: 'WCA-ESS' },
];
