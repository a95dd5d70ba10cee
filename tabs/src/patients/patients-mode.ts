/** How a channel gets its patients, in the words the config page and the Patients tab both use. */
import { patientsMode } from '../../../bot/src/contracts/api';
import type { PatientsMode } from '../../../bot/src/contracts/api';

export const PATIENTS_MODES: readonly PatientsMode[] = patientsMode.options;

export const MODE_LABELS: Record<PatientsMode, string> = {
  ehr: "EHR (read patients from the hospital's FHIR server)",
  manual: 'Manual (enter patients by hand)',
};

/** Radio values arrive as plain strings. */
export function parsePatientsMode(value: string): PatientsMode | undefined {
  const parsed = patientsMode.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
