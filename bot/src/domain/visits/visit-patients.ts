/** Turning what the EHR knows of a patient into the visit's copy of it. */
import { AppError } from '../shared/app-error';
import type { PatientBanner, PatientDirectory } from '../patients/patient-summary';
import type { VisitPatient } from './visit-types';

export function patientFromBanner(banner: PatientBanner): VisitPatient {
  return { fhirId: banner.id, name: banner.name, givenName: banner.givenName, mrn: banner.mrn, birthDate: banner.birthDate };
}

/** The EHR patient with this FHIR id, or a validation error that names the field. */
export async function patientById(directory: PatientDirectory, fhirId: string, field: string): Promise<VisitPatient> {
  const summary = (await directory.summaries([fhirId])).get(fhirId);
  if (!summary) throw new AppError('validation', 'There is no patient with this id in the EHR.', { field });
  return patientFromBanner(summary.patient);
}

/** A patient who is not in an EHR, from the demographics given. */
export function patientFromDemographics(input: { name: string; mrn?: string | undefined; birthDate?: string | undefined }): VisitPatient {
  const name = input.name.trim().replace(/\s+/g, ' ');
  return { fhirId: null, name, givenName: name.split(' ')[0] ?? null, mrn: input.mrn ?? null, birthDate: input.birthDate ?? null };
}

/** "Jane D.": the given name and the family name's initial, all a lobby card says of the patient. */
export function shortName(patient: Pick<VisitPatient, 'name' | 'givenName'>): string {
  const words = patient.name.trim().split(/\s+/).filter(Boolean);
  const given = patient.givenName?.trim().split(/\s+/)[0] ?? words[0] ?? 'Patient';
  const family = words.length > 1 ? words[words.length - 1] : null;
  return family && family !== given ? `${given} ${family.charAt(0)}.` : given;
}
