import { KeyedSubscribers } from './keyed-subscribers';

describe('KeyedSubscribers', () => {
  it('gives each key its subscribers and counts them all', () => {
    const subscribers = new KeyedSubscribers<() => void>();
    const a = () => undefined;
    const b = () => undefined;
    const c = () => undefined;
    const offA = subscribers.add('visit-1', a);
    subscribers.add('visit-1', b);
    subscribers.add('visit-2', c);
    expect([...subscribers.of('visit-1')]).toEqual([a, b]);
    expect([...subscribers.of('visit-3')]).toEqual([]);
    expect(subscribers.size).toBe(3);
    offA();
    expect([...subscribers.of('visit-1')]).toEqual([b]);
    expect(subscribers.size).toBe(2);
  });

  it('forgets a key with nobody left, and an unsubscribe called twice leaves a later subscriber of the key alone', () => {
    const subscribers = new KeyedSubscribers<() => void>();
    const first = () => undefined;
    const later = () => undefined;
    const offFirst = subscribers.add('room', first);
    offFirst();
    expect(subscribers.has('room')).toBe(false);
    subscribers.add('room', later);
    offFirst();
    expect([...subscribers.of('room')]).toEqual([later]);
    expect(subscribers.size).toBe(1);
  });
});
