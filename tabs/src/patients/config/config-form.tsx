/** The Patients config form: how the channel gets its patients and, for EHR, from which connection. */
import { Button, Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PatientsConfig, PatientsConfigQuery } from '../../../../bot/src/contracts/api';
import { ErrorBar } from '../../shared/error-bar';
import { formErrors } from '../../shared/field-errors';
import type { TabSession } from '../../shared/tab-root';
import { MODE_LABELS, PATIENTS_MODES, parsePatientsMode } from '../patients-mode';
import { connectionFieldOf } from './connection-draft';
import { EhrConnectionFields } from './ehr-connection-fields';
import { useConfigForm } from './use-config-form';
import { useConnectionTest } from './use-connection-test';
import { useTeamsConfigSave } from './use-teams-config-save';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalM },
});

export interface ConfigFormProps {
  session: TabSession;
  channel: PatientsConfigQuery;
  /** The channel's saved settings. */
  initial: PatientsConfig;
}

export function ConfigForm({ session, channel, initial }: ConfigFormProps) {
  const styles = useStyles();
  const { inTeams } = session.host;
  const form = useConfigForm(session.api, channel, initial);
  const test = useConnectionTest(session.api, channel);
  const { saveState } = form;
  useTeamsConfigSave(inTeams, form.canSave, channel, form.save);

  const saveError = saveState.kind === 'failed' ? saveState.error : undefined;
  // An error about a field belongs under that field; anything else goes in a banner.
  const modeError = formErrors(saveError, ['mode']).messageFor('mode');
  const onField = modeError !== undefined || (form.mode === 'ehr' && connectionFieldOf(saveError) !== undefined);
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void form.save();
      }}
    >
      <Field label="How does this channel get its patients?" required validationMessage={modeError}>
        <RadioGroup
          value={form.mode ?? ''}
          onChange={(_, data) => {
            const mode = parsePatientsMode(data.value);
            if (mode) form.choose(mode);
          }}
        >
          {PATIENTS_MODES.map((mode) => (
            <Radio key={mode} value={mode} label={MODE_LABELS[mode]} />
          ))}
        </RadioGroup>
      </Field>
      {form.mode === 'ehr' && (
        <EhrConnectionFields
          draft={form.connection}
          stored={form.storedConnection}
          defaultConnectionName={initial.defaultConnectionName}
          jwksUrl={initial.jwksUrl}
          onChange={form.editConnection}
          test={test}
          saveError={saveError}
        />
      )}
      {!inTeams && (
        // Inside Teams the dialog's own Save button replaces this one (see useTeamsConfigSave).
        <Button appearance="primary" type="submit" disabled={!form.canSave || saveState.kind === 'saving'}>
          {saveState.kind === 'saving' ? 'Saving…' : 'Save'}
        </Button>
      )}
      <div role="status">{saveState.kind === 'saved' && <Text>Saved</Text>}</div>
      {saveError && !onField && <ErrorBar error={saveError} />}
    </form>
  );
}
