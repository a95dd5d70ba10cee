/** State of the Patients config form: the mode, the EHR connection (for EHR mode), and saving them. */
import { useState } from 'react';
import type { EhrConnectionView, PatientsConfig, PatientsConfigInput, PatientsConfigQuery, PatientsMode } from '../../../../bot/src/contracts/api';
import { ApiError } from '../../shared/api-error';
import { toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import { savePatientsConfig } from '../patients-api';
import { connectionInput, draftFrom, isDraftComplete } from './connection-draft';
import type { ConnectionDraft } from './connection-draft';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: ApiError };
/** `save` never rejects: a failure is both returned (for Teams' dialog) and kept in `saveState` (for the form). */
export type SaveResult = { ok: true } | { ok: false; error: ApiError };

export interface ConfigFormState {
  mode: PatientsMode | undefined;
  choose: (mode: PatientsMode) => void;
  connection: ConnectionDraft;
  /** What the channel has stored (to say a secret is kept); updated after each save. */
  storedConnection: EhrConnectionView | null;
  editConnection: (change: Partial<ConnectionDraft>) => void;
  /** A mode is picked and, for EHR with the channel's own connection, its fields are filled. */
  canSave: boolean;
  saveState: SaveState;
  save: () => Promise<SaveResult>;
}

export function useConfigForm(api: ApiClient, channel: PatientsConfigQuery, initial: PatientsConfig): ConfigFormState {
  const [mode, setMode] = useState(initial.mode ?? undefined);
  const [connection, setConnection] = useState(() => draftFrom(initial.connection));
  const [storedConnection, setStoredConnection] = useState(initial.connection);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });

  function choose(next: PatientsMode): void {
    setMode(next);
    setSaveState({ kind: 'idle' });
  }

  function editConnection(change: Partial<ConnectionDraft>): void {
    setConnection((current) => ({ ...current, ...change }));
    setSaveState({ kind: 'idle' });
  }

  async function save(): Promise<SaveResult> {
    if (!mode) {
      // The UI keeps Save disabled until a mode is picked; this answers Teams' dialog if it still asks.
      const error = new ApiError({ code: 'mode_required', message: 'Choose how this channel gets its patients.', field: 'mode' });
      setSaveState({ kind: 'failed', error });
      return { ok: false, error };
    }
    // Manual mode leaves the connection out: switching modes back and forth keeps the stored one.
    const input: PatientsConfigInput = { teamId: channel.teamId, channelId: channel.channelId, mode };
    if (mode === 'ehr') input.connection = connectionInput(connection);
    setSaveState({ kind: 'saving' });
    try {
      const saved = await savePatientsConfig(api, input);
      setStoredConnection(saved.connection);
      // The secret box empties once stored: its placeholder now says one is kept.
      setConnection((current) => ({ ...current, clientSecret: '' }));
      setSaveState({ kind: 'saved' });
      return { ok: true };
    } catch (caught) {
      const error = toApiError(caught);
      setSaveState({ kind: 'failed', error });
      return { ok: false, error };
    }
  }

  const canSave = mode === 'manual' || (mode === 'ehr' && isDraftComplete(connection, storedConnection));
  return { mode, choose, connection, storedConnection, editConnection, canSave, saveState, save };
}
