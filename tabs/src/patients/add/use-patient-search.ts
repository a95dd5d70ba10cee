/** Searches the channel's EHR as the user types (see useDebouncedSearch). */
import type { ChannelQuery, PatientMatch } from '../../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../../shared/api-client';
import { useDebouncedSearch } from '../../shared/use-debounced-search';
import type { SearchState } from '../../shared/use-debounced-search';
import { searchPatients } from '../lists-api';

export function usePatientSearch(api: ApiClient, channel: ChannelQuery, query: string): SearchState<PatientMatch> {
  return useDebouncedSearch(query, `${channel.teamId}/${channel.channelId}`, (q) => searchPatients(api, channel, q));
}
