/** Listens to the channel's live updates while the component is mounted (see channel-events.ts). */
import { useEffect, useEffectEvent } from 'react';
import type { ChannelQuery, ListsChangedEvent } from '../../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../../shared/api-client';
import { watchChannelEvents } from './channel-events';

export function useChannelEvents(api: ApiClient, channel: ChannelQuery, onEvent: (event: ListsChangedEvent) => void, onReconnect: () => void): void {
  // Effect Events: the stream opened once calls the latest handlers, which see the latest state.
  const handleEvent = useEffectEvent(onEvent);
  const handleReconnect = useEffectEvent(onReconnect);
  const { teamId, channelId } = channel;

  useEffect(() => {
    const controller = new AbortController();
    void watchChannelEvents({
      api,
      channel: { teamId, channelId },
      signal: controller.signal,
      onEvent: (event) => handleEvent(event),
      onReconnect: () => handleReconnect(),
    });
    return () => controller.abort();
  }, [api, teamId, channelId]);
}
