import { ofType, type CodeableConcept, type Period, type Reference, type Resource } from './fhir-resources';
import { allergyItem, conditionItem, coverageItem, isEndedOrder, isRefuted, joined, medicationItem, referenceText, sortItems, text } from './map-common';
import { LAB_SEARCH_CODES, medicationName, searchUrl, type VersionMapper } from './version-mapper';
import { telecomStu3 } from './map-telecom';

/** FHIR STU3 (3.0.x): the Patients app's STU3 interface. Statuses are plain codes here. */

interface Condition extends Resource {
  resourceType: 'Condition';
  code?: CodeableConcept;
  severity?: CodeableConcept;
  clinicalStatus?: string;
  verificationStatus?: string;
  onsetDateTime?: string;
  assertedDate?: string;
}

interface AllergyIntolerance extends Resource {
  resourceType: 'AllergyIntolerance';
  code?: CodeableConcept;
  verificationStatus?: string;
  criticality?: string;
  assertedDate?: string;
  reaction?: { manifestation?: CodeableConcept[]; severity?: string }[];
}

interface MedicationRequest extends Resource {
  resourceType: 'MedicationRequest';
  status?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  authoredOn?: string;
  /** STU3 wraps the requester: `requester.agent`. */
  requester?: { agent?: Reference };
  dosageInstruction?: { text?: string }[];
}

interface Coverage extends Resource {
  resourceType: 'Coverage';
  status?: string;
  payor?: Reference[];
  grouping?: { group?: string; groupDisplay?: string; plan?: string; planDisplay?: string };
  subscriberId?: string;
  period?: Period;
}

export const stu3Mapper: VersionMapper = {
  version: 'STU3',
  telecom: telecomStu3,
  contentType: 'application/fhir+json',
  partSearches: (patient) => ({
    encounter: { resourceType: 'Encounter', url: searchUrl('Encounter', [['patient', patient], ['_sort', '-date'], ['_count', '10']]) },
    vitals: {
      resourceType: 'Observation',
      url: searchUrl('Observation', [['patient', patient], ['category', 'vital-signs'], ['_sort', '-date'], ['_count', '100']]),
    },
    labs: {
      resourceType: 'Observation',
      url: searchUrl('Observation', [['patient', patient], ['category', 'laboratory'], ['code', LAB_SEARCH_CODES], ['_sort', '-date'], ['_count', '100']]),
    },
    conditions: { resourceType: 'Condition', url: searchUrl('Condition', [['patient', patient], ['_count', '50']]) },
    allergies: { resourceType: 'AllergyIntolerance', url: searchUrl('AllergyIntolerance', [['patient', patient], ['_count', '50']]) },
    medications: {
      resourceType: 'MedicationRequest',
      url: searchUrl('MedicationRequest', [['patient', patient], ['_include', 'MedicationRequest:medication'], ['_count', '50']]),
    },
    coverage: { resourceType: 'Coverage', url: searchUrl('Coverage', [['patient', patient]]) },
  }),
  // STU3 Patient has no `name` parameter in the Patients-app interface: family and given, both ways round.
  nameSearches: (words) => {
    const first = words[0] ?? '';
    const last = words[words.length - 1] ?? '';
    if (words.length === 1) return [new URLSearchParams({ family: first }), new URLSearchParams({ given: first })];
    return [new URLSearchParams({ given: first, family: last }), new URLSearchParams({ given: last, family: first })];
  },
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
            recorded: condition.assertedDate,
          }),
        ),
    ),
  allergies: (resources) =>
    sortItems(
      ofType<AllergyIntolerance>(resources, 'AllergyIntolerance')
        .filter((allergy) => !isRefuted(allergy.verificationStatus ?? null))
        .map((allergy) => allergyItem({ substance: allergy.code, reactions: allergy.reaction, criticality: allergy.criticality, date: allergy.assertedDate })),
    ),
  medications: (resources) =>
    sortItems(
      ofType<MedicationRequest>(resources, 'MedicationRequest')
        .filter((order) => !isEndedOrder(order.status))
        .map((order) =>
          medicationItem({
            name: medicationName(order, resources),
            dosage: order.dosageInstruction,
            prescriber: referenceText(order.requester?.agent),
            date: order.authoredOn,
          }),
        ),
    ),
  coverage: (resources) =>
    sortItems(
      ofType<Coverage>(resources, 'Coverage')
        .filter((coverage) => coverage.status !== 'cancelled' && coverage.status !== 'entered-in-error')
        .map((coverage) =>
          coverageItem({
            payor: joined((coverage.payor ?? []).map(referenceText), ', '),
            plan: text(coverage.grouping?.planDisplay) ?? text(coverage.grouping?.plan),
            group: text(coverage.grouping?.groupDisplay) ?? text(coverage.grouping?.group),
            subscriberId: text(coverage.subscriberId),
            start: coverage.period?.start,
          }),
        ),
    ),
};
