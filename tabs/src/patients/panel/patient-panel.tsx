/**
 * The patient panel: a drawer on the right (the whole width on a phone) with the banner, the full
 * summary and a Refresh for EHR patients, the patient's clinician messages with a Message button,
 * the notes, and for patients entered by hand an Edit form.
 */
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Divider,
  OverlayDrawer,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { ChannelQuery, ListRow, PatientSummaryDto } from '../../../../bot/src/contracts/lists-api';
import { toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import type { ApiError } from '../../shared/api-error';
import { ErrorBar } from '../../shared/error-bar';
import { ArrowClockwiseRegular, ChatRegular, DismissRegular, EditRegular } from '../../shared/icons';
import { useReloadable } from '../../shared/use-reloadable';
import { ManualPatientForm } from '../add/manual-patient-form';
import { toManualChanges, valuesFromRow } from '../add/manual-fields';
import { formatWhen } from '../grid/format';
import type { DisplayContext } from '../grid/format';
import { addNote, fetchPatientSummary, updateManualPatient } from '../lists-api';
import { MessageDialog } from '../../messages/message-dialog';
import { fetchPatientMessages } from '../../messages/messages-api';
import { MessagesSection } from './messages-section';
import { fetchEntryVisits } from '../visits/patient-visits-api';
import type { ScheduleKind } from '../visits/schedule-kind';
import { VisitsSection } from './visits-section';

const ScheduleVisitDialog = lazy(() => import('../visits/schedule-visit-dialog').then((module) => ({ default: module.ScheduleVisitDialog })));
import { NotesSection } from './notes-section';
import { PatientBanner } from './patient-banner';
import { SummarySections } from './summary-sections';

const useStyles = makeStyles({
  drawer: {
    width: '480px',
    maxWidth: '100vw',
    '@media (max-width: 640px)': { width: '100vw' },
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface PatientPanelProps {
  row: ListRow;
  api: ApiClient;
  channel: ChannelQuery;
  listId: string;
  context: DisplayContext;
  onClose: () => void;
  /** Something about the entry changed here (note, edit): the page refetches the list. */
  onChanged: () => void;
  /** Opened to read the patient's messages (a link from a message card, "Open messages"). */
  focusMessages?: boolean;
  /** Opened from a row's "Visits and bedside link": the Visits section scrolls into view. */
  focusVisits?: boolean;
}

/** Mounted per entry (keyed by entryId), so a refreshed summary never leaks to another patient. */
export function PatientPanel({ row, api, channel, listId, context, onClose, onChanged, focusMessages = false, focusVisits = false }: PatientPanelProps) {
  const styles = useStyles();
  const [refreshed, setRefreshed] = useState<PatientSummaryDto>();
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [editing, setEditing] = useState(false);
  const [composing, setComposing] = useState(false);
  const [sentNotice, setSentNotice] = useState<string>();
  const messages = useReloadable(`${listId}/${row.entryId}`, () => fetchPatientMessages(api, listId, row.entryId));
  const visits = useReloadable(`${listId}/${row.entryId}/visits`, () => fetchEntryVisits(api, listId, row.entryId));
  const [scheduling, setScheduling] = useState<ScheduleKind>();
  const summary = refreshed ?? row.summary;

  async function refresh() {
    setRefreshing(true);
    setError(undefined);
    try {
      setRefreshed(await fetchPatientSummary(api, channel, row.summary.patient.id));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <OverlayDrawer open position="end" className={styles.drawer} onOpenChange={(_, data) => !data.open && onClose()} aria-label={`Patient ${summary.patient.name}`}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>{summary.patient.name}</DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <PatientBanner patient={summary.patient} allergies={summary.allergies} context={context} />
        <div className={styles.actions}>
          <Button icon={<ChatRegular />} onClick={() => setComposing(true)}>
            Message
          </Button>
          {row.source === 'ehr' ? (
            <Button icon={<ArrowClockwiseRegular />} onClick={() => void refresh()} disabled={refreshing}>
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </Button>
          ) : (
            <>
              <Text className={styles.muted}>Entered by hand</Text>
              <Button icon={<EditRegular />} onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
                Edit
              </Button>
            </>
          )}
        </div>
        {error && <ErrorBar error={error} />}
        {editing && (
          <section aria-label="Edit patient">
            <ManualPatientForm
              initialValues={valuesFromRow(row)}
              submitLabel="Save changes"
              onSubmit={async (values) => {
                await updateManualPatient(api, listId, row.entryId, toManualChanges(values));
                setEditing(false);
                onChanged();
              }}
              secondaryActions={
                <Button appearance="secondary" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              }
            />
          </section>
        )}
        {row.freeText && (
          <section aria-label="Free text">
            <Text>{row.freeText}</Text>
          </section>
        )}
        <SummarySections summary={summary} source={row.source} context={context} />
        <Divider />
        <VisitsSection visits={visits} patientName={summary.patient.name} clock={(iso) => formatWhen(iso, context)} onSchedule={setScheduling} focus={focusVisits} />
        <Divider />
        <MessagesSection threads={messages} api={api} clock={(iso) => formatWhen(iso, context)} notice={sentNotice} focus={focusMessages} />
        <Divider />
        <NotesSection
          notes={row.notes}
          context={context}
          onAdd={async (text) => {
            const note = await addNote(api, listId, row.entryId, text);
            onChanged();
            return note;
          }}
        />
      </DrawerBody>
      {scheduling && (
        <Suspense fallback={null}>
          <ScheduleVisitDialog
            api={api}
            listId={listId}
            entryId={row.entryId}
            patientName={summary.patient.name}
            kind={scheduling}
            onScheduled={() => void visits.reload()}
            onClose={() => setScheduling(undefined)}
          />
        </Suspense>
      )}
      {composing && (
        <MessageDialog
          api={api}
          patientName={summary.patient.name}
          listEntryId={row.entryId}
          onSent={(message) => {
            setSentNotice(`Message sent to ${message.recipient.name}.`);
            void messages.reload();
          }}
          onClose={() => setComposing(false)}
        />
      )}
    </OverlayDrawer>
  );
}
