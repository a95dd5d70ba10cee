import { ofType, type CodeableConcept, type Identifier, type Period, type Reference, type Resource } from './fhir-resources';
import { allergyItem, conditionItem, coverageItem, isEndedOrder, isRefuted, medicationItem, referenceText, sortItems, text } from './map-common';
import { LAB_SEARCH_CODES, medicationName, searchUrl, type VersionMapper } from './version-mapper';
import { telecomDstu2 } from './map-telecom';

/**
 * FHIR DSTU2 (1.0.x): the Patients app's DSTU2 interface. Orders are MedicationOrder, allergies name a
 * `substance`, coverage has an `issuer` and plain `plan`/`group` strings, sorting is `_sort:desc=`.
 */

interface Condition extends Resource {
  resourceType: 'Condition';
  code?: CodeableConcept;
  severity?: CodeableConcept;
  clinicalStatus?: string;
  verificationStatus?: string;
  onsetDateTime?: string;
  dateRecorded?: string;
}

interface AllergyIntolerance extends Resource {
  resourceType: 'AllergyIntolerance';
  substance?: CodeableConcept;
  /** One status for both clinical and verification state in DSTU2. */
  status?: string;
  criticality?: string;
  recordedDate?: string;
  reaction?: { manifestation?: CodeableConcept[]; severity?: string }[];
}

interface MedicationOrder extends Resource {
  resourceType: 'MedicationOrder';
  status?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  dateWritten?: string;
  prescriber?: Reference;
  dosageInstruction?: { text?: string }[];
}

interface Coverage extends Resource {
  resourceType: 'Coverage';
  issuer?: Reference;
  plan?: string;
  group?: string;
  subscriberId?: Identifier;
  period?: Period;
}

export const dstu2Mapper: VersionMapper = {
  version: 'DSTU2',
  telecom: telecomDstu2,
  contentType: 'application/json+fhir',
  partSearches: (patient) => ({
    encounter: { resourceType: 'Encounter', url: searchUrl('Encounter', [['patient', patient], ['_sort:desc', 'date'], ['_count', '10']]) },
    vitals: {
      resourceType: 'Observation',
      url: searchUrl('Observation', [['patient', patient], ['category', 'vital-signs'], ['_sort:desc', 'date'], ['_count', '100']]),
    },
    labs: {
      resourceType: 'Observation',
      url: searchUrl('Observation', [['patient', patient], ['category', 'laboratory'], ['code', LAB_SEARCH_CODES], ['_sort:desc', 'date'], ['_count', '100']]),
    },
    conditions: { resourceType: 'Condition', url: searchUrl('Condition', [['patient', patient], ['_count', '50']]) },
    allergies: { resourceType: 'AllergyIntolerance', url: searchUrl('AllergyIntolerance', [['patient', patient]]) },
    medications: {
      resourceType: 'MedicationOrder',
      url: searchUrl('MedicationOrder', [['patient', patient], ['_include', 'MedicationOrder:medication'], ['_count', '50']]),
    },
    coverage: { resourceType: 'Coverage', url: searchUrl('Coverage', [['patient', patient]]) },
  }),
  nameSearches: (words) => [new URLSearchParams(words.map((word) => ['name', word]))],
  conditions: (resources) =>
    sortItems(
      ofType<Condition>(resources, 'Condition')
        .filter((condition) => !isRefuted(condition.verificationStatus ?? null))
        .map((condition) =>
          conditionItem({
            code: condition.code,
            severity: condition.severity,
            clinicalStatus: condition.clinicalStatus ?? null,
            onset: condition.onsetDateTime,
            recorded: condition.dateRecorded,
          }),
        ),
    ),
  allergies: (resources) =>
    sortItems(
      ofType<AllergyIntolerance>(resources, 'AllergyIntolerance')
        .filter((allergy) => !isRefuted(allergy.status ?? null))
        .map((allergy) => allergyItem({ substance: allergy.substance, reactions: allergy.reaction, criticality: allergy.criticality, date: allergy.recordedDate })),
    ),
  medications: (resources) =>
    sortItems(
      ofType<MedicationOrder>(resources, 'MedicationOrder')
        .filter((order) => !isEndedOrder(order.status))
        .map((order) =>
          medicationItem({
            name: medicationName(order, resources),
            dosage: order.dosageInstruction,
            prescriber: referenceText(order.prescriber),
            date: order.dateWritten,
          }),
        ),
    ),
  coverage: (resources) =>
    sortItems(
      ofType<Coverage>(resources, 'Coverage').map((coverage) =>
        coverageItem({
          payor: referenceText(coverage.issuer),
          plan: text(coverage.plan),
          group: text(coverage.group),
          subscriberId: text(coverage.subscriberId?.value),
          start: coverage.period?.start,
        }),
      ),
    ),
};
