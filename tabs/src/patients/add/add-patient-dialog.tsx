/**
 * Adds patients to the list on screen: by EHR search in EHR mode (one patient, or a whole ward or an
 * attending's patients), by a form in manual mode. In EHR mode the dialog stays open after an add,
 * because a round's list is usually built several at a time.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { PatientsMode } from '../../../../bot/src/contracts/api';
import type { ChannelQuery, ListRow, PatientMatch } from '../../../../bot/src/contracts/lists-api';
import { toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import type { ApiError } from '../../shared/api-error';
import { ErrorBar } from '../../shared/error-bar';
import { addEhrPatient, addManualPatient } from '../lists-api';
import { CensusAdd } from './census-add';
import { EMPTY_MANUAL_VALUES, toManualInput } from './manual-fields';
import { ManualPatientForm } from './manual-patient-form';
import { PatientSearch } from './patient-search';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(600px, 100vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface AddPatientDialogProps {
  open?: boolean;
  mode: PatientsMode;
  api: ApiClient;
  channel: ChannelQuery;
  listId: string;
  listName: string;
  locale: string;
  /** The row added; nothing when a whole ward or an attending's patients were added at once. */
  onAdded: (row?: ListRow) => void;
  onClose: () => void;
}

export function AddPatientDialog({ open = true, mode, api, channel, listId, listName, locale, onAdded, onClose }: AddPatientDialogProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [added, setAdded] = useState<string[]>([]);
  const [by, setBy] = useState<'patient' | 'location' | 'practitioner'>('patient');

  async function addFromEhr(patient: PatientMatch) {
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await addEhrPatient(api, listId, patient.id));
      setAdded((names) => [...names, patient.name]);
    } catch (caught) {
      // 409 conflict ("already on the list") and the rest arrive with a message meant for the user.
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Add a patient to {listName}</DialogTitle>
          <DialogContent className={styles.content}>
            {mode === 'ehr' ? (
              <>
                <RadioGroup layout="horizontal" aria-label="Add" value={by} onChange={(_, data) => setBy(data.value as typeof by)}>
                  <Radio value="patient" label="A patient" />
                  <Radio value="location" label="A ward" />
                  <Radio value="practitioner" label="An attending" />
                </RadioGroup>
                {by === 'patient' ? (
                  <>
                    <PatientSearch api={api} channel={channel} locale={locale} busy={busy} onPick={(patient) => void addFromEhr(patient)} />
                    {error && <ErrorBar error={error} />}
                    {added.length > 0 && (
                      <MessageBar intent="success">
                        <MessageBarBody>Added {added.join(', ')}</MessageBarBody>
                      </MessageBar>
                    )}
                  </>
                ) : (
                  <CensusAdd key={by} kind={by} api={api} channel={channel} listId={listId} onAdded={() => onAdded()} />
                )}
              </>
            ) : (
              <ManualPatientForm
                initialValues={EMPTY_MANUAL_VALUES}
                submitLabel="Add patient"
                onSubmit={async (values) => {
                  onAdded(await addManualPatient(api, listId, toManualInput(values)));
                  onClose();
                }}
                secondaryActions={
                  <Button appearance="secondary" onClick={onClose}>
                    Cancel
                  </Button>
                }
              />
            )}
          </DialogContent>
          {mode === 'ehr' && (
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Done</Button>
              </DialogTrigger>
            </DialogActions>
          )}
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
