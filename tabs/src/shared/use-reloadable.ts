/**
 * Like useLoad, but the caller can load again in place (after a change, or a colleague's change
 * announced by a live event) without going back to "loading": the page keeps showing what it has
 * until the fresh answer arrives, so rows do not flash into skeletons on every update.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from './api-client';
import type { ApiError } from './api-error';
import type { LoadState } from './use-load';

export interface Reloadable<T> {
  state: LoadState<T>;
  /** Loads again; resolves when the answer (or failure) is in. Never rejects. */
  reload: () => Promise<void>;
  /** Replaces the value at once, e.g. with what a PATCH answered, before the next reload confirms it. */
  replace: (update: (value: T) => T) => void;
  /** The last in-place reload failed; the previous value is still shown. */
  refreshError: ApiError | undefined;
}

export function useReloadable<T>(key: string, load: () => Promise<T>): Reloadable<T> {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const [refreshError, setRefreshError] = useState<ApiError>();
  // A ref rather than an Effect Event: `reload` is called from event handlers, not only from Effects.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  // Only the newest request may write: answers can arrive out of order when events come in bursts.
  const latest = useRef(0);

  const fetchInto = useCallback(async (initial: boolean) => {
    const ticket = ++latest.current;
    try {
      const value = await loadRef.current();
      if (ticket !== latest.current) return;
      setState({ kind: 'loaded', value });
      setRefreshError(undefined);
    } catch (caught) {
      if (ticket !== latest.current) return;
      const error = toApiError(caught);
      if (initial) setState({ kind: 'failed', error });
      else setRefreshError(error);
    }
  }, []);

  useEffect(() => {
    setState({ kind: 'loading' });
    setRefreshError(undefined);
    void fetchInto(true);
    return () => {
      // Answers for the previous key are dropped.
      latest.current += 1;
    };
  }, [key, fetchInto]);

  const reload = useCallback(() => fetchInto(false), [fetchInto]);
  const replace = useCallback((update: (value: T) => T) => {
    setState((current) => (current.kind === 'loaded' ? { kind: 'loaded', value: update(current.value) } : current));
  }, []);

  return { state, reload, replace, refreshError };
}
