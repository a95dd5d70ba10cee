/**
 * Who listens for what on this instance (a visit's lobby, a channel's lists, a room's signals): the
 * subscribers of each key, for the hubs that fan PostgreSQL notifications out to them.
 */
export class KeyedSubscribers<Subscriber> {
  private readonly byKey = new Map<string, Set<Subscriber>>();
  private count = 0;

  /** Adds `subscriber` to `key`'s; returns the unsubscribe function, which does nothing after its first call. */
  add(key: string, subscriber: Subscriber): () => void {
    const set = this.byKey.get(key) ?? new Set<Subscriber>();
    if (!set.has(subscriber)) this.count += 1;
    set.add(subscriber);
    this.byKey.set(key, set);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      if (set.delete(subscriber)) this.count -= 1;
      // Only this set: a later subscriber of the same key may have started a new one.
      if (set.size === 0 && this.byKey.get(key) === set) this.byKey.delete(key);
    };
  }

  of(key: string): Iterable<Subscriber> {
    return this.byKey.get(key) ?? [];
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Subscribers of every key. */
  get size(): number {
    return this.count;
  }
}
