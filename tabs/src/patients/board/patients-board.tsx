/**
 * The Patients page of a configured channel: the list toolbar, the filter, the list itself, and
 * the dialogs and patient panel it opens (also for a link to a patient's messages). State lives in
 * usePatientsBoard; this file lays it out.
 */
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useMemo, useState } from 'react';
import type { PatientsMode } from '../../../../bot/src/contracts/api';
import type { ChannelQuery, ListRow } from '../../../../bot/src/contracts/lists-api';
import type { MessageDto } from '../../../../bot/src/contracts/messages-api';
import { toApiError } from '../../shared/api-client';
import type { ApiError } from '../../shared/api-error';
import { ErrorBar } from '../../shared/error-bar';
import { DismissRegular } from '../../shared/icons';
import type { TabSession } from '../../shared/tab-root';
import { orderedColumns } from '../grid/columns';
import type { RowSort } from '../grid/columns';
import { formatWhen } from '../grid/format';
import type { DisplayContext } from '../grid/format';
import { GridSkeleton } from '../grid/grid-skeleton';
import { BoardDialogs } from './board-dialogs';
import type { BoardDialog } from './board-dialogs';
import { FirstList } from './first-list';
import { ListContent } from './list-content';
import { ListToolbar } from './list-toolbar';
import { useLinkedPatient } from './use-linked-patient';
import { useCompactRows } from './use-compact-rows';
import { useNow } from './use-now';
import { usePatientsBoard } from './use-patients-board';
import type { VisitDto } from '../../../../bot/src/contracts/visits-api';
import type { ScheduleKind } from '../visits/schedule-kind';
import { ScheduledNotice } from '../visits/scheduled-notice';
import type { ScheduledVisit } from '../visits/scheduled-notice';

// The panel is loaded when a patient is first opened: the drawer and summary are not needed to see the list.
const PatientPanel = lazy(() => import('../panel/patient-panel').then((module) => ({ default: module.PatientPanel })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  filterRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  filter: { flexGrow: 1, maxWidth: '360px' },
  live: { color: tokens.colorNeutralForeground3 },
});

export interface PatientsBoardViewProps {
  session: TabSession;
  channel: ChannelQuery;
  mode: PatientsMode;
}

export function PatientsBoardView({ session, channel, mode }: PatientsBoardViewProps) {
  const styles = useStyles();
  const { api, host } = session;
  const board = usePatientsBoard(api, channel);
  // A closed dialog stays mounted (open=false) until the next one opens: a Fluent Dialog unmounted
  // while open leaves the page aria-hidden (microsoft/fluentui#35139). Each opening mounts afresh (key).
  const [dialog, setDialogState] = useState<{ which: BoardDialog; open: boolean; key: number }>();
  const setDialog = useCallback((which: BoardDialog) => setDialogState((shown) => ({ which, open: true, key: (shown?.key ?? 0) + 1 })), []);
  const closeDialog = useCallback(() => setDialogState((shown) => shown && { ...shown, open: false }), []);
  const [openEntryId, setOpenEntryId] = useState<string>();
  // The panel opens on the patient's messages (after "Open messages" or from a link to them) or visits.
  const [panelFocus, setPanelFocus] = useState<'messages' | 'visits'>();
  const [sent, setSent] = useState<{ entryId: string; text: string }>();
  const [scheduled, setScheduled] = useState<ScheduledVisit>();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<RowSort>();
  const [actionError, setActionError] = useState<ApiError>();
  const [exporting, setExporting] = useState(false);
  const [compact, setCompact] = useCompactRows();
  const now = useNow();
  const context = useMemo<DisplayContext>(() => ({ now, locale: host.locale }), [now, host.locale]);

  // Stable handlers: the grid's column definitions are memoised on them.
  const onOpen = useCallback((row: ListRow) => {
    setOpenEntryId(row.entryId);
    setPanelFocus(undefined);
  }, []);
  const onVisits = useCallback((row: ListRow) => {
    setOpenEntryId(row.entryId);
    setPanelFocus('visits');
  }, []);
  const onMessage = useCallback((row: ListRow) => setDialog({ kind: 'message', row }), [setDialog]);
  const onSchedule = useCallback((row: ListRow, visit: ScheduleKind) => setDialog({ kind: 'schedule', row, visit }), [setDialog]);
  const onMove = useCallback((row: ListRow) => setDialog({ kind: 'move', row }), [setDialog]);
  const onRemove = useCallback((row: ListRow) => setDialog({ kind: 'remove', row }), [setDialog]);

  function openMessages(entryId: string) {
    setOpenEntryId(entryId);
    setPanelFocus('messages');
  }
  const linkProblem = useLinkedPatient(api, host, channel, (place) => {
    board.select(place.listId);
    openMessages(place.entryId);
  });

  function messageSent(row: ListRow, message: MessageDto) {
    setSent({ entryId: row.entryId, text: `Message sent to ${message.recipient.name} about ${row.summary.patient.name}.` });
  }

  function visitScheduled(row: ListRow, kind: ScheduleKind, visit: VisitDto) {
    const what = kind === 'family-call' ? 'Family call' : 'Follow-up';
    const patientName = row.summary.patient.name;
    setScheduled({ text: `${what} with ${patientName} booked for ${formatWhen(visit.start, context)}.`, patientName, patientJoinUrl: visit.patientJoinUrl, bedside: kind === 'family-call' });
  }

  /** Toolbar actions without a dialog of their own report failures in the page's error bar. */
  function run(action: () => Promise<void>) {
    setActionError(undefined);
    action().catch((error: unknown) => setActionError(toApiError(error)));
  }

  const { lists, selected, view } = board;
  const dialogs = dialog && (
    <BoardDialogs
      key={dialog.key}
      dialog={dialog.which}
      open={dialog.open}
      board={board}
      mode={mode}
      api={api}
      channel={channel}
      locale={host.locale}
      onClose={closeDialog}
      onEntryGone={(entryId) => setOpenEntryId((open) => (open === entryId ? undefined : open))}
      onMessageSent={messageSent}
      onScheduled={visitScheduled}
    />
  );

  if (lists.state.kind === 'loading') return <GridSkeleton label="Loading rounding lists…" />;
  if (lists.state.kind === 'failed') return <ErrorBar error={lists.state.error} />;
  // The dialogs keep their place in the tree whichever view shows: the first list's dialog is still open
  // when the list it creates swaps the empty state for the board, and a Fluent Dialog unmounted while
  // open leaves the page aria-hidden (microsoft/fluentui#35139).
  if (!selected) {
    return (
      <>
        <FirstList onCreate={() => setDialog({ kind: 'new-list' })} />
        {dialogs}
      </>
    );
  }

  const shownList = view.state.kind === 'loaded' && view.state.value?.list.id === selected.id ? view.state.value.list : selected;
  const columns = orderedColumns(shownList.columns);
  const openRow = view.state.kind === 'loaded' ? view.state.value?.rows.find((row) => row.entryId === openEntryId) : undefined;
  const refreshError = lists.refreshError ?? view.refreshError;
  const notice = board.liveNotice && board.liveNotice.by !== host.userName ? board.liveNotice : undefined;

  return (
    <>
      <div className={styles.root}>
        <ListToolbar
          lists={board.ordered}
          selected={shownList}
          columns={columns}
          exporting={exporting}
          compact={compact}
          onCompactChange={setCompact}
          onSelect={(listId) => {
            board.select(listId);
            setOpenEntryId(undefined);
          }}
          onAddPatient={() => setDialog({ kind: 'add-patient' })}
          onNewList={() => setDialog({ kind: 'new-list' })}
          onRename={() => setDialog({ kind: 'rename' })}
          onDelete={() => setDialog({ kind: 'delete-list' })}
          onSetDefault={() => run(board.setDefault)}
          onColumnsChange={(next) => run(() => board.setColumns(next))}
          onExport={() => {
            setExporting(true);
            run(() => board.exportCsv().finally(() => setExporting(false)));
          }}
        />
        <div className={styles.filterRow}>
          <SearchBox className={styles.filter} aria-label="Filter patients" placeholder="Filter by name, MRN, location…" value={filter} onChange={(_, data) => setFilter(data.value)} />
          <Caption1 role="status" className={styles.live}>
            {notice && `Updated by ${notice.by} at ${formatWhen(notice.at.toISOString(), context)}`}
          </Caption1>
        </div>
        {linkProblem && <ErrorBar error={linkProblem} />}
        <div role="status">
          {sent && (
            <MessageBar intent="success">
              <MessageBarBody>{sent.text}</MessageBarBody>
              <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={() => setSent(undefined)} />}>
                <Button
                  onClick={() => {
                    openMessages(sent.entryId);
                    setSent(undefined);
                  }}
                >
                  Open messages
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {scheduled && <ScheduledNotice scheduled={scheduled} onDismiss={() => setScheduled(undefined)} />}
        </div>
        {actionError && <ErrorBar error={actionError} />}
        {refreshError && <ErrorBar error={refreshError} />}
        <ListContent
          state={view.state}
          columns={columns}
          compact={compact}
          filter={filter}
          sort={sort}
          onSortChange={setSort}
          context={context}
          onAddPatient={() => setDialog({ kind: 'add-patient' })}
          onOpen={onOpen}
          onMessage={onMessage}
          onSchedule={onSchedule}
          onVisits={onVisits}
          onMove={onMove}
          onRemove={onRemove}
        />
        {openRow && (
          <Suspense fallback={null}>
            <PatientPanel
              key={openRow.entryId}
              row={openRow}
              api={api}
              channel={channel}
              listId={selected.id}
              context={context}
              onClose={() => setOpenEntryId(undefined)}
              onChanged={() => void board.refresh()}
              focusMessages={panelFocus === 'messages'}
              focusVisits={panelFocus === 'visits'}
            />
          </Suspense>
        )}
      </div>
      {dialogs}
    </>
  );
}
