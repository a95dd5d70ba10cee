/** The Patients config form: one choice (EHR or manual) for the channel, saved to the API. */
import { Button, Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PatientsConfigQuery, PatientsMode } from '../../../../bot/src/contracts/api';
import { ErrorBar } from '../../shared/error-bar';
import type { TabSession } from '../../shared/tab-root';
import { MODE_LABELS, PATIENTS_MODES, parsePatientsMode } from '../patients-mode';
import { useConfigForm } from './use-config-form';
import { useTeamsConfigSave } from './use-teams-config-save';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalM },
});

export interface ConfigFormProps {
  session: TabSession;
  channel: PatientsConfigQuery;
  /** The channel's saved mode, if any. */
  initialMode: PatientsMode | undefined;
}

export function ConfigForm({ session, channel, initialMode }: ConfigFormProps) {
  const styles = useStyles();
  const { inTeams } = session.host;
  const form = useConfigForm(session.api, channel, initialMode);
  const { saveState } = form;
  useTeamsConfigSave(inTeams, form.mode !== undefined, channel, form.save);

  const saveError = saveState.kind === 'failed' ? saveState.error : undefined;
  // An error about the choice itself belongs under the choice; anything else goes in a banner.
  const fieldError = saveError?.field === 'mode' ? saveError.message : undefined;
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void form.save();
      }}
    >
      <Field label="How does this channel get its patients?" required validationMessage={fieldError}>
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
      <Text size={200}>EHR connection details (FHIR server address and credentials) will be set here once the Patients list arrives.</Text>
      {!inTeams && (
        // Inside Teams the dialog's own Save button replaces this one (see useTeamsConfigSave).
        <Button appearance="primary" type="submit" disabled={!form.mode || saveState.kind === 'saving'}>
          {saveState.kind === 'saving' ? 'Saving…' : 'Save'}
        </Button>
      )}
      <div role="status">{saveState.kind === 'saved' && <Text>Saved</Text>}</div>
      {saveError && !fieldError && <ErrorBar error={saveError} />}
    </form>
  );
}
