import { ofType, type CodeableConcept, type Period, type Reference, type Resource } from './fhir-resources';
import { allergyItem, conditionItem, coverageItem, isEndedOrder, isRefuted, joined, medicationItem, referenceText, sortItems, statusCode, text } from './map-common';
import { LAB_SEARCH_CODES, medicationName, searchUrl, type VersionMapper } from './version-mapper';
import { telecomR4 } from './map-telecom';

/** FHIR R4 (4.0.x), as US Core servers speak it. */

interface Condition extends Resource {
  resourceType: 'Condition';
  code?: CodeableConcept;
  severity?: CodeableConcept;
  clinicalStatus?: CodeableConcept;
  verificationStatus?: CodeableConcept;
  onsetDateTime?: string;
  recordedDate?: string;
}

interface AllergyIntolerance extends Resource {
  resourceType: 'AllergyIntolerance';
  code?: CodeableConcept;
  verificationStatus?: CodeableConcept;
  criticality?: string;
  recordedDate?: string;
  reaction?: { manifestation?: CodeableConcept[]; severity?: string }[];
}

interface MedicationRequest extends Resource {
  resourceType: 'MedicationRequest';
  status?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  authoredOn?: string;
  requester?: Reference;
  dosageInstruction?: { text?: string }[];
}

interface Coverage extends Resource {
  resourceType: 'Coverage';
  status?: string;
  payor?: Reference[];
  class?: { type?: CodeableConcept; value?: string; name?: string }[];
  subscriberId?: string;
  period?: Period;
}

export const r4Mapper: VersionMapper = {
  version: 'R4',
  telecom: telecomR4,
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
    // US Core makes `intent` part of every MedicationRequest search servers must support.
    medications: {
      resourceType: 'MedicationRequest',
      url: searchUrl('MedicationRequest', [['patient', patient], ['intent', 'order'], ['_include', 'MedicationRequest:medication'], ['_count', '50']]),
    },
    coverage: { resourceType: 'Coverage', url: searchUrl('Coverage', [['patient', patient]]) },
  }),
  nameSearches: (words) => [new URLSearchParams(words.map((word) => ['name', word]))],
  conditions: (resources) =>
    sortItems(
      ofType<Condition>(resources, 'Condition')
        .filter((condition) => !isRefuted(statusCode(condition.verificationStatus)))
        .map((condition) =>
          conditionItem({
            code: condition.code,
            severity: condition.severity,
            clinicalStatus: statusCode(condition.clinicalStatus),
            onset: condition.onsetDateTime,
            recorded: condition.recordedDate,
          }),
        ),
    ),
  allergies: (resources) =>
    sortItems(
      ofType<AllergyIntolerance>(resources, 'AllergyIntolerance')
        .filter((allergy) => !isRefuted(statusCode(allergy.verificationStatus)))
        .map((allergy) => allergyItem({ substance: allergy.code, reactions: allergy.reaction, criticality: allergy.criticality, date: allergy.recordedDate })),
    ),
  medications: (resources) =>
    sortItems(
      ofType<MedicationRequest>(resources, 'MedicationRequest')
        .filter((order) => !isEndedOrder(order.status))
        .map((order) =>
          medicationItem({
            name: medicationName(order, resources),
            dosage: order.dosageInstruction,
            prescriber: referenceText(order.requester),
            date: order.authoredOn,
          }),
        ),
    ),
  coverage: (resources) =>
    sortItems(
      ofType<Coverage>(resources, 'Coverage')
        .filter((coverage) => coverage.status !== 'cancelled' && coverage.status !== 'entered-in-error')
        .map((coverage) => {
          const classOf = (type: string) => {
            const entry = coverage.class?.find((candidate) => candidate.type?.coding?.some((coding) => coding.code === type));
            return text(entry?.name) ?? text(entry?.value);
          };
          return coverageItem({
            payor: joined((coverage.payor ?? []).map(referenceText), ', '),
            plan: classOf('plan'),
            group: classOf('group'),
            subscriberId: text(coverage.subscriberId),
            start: coverage.period?.start,
          });
        }),
    ),
};
