/**
 * Fans list changes out to the browsers watching a channel. Changes go through PostgreSQL
 * NOTIFY, so a change made on one instance of the service reaches browsers connected to another.
 */
import type { ChannelRef } from '../domain/shared/actor';
import type { ListEvents } from '../domain/lists/list-types';
import type { Database } from '../storage/database';
import { KeyedSubscribers } from './keyed-subscribers';

const NOTIFY_CHANNEL = 'rounds_list_events';

export interface ListEvent {
  kind: 'lists' | 'list';
  listId: string | null;
  by: string;
}

type Subscriber = (event: ListEvent) => void;

const keyOf = (channel: ChannelRef): string => JSON.stringify([channel.tenantId, channel.teamId, channel.channelId]);

export class ListEventsHub implements ListEvents {
  private readonly subscribers = new KeyedSubscribers<Subscriber>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(NOTIFY_CHANNEL, (payload) => this.deliver(payload));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  async publish(channel: ChannelRef, event: ListEvent): Promise<void> {
    await this.db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, JSON.stringify({ key: keyOf(channel), event })]);
  }

  /** Returns the unsubscribe function. */
  subscribe(channel: ChannelRef, subscriber: Subscriber): () => void {
    return this.subscribers.add(keyOf(channel), subscriber);
  }

  private deliver(payload: string): void {
    const { key, event } = JSON.parse(payload) as { key: string; event: ListEvent };
    for (const subscriber of this.subscribers.of(key)) subscriber(event);
  }
}
