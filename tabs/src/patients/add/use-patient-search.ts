/** Searches the EHR as the user types, once they pause (debounced), keeping only the newest answer. */
import { useEffect, useState } from 'react';
import type { ChannelQuery, PatientMatch } from '../../../../bot/src/contracts/lists-api';
import { toApiError } from '../../shared/api-client';
import type { ApiClient, ApiError } from '../../shared/api-client';
import { searchPatients } from '../lists-api';

/** Long enough to skip the keystrokes of a name being typed, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 250;
/** The API refuses shorter queries (contract: `q` at least 2 characters). */
export const MIN_QUERY_LENGTH = 2;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; query: string; patients: PatientMatch[] }
  | { kind: 'failed'; error: ApiError };

export function usePatientSearch(api: ApiClient, channel: ChannelQuery, query: string): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const q = query.trim();
  const { teamId, channelId } = channel;

  useEffect(() => {
    if (q.length < MIN_QUERY_LENGTH) return;
    let live = true;
    const timer = setTimeout(() => {
      setState({ kind: 'searching' });
      searchPatients(api, { teamId, channelId }, q).then(
        (patients) => {
          if (live) setState({ kind: 'done', query: q, patients });
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
  }, [api, teamId, channelId, q]);

  // Derived rather than set in the effect: a short query shows nothing, whatever came before.
  return q.length < MIN_QUERY_LENGTH ? { kind: 'idle' } : state;
}
