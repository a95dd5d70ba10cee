/**
 * Fans lobby changes out to whoever watches a visit (the patient's page, clinicians' views). Changes
 * go through PostgreSQL NOTIFY, so an admit on one instance reaches a patient connected to another.
 */
import type { LobbyEvents } from '../domain/lobby/lobby-types';
import type { Database } from '../storage/database';
import { KeyedSubscribers } from './keyed-subscribers';

const NOTIFY_CHANNEL = 'rounds_lobby';

type Subscriber = () => void;

export class LobbyHub implements LobbyEvents {
  private readonly subscribers = new KeyedSubscribers<Subscriber>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(NOTIFY_CHANNEL, (visitId) => {
      for (const subscriber of this.subscribers.of(visitId)) subscriber();
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  async publish(visitId: string): Promise<void> {
    await this.db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, visitId]);
  }

  /** Returns the unsubscribe function. */
  subscribe(visitId: string, subscriber: Subscriber): () => void {
    return this.subscribers.add(visitId, subscriber);
  }

  get watching(): number {
    return this.subscribers.size;
  }
}
