/** Searches as the user types, once they pause (debounced), keeping only the newest answer. */
import { useEffect, useEffectEvent, useState } from 'react';
import { toApiError } from './api-client';
import type { ApiError } from './api-error';

/** Long enough to skip the keystrokes of a name being typed, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 250;
/** The API's searches refuse shorter queries (patients' and people's `q`: at least 2 characters). */
export const MIN_QUERY_LENGTH = 2;

export type SearchState<T> =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; query: string; results: T[] }
  | { kind: 'failed'; error: ApiError };

/** `scope` names what is searched (e.g. the channel): a new scope searches again. */
export function useDebouncedSearch<T>(query: string, scope: string, search: (query: string) => Promise<T[]>): SearchState<T> {
  const [state, setState] = useState<SearchState<T>>({ kind: 'idle' });
  const q = query.trim();
  const runSearch = useEffectEvent(search);

  useEffect(() => {
    if (q.length < MIN_QUERY_LENGTH) return;
    let live = true;
    const timer = setTimeout(() => {
      setState({ kind: 'searching' });
      runSearch(q).then(
        (results) => {
          if (live) setState({ kind: 'done', query: q, results });
        },
        (error: unknown) => {
          if (live) setState({ kind: 'failed', error: toApiError(error) });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [scope, q]);

  // Derived rather than set in the effect: a short query shows nothing, whatever came before.
  return q.length < MIN_QUERY_LENGTH ? { kind: 'idle' } : state;
}
