/** Fans list changes out to the browsers watching a channel's lists, on every instance. */
import type { ChannelRef } from '../domain/shared/actor';
import type { ListEvents } from '../domain/lists/list-types';
import type { Database } from '../storage/database';
import { NotifyFanOut } from './notify-fan-out';

const NOTIFY_CHANNEL = 'rounds_list_events';

export interface ListEvent {
  kind: 'lists' | 'list';
  listId: string | null;
  by: string;
}

type Subscriber = (event: ListEvent) => void;

const keyOf = (channel: ChannelRef): string => JSON.stringify([channel.tenantId, channel.teamId, channel.channelId]);

export class ListEventsHub extends NotifyFanOut<Subscriber> implements ListEvents {
  constructor(db: Database) {
    super(db, NOTIFY_CHANNEL);
  }

  async publish(channel: ChannelRef, event: ListEvent): Promise<void> {
    await this.notify(JSON.stringify({ key: keyOf(channel), event }));
  }

  /** Returns the unsubscribe function. */
  subscribe(channel: ChannelRef, subscriber: Subscriber): () => void {
    return this.subscribers.add(keyOf(channel), subscriber);
  }

  protected deliver(payload: string): void {
    const { key, event } = JSON.parse(payload) as { key: string; event: ListEvent };
    for (const subscriber of this.subscribers.of(key)) subscriber(event);
  }
}
