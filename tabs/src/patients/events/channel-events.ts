/** Follows `/api/patients/events` for one channel: the channel's lists changed (see shared/event-stream.ts). */
import { listsChangedEvent } from '../../../../bot/src/contracts/lists-api';
import type { ChannelQuery, ListsChangedEvent } from '../../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../../shared/api-client';
import { watchEvents } from '../../shared/event-stream';
import type { EventStreamOptions } from '../../shared/event-stream';

export { RECONNECT_DELAYS_MS } from '../../shared/event-stream';

export interface ChannelEventsOptions extends Pick<EventStreamOptions<typeof listsChangedEvent>, 'signal' | 'onReconnect' | 'sleep'> {
  api: ApiClient;
  channel: ChannelQuery;
  onEvent: (event: ListsChangedEvent) => void;
}

/** Resolves only once `signal` aborts; never rejects. */
export function watchChannelEvents({ channel, ...options }: ChannelEventsOptions): Promise<void> {
  return watchEvents({ ...options, path: '/api/patients/events', query: { teamId: channel.teamId, channelId: channel.channelId }, schema: listsChangedEvent, label: 'Patients' });
}
