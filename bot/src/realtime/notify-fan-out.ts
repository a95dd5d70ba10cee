/**
 * What every hub does: listen on one PostgreSQL NOTIFY channel while Rounds runs and hand each
 * notification to this instance's subscribers of its key. A change made on one instance thereby
 * reaches browsers connected to any other. Each hub says how a payload names its key and event.
 */
import type { Database } from '../storage/database';
import { KeyedSubscribers } from './keyed-subscribers';

export abstract class NotifyFanOut<Subscriber> {
  protected readonly subscribers = new KeyedSubscribers<Subscriber>();
  private unlisten: (() => Promise<void>) | null = null;

  protected constructor(
    protected readonly db: Database,
    private readonly notifyChannel: string,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(this.notifyChannel, (payload) => this.deliver(payload));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  /** Subscribers of every key on this instance. */
  get watching(): number {
    return this.subscribers.size;
  }

  protected notify(payload: string): Promise<unknown> {
    return this.db.query('SELECT pg_notify($1, $2)', [this.notifyChannel, payload]);
  }

  /** One notification's payload, handed to the subscribers it is for. */
  protected abstract deliver(payload: string): void;
}
