/**
 * A patient's chart beyond demographics and vitals: problems (Condition), allergies
 * (AllergyIntolerance), orders (MedicationRequest) and insurance (Coverage).
 */
import {
  type AllergyIntolerance,
  type Condition,
  type Coverage,
  type Encounter,
  type MedicationRequest,
  type Patient,
  type Practitioner,
  type Reference,
} from '@medplum/fhirtypes';
import { type Prng } from './prng';
import {
  ALLERGY_SUBSTANCES,
  CONDITIONS,
  coding,
  INSURANCE_PLANS,
  MEDICATIONS,
  NO_KNOWN_ALLERGY,
  REACTIONS,
  SEVERITIES,
  SYSTEMS,
} from './synthetic-catalog';
import { childId, coverageId } from './synthetic-ids';

const DAY = 24 * 60 * 60_000;

/** What a chart builder needs to know about the patient it writes for. */
export interface ChartContext {
  prng: Prng;
  index: number;
  now: Date;
  subject: Reference<Patient>;
  /** The admission, when there is one. */
  encounter?: { reference: Reference<Encounter>; start: Date };
  /** Who writes the orders. */
  prescriber: Reference<Practitioner>;
}

function dateOnly(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * DAY);
}

/** Active problems. On admission the first is the reason for it (an encounter diagnosis). */
export function buildConditions(ctx: ChartContext): Condition[] {
  const { prng, index, subject, encounter } = ctx;
  const problems = prng.sample(CONDITIONS, encounter ? prng.int(1, 4) : prng.int(1, 2));
  return problems.map((code, i): Condition => {
    const admitting = encounter !== undefined && i === 0;
    const onset = admitting ? encounter.start : daysBefore(ctx.now, prng.int(90, 3650));
    return {
      resourceType: 'Condition',
      id: childId('cond', index, i + 1),
      clinicalStatus: { coding: [coding(SYSTEMS.conditionClinical, 'active', 'Active')] },
      verificationStatus: { coding: [coding(SYSTEMS.conditionVerification, 'confirmed', 'Confirmed')] },
      category: [
        {
          coding: [
            admitting
              ? coding(SYSTEMS.conditionCategory, 'encounter-diagnosis', 'Encounter Diagnosis')
              : coding(SYSTEMS.conditionCategory, 'problem-list-item', 'Problem List Item'),
          ],
        },
      ],
      ...(prng.chance(0.5) ? { severity: prng.pick(SEVERITIES) } : {}),
      code,
      subject,
      ...(admitting ? { encounter: encounter.reference } : {}),
      onsetDateTime: onset.toISOString(),
      recordedDate: onset.toISOString(),
    };
  });
}

/**
 * A quarter of patients have nothing recorded, about a third "no known allergy", the rest one or
 * two allergies, most with a reaction.
 */
export function buildAllergies(ctx: ChartContext): AllergyIntolerance[] {
  const { prng, index, subject } = ctx;
  const roll = prng.next();
  if (roll < 0.25) return [];
  const recordedDate = dateOnly(daysBefore(ctx.now, prng.int(30, 4000)));
  const base = (n: number): AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance',
    id: childId('alg', index, n),
    clinicalStatus: { coding: [coding(SYSTEMS.allergyClinical, 'active', 'Active')] },
    verificationStatus: { coding: [coding(SYSTEMS.allergyVerification, 'confirmed', 'Confirmed')] },
    patient: subject,
    recordedDate,
  });
  if (roll < 0.6) return [{ ...base(1), code: NO_KNOWN_ALLERGY }];
  return prng.sample(ALLERGY_SUBSTANCES, prng.int(1, 2)).map((substance, i): AllergyIntolerance => {
    const manifestation = prng.chance(0.7) ? prng.pick(REACTIONS) : undefined;
    const anaphylaxis = manifestation?.coding?.[0]?.code === '39579001';
    return {
      ...base(i + 1),
      type: 'allergy',
      category: [substance.category],
      criticality: anaphylaxis ? 'high' : 'low',
      code: substance.code,
      ...(manifestation
        ? { reaction: [{ manifestation: [manifestation], severity: anaphylaxis ? 'severe' : prng.pick(['mild', 'moderate'] as const) }] }
        : {}),
      ...(prng.chance(0.2) ? { note: [{ text: 'Reported by the patient’s family; not confirmed by testing.' }] } : {}),
    };
  });
}

/** Active orders; an inpatient's are written during the admission. */
export function buildMedicationRequests(ctx: ChartContext): MedicationRequest[] {
  const { prng, index, subject, encounter, prescriber } = ctx;
  const orders = prng.sample(MEDICATIONS, encounter ? prng.int(1, 5) : prng.int(1, 2));
  return orders.map((order, i): MedicationRequest => {
    const authoredOn = encounter
      ? new Date(encounter.start.getTime() + prng.int(10, 120) * 60_000)
      : daysBefore(ctx.now, prng.int(10, 400));
    return {
      resourceType: 'MedicationRequest',
      id: childId('medrx', index, i + 1),
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { text: order.text },
      subject,
      ...(encounter ? { encounter: encounter.reference } : {}),
      // An order cannot predate "now" even for a patient admitted minutes ago.
      authoredOn: new Date(Math.min(authoredOn.getTime(), ctx.now.getTime())).toISOString(),
      requester: prescriber,
      dosageInstruction: [{ text: order.dosage }],
    };
  });
}

/** About one patient in seven is self-pay and has no Coverage. */
export function buildCoverage(ctx: ChartContext): Coverage[] {
  const { prng, index, subject } = ctx;
  if (prng.chance(0.15)) return [];
  const plan = prng.pick(INSURANCE_PLANS);
  return [
    {
      resourceType: 'Coverage',
      id: coverageId(index),
      status: 'active',
      subscriberId: `${plan.planId}-${String(prng.int(100_000, 999_999))}`,
      beneficiary: subject,
      relationship: { coding: [coding(SYSTEMS.subscriberRelationship, 'self', 'Self')] },
      period: { start: `${ctx.now.getUTCFullYear()}-01-01` },
      payor: [{ display: plan.payor }],
      class: [
        {
          type: { coding: [coding(SYSTEMS.coverageClass, 'plan', 'Plan')] },
          value: plan.planId,
          name: plan.plan,
        },
      ],
    },
  ];
}
