/**
 * Fans lobby changes out to whoever watches a visit (the patient's page, clinicians' views), on every
 * instance: an admit on one reaches a patient connected to another.
 */
import type { LobbyEvents } from '../domain/lobby/lobby-types';
import type { Database } from '../storage/database';
import { NotifyFanOut } from './notify-fan-out';

const NOTIFY_CHANNEL = 'rounds_lobby';

type Subscriber = () => void;

export class LobbyHub extends NotifyFanOut<Subscriber> implements LobbyEvents {
  constructor(db: Database) {
    super(db, NOTIFY_CHANNEL);
  }

  async publish(visitId: string): Promise<void> {
    await this.notify(visitId);
  }

  /** Returns the unsubscribe function. */
  subscribe(visitId: string, subscriber: Subscriber): () => void {
    return this.subscribers.add(visitId, subscriber);
  }

  protected deliver(visitId: string): void {
    for (const subscriber of this.subscribers.of(visitId)) subscriber();
  }
}
