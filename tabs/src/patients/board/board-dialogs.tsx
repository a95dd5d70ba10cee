/**
 * The dialogs the Patients page opens, one at a time. The add-patient, message and schedule dialogs
 * are loaded on first use (React.lazy): their typeaheads and forms are code most visits to the page never need.
 */
import { Suspense, lazy } from 'react';
import type { PatientsMode } from '../../../../bot/src/contracts/api';
import type { ChannelQuery, ListRow } from '../../../../bot/src/contracts/lists-api';
import type { MessageDto } from '../../../../bot/src/contracts/messages-api';
import type { VisitDto } from '../../../../bot/src/contracts/visits-api';
import type { ScheduleKind } from '../visits/schedule-kind';
import type { ApiClient } from '../../shared/api-client';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { ListNameDialog } from './list-name-dialog';
import { MoveDialog } from './move-dialog';
import type { PatientsBoard } from './use-patients-board';

const AddPatientDialog = lazy(() => import('../add/add-patient-dialog').then((module) => ({ default: module.AddPatientDialog })));
const MessageDialog = lazy(() => import('../../messages/message-dialog').then((module) => ({ default: module.MessageDialog })));
const ScheduleVisitDialog = lazy(() => import('../visits/schedule-visit-dialog').then((module) => ({ default: module.ScheduleVisitDialog })));

export type BoardDialog =
  | { kind: 'new-list' }
  | { kind: 'rename' }
  | { kind: 'delete-list' }
  | { kind: 'add-patient' }
  | { kind: 'message'; row: ListRow }
  | { kind: 'schedule'; row: ListRow; visit: ScheduleKind }
  | { kind: 'move'; row: ListRow }
  | { kind: 'remove'; row: ListRow };

export interface BoardDialogsProps {
  dialog: BoardDialog;
  /** False once closed: the dialog stays mounted so Fluent can take its aria-hidden off the page. */
  open: boolean;
  board: PatientsBoard;
  mode: PatientsMode;
  api: ApiClient;
  channel: ChannelQuery;
  locale: string;
  onClose: () => void;
  /** A patient left the list (moved, removed): close the panel if it showed them. */
  onEntryGone: (entryId: string) => void;
  onMessageSent: (row: ListRow, message: MessageDto) => void;
  onScheduled: (row: ListRow, kind: ScheduleKind, visit: VisitDto) => void;
}

export function BoardDialogs({ dialog, open, board, mode, api, channel, locale, onClose, onEntryGone, onMessageSent, onScheduled }: BoardDialogsProps) {
  const { selected } = board;
  switch (dialog.kind) {
    case 'new-list':
      return <ListNameDialog open={open} title="New rounding list" submitLabel="Create list" onSubmit={board.createList} onClose={onClose} />;
    case 'rename':
      return <ListNameDialog open={open} title="Rename list" submitLabel="Rename" initialName={selected?.name} onSubmit={board.renameList} onClose={onClose} />;
    case 'delete-list':
      return (
        <ConfirmDialog
          open={open}
          title={`Delete “${selected?.name ?? ''}”?`}
          message={`The list and the notes on it are deleted for everyone in this channel.${mode === 'ehr' ? ' Patients’ EHR records are not touched.' : ''}`}
          confirmLabel="Delete list"
          onConfirm={board.deleteList}
          onClose={onClose}
        />
      );
    case 'add-patient':
      return selected ? (
        <Suspense fallback={null}>
          <AddPatientDialog
            open={open}
            mode={mode}
            api={api}
            channel={channel}
            listId={selected.id}
            listName={selected.name}
            locale={locale}
            onAdded={() => void board.refresh()}
            onClose={onClose}
          />
        </Suspense>
      ) : null;
    case 'message':
      return (
        <Suspense fallback={null}>
          <MessageDialog
            open={open}
            api={api}
            patientName={dialog.row.summary.patient.name}
            listEntryId={dialog.row.entryId}
            onSent={(message) => onMessageSent(dialog.row, message)}
            onClose={onClose}
          />
        </Suspense>
      );
    case 'schedule':
      return selected ? (
        <Suspense fallback={null}>
          <ScheduleVisitDialog
            open={open}
            api={api}
            listId={selected.id}
            entryId={dialog.row.entryId}
            patientName={dialog.row.summary.patient.name}
            kind={dialog.visit}
            onScheduled={(visit) => onScheduled(dialog.row, dialog.visit, visit)}
            onClose={onClose}
          />
        </Suspense>
      ) : null;
    case 'move':
      return (
        <MoveDialog
          open={open}
          row={dialog.row}
          targets={board.ordered.filter((list) => list.id !== selected?.id)}
          onMove={async (toListId) => {
            await board.movePatient(dialog.row, toListId);
            onEntryGone(dialog.row.entryId);
          }}
          onClose={onClose}
        />
      );
    case 'remove':
      return (
        <ConfirmDialog
          open={open}
          title={`Remove ${dialog.row.summary.patient.name}?`}
          message={`${dialog.row.summary.patient.name} is taken off “${selected?.name ?? 'this list'}”, with the notes on this entry.${
            dialog.row.source === 'ehr' ? ' Their EHR record is not touched.' : ''
          }`}
          confirmLabel="Remove"
          onConfirm={async () => {
            await board.removePatient(dialog.row);
            onEntryGone(dialog.row.entryId);
          }}
          onClose={onClose}
        />
      );
  }
}
