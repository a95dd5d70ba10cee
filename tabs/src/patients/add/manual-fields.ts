/** The manual patient form's values and their mapping to and from the API's shapes. */
import type { ListRow, ManualPatientInput } from '../../../../bot/src/contracts/lists-api';

export interface ManualFormValues {
  name: string;
  mrn: string;
  birthDate: string;
  gender: '' | NonNullable<ManualPatientInput['gender']>;
  location: string;
  attending: string;
  freeText: string;
}
export type ManualField = keyof ManualFormValues;

export const EMPTY_MANUAL_VALUES: ManualFormValues = { name: '', mrn: '', birthDate: '', gender: '', location: '', attending: '', freeText: '' };
export const MANUAL_FIELDS = Object.keys(EMPTY_MANUAL_VALUES) as ManualField[];

/** Blank optional fields are left out: the API reads "absent" as "not known". */
export function toManualInput(values: ManualFormValues): ManualPatientInput {
  const input: ManualPatientInput = { name: values.name.trim() };
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const mrn = text(values.mrn);
  if (mrn) input.mrn = mrn;
  const birthDate = text(values.birthDate);
  if (birthDate) input.birthDate = birthDate;
  if (values.gender) input.gender = values.gender;
  const location = text(values.location);
  if (location) input.location = location;
  const attending = text(values.attending);
  if (attending) input.attending = attending;
  const freeText = text(values.freeText);
  if (freeText) input.freeText = freeText;
  return input;
}

/**
 * For an edit (PATCH merges the changes over what is stored): text fields are always sent, "" clearing
 * one; birth date and sex can only be replaced, not cleared, since the contract has no empty value for them.
 */
export function toManualChanges(values: ManualFormValues): Partial<ManualPatientInput> {
  const changes: Partial<ManualPatientInput> = {
    name: values.name.trim(),
    mrn: values.mrn.trim(),
    location: values.location.trim(),
    attending: values.attending.trim(),
    freeText: values.freeText.trim(),
  };
  if (values.birthDate.trim()) changes.birthDate = values.birthDate.trim();
  if (values.gender) changes.gender = values.gender;
  return changes;
}

/** A manual row's current values, to edit them. */
export function valuesFromRow(row: ListRow): ManualFormValues {
  const { patient, encounter } = row.summary;
  const visit = encounter.status === 'ok' ? encounter.value : null;
  return {
    name: patient.name,
    mrn: patient.mrn ?? '',
    birthDate: patient.birthDate ?? '',
    gender: patient.gender ?? '',
    location: visit?.location ?? '',
    attending: visit?.attending ?? '',
    freeText: row.freeText ?? '',
  };
}

