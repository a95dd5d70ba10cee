/** Loads one thing from the API for a component: loading, then the value or a showable ApiError. */
import { useEffect, useEffectEvent, useState } from 'react';
import { toApiError } from './api-client';
import type { ApiError } from './api-error';

export type LoadState<T> = { kind: 'loading' } | { kind: 'loaded'; value: T } | { kind: 'failed'; error: ApiError };

/** Loads again when `key` changes (e.g. another channel); answers to a stale load are dropped. */
export function useLoad<T>(key: string, load: () => Promise<T>): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const runLoad = useEffectEvent(load);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    runLoad().then(
      (value) => {
        if (live) setState({ kind: 'loaded', value });
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', error: toApiError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  return state;
}
