/**
 * A patient entered by hand (manual mode): add one, or edit one already on a list. Only the name is
 * required. The API's message shows under the field it names, anything else above the buttons.
 */
import { Button, Field, Input, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../../shared/api-error';
import { toApiError } from '../../shared/api-client';
import { ErrorBar } from '../../shared/error-bar';
import { formErrors } from '../../shared/field-errors';
import { SEX_LONG } from '../grid/format';
import { MANUAL_FIELDS } from './manual-fields';
import type { ManualField, ManualFormValues } from './manual-fields';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: tokens.spacingHorizontalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end', flexWrap: 'wrap' },
});

export interface ManualPatientFormProps {
  initialValues: ManualFormValues;
  submitLabel: string;
  /** Sends the values (an add and an edit map them differently); rejects with the API's error to show it. */
  onSubmit: (values: ManualFormValues) => Promise<void>;
  /** Extra buttons next to submit (Cancel). */
  secondaryActions?: ReactNode;
}

export function ManualPatientForm({ initialValues, submitLabel, onSubmit, secondaryActions }: ManualPatientFormProps) {
  const styles = useStyles();
  const [values, setValues] = useState(initialValues);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { messageFor, formError } = formErrors(error, MANUAL_FIELDS);
  const set = (field: ManualField) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  async function submit() {
    if (!values.name.trim()) {
      setError(new ApiError({ code: 'name_required', message: "Enter the patient's name.", field: 'name' }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label="Name" required validationMessage={messageFor('name')}>
        <Input value={values.name} onChange={(_, data) => set('name')(data.value)} />
      </Field>
      <div className={styles.pair}>
        <Field label="MRN" validationMessage={messageFor('mrn')}>
          <Input value={values.mrn} onChange={(_, data) => set('mrn')(data.value)} />
        </Field>
        <Field label="Date of birth" validationMessage={messageFor('birthDate')}>
          <Input type="date" value={values.birthDate} onChange={(_, data) => set('birthDate')(data.value)} />
        </Field>
        <Field label="Sex" validationMessage={messageFor('gender')}>
          <Select value={values.gender} onChange={(_, data) => set('gender')(data.value)}>
            <option value="">Not recorded</option>
            {(['female', 'male', 'other', 'unknown'] as const).map((gender) => (
              <option key={gender} value={gender}>
                {SEX_LONG[gender]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.pair}>
        <Field label="Location" validationMessage={messageFor('location')}>
          <Input value={values.location} placeholder="Ward, room, bed" onChange={(_, data) => set('location')(data.value)} />
        </Field>
        <Field label="Attending" validationMessage={messageFor('attending')}>
          <Input value={values.attending} onChange={(_, data) => set('attending')(data.value)} />
        </Field>
      </div>
      <Field label="Free text" validationMessage={messageFor('freeText')}>
        <Textarea value={values.freeText} resize="vertical" onChange={(_, data) => set('freeText')(data.value)} />
      </Field>
      {formError && <ErrorBar error={formError} />}
      <div className={styles.actions}>
        {secondaryActions}
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
