/** Finds the patient of a visit in the EHR behind the conversation (the channel's own, or the organisation's). */
import type { DirectoryResolver, PatientDirectory } from '../../domain/patients/patient-summary';
import { patientById, patientFromBanner } from '../../domain/visits/visit-patients';
import type { VisitPatient } from '../../domain/visits/visit-types';
import type { TurnFacts } from './turn-facts';

/** How many matches a choice card offers; more means the name is too vague. */
export const MAX_CHOICES = 5;

export function directoryFor(directories: DirectoryResolver, facts: Pick<TurnFacts, 'tenantId' | 'origin'>): Promise<PatientDirectory> {
  const { teamId, channelId } = facts.origin;
  return teamId && channelId ? directories.forChannel({ tenantId: facts.tenantId, teamId, channelId }) : directories.organisationDefault(facts.tenantId);
}

export async function searchPatients(directory: PatientDirectory, query: string, limit = MAX_CHOICES + 1): Promise<VisitPatient[]> {
  const banners = await directory.search({ query, limit });
  return banners.filter((banner) => !banner.deceased).map(patientFromBanner);
}

/** The patient chosen on a card: the one the card carried when unchanged, else read from the EHR. */
export async function chosenPatient(directory: PatientDirectory, patientId: string, carried: VisitPatient | null): Promise<VisitPatient> {
  if (carried?.fhirId && carried.fhirId === patientId) return carried;
  return patientById(directory, patientId, 'patient');
}
