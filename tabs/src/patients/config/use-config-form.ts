/** State of the Patients config form: the mode the user picked, and saving it. */
import { useState } from 'react';
import type { PatientsConfigQuery, PatientsMode } from '../../../../bot/src/contracts/api';
import { ApiError, toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import { savePatientsConfig } from '../patients-api';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: ApiError };
/** `save` never rejects: a failure is both returned (for Teams' dialog) and kept in `saveState` (for the form). */
export type SaveResult = { ok: true } | { ok: false; error: ApiError };

export interface ConfigFormState {
  mode: PatientsMode | undefined;
  choose: (mode: PatientsMode) => void;
  saveState: SaveState;
  save: () => Promise<SaveResult>;
}

export function useConfigForm(api: ApiClient, channel: PatientsConfigQuery, initialMode: PatientsMode | undefined): ConfigFormState {
  const [mode, setMode] = useState(initialMode);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });

  function choose(next: PatientsMode): void {
    setMode(next);
    setSaveState({ kind: 'idle' });
  }

  async function save(): Promise<SaveResult> {
    if (!mode) {
      // The UI keeps Save disabled until a mode is picked; this answers Teams' dialog if it still asks.
      const error = new ApiError({ code: 'mode_required', message: 'Choose how this channel gets its patients.', field: 'mode' });
      setSaveState({ kind: 'failed', error });
      return { ok: false, error };
    }
    setSaveState({ kind: 'saving' });
    try {
      await savePatientsConfig(api, { teamId: channel.teamId, channelId: channel.channelId, mode });
      setSaveState({ kind: 'saved' });
      return { ok: true };
    } catch (caught) {
      const error = toApiError(caught);
      setSaveState({ kind: 'failed', error });
      return { ok: false, error };
    }
  }

  return { mode, choose, saveState, save };
}
