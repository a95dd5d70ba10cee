/**
 * A dialog's main action: runs it, closes the dialog when it succeeds, and otherwise stays open
 * with the error, so a failed save or delete never looks like a successful one.
 */
import { useState } from 'react';
import { toApiError } from './api-client';
import type { ApiError } from './api-error';

export function useDialogAction(onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onClose();
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
