/** Listens to the channel's live updates while the component is mounted (see shared/event-stream.ts). */
import { listsChangedEvent } from '../../../../bot/src/contracts/lists-api';
import type { ChannelQuery, ListsChangedEvent } from '../../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../../shared/api-client';
import { useEventStream } from '../../shared/use-event-stream';

export function useChannelEvents(api: ApiClient, channel: ChannelQuery, onEvent: (event: ListsChangedEvent) => void, onReconnect: () => void): void {
  useEventStream(api, { path: '/api/patients/events', query: { teamId: channel.teamId, channelId: channel.channelId }, schema: listsChangedEvent, label: 'Patients' }, onEvent, onReconnect);
}
