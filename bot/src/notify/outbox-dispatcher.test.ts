import pino from 'pino';
import type { NewOutboxMessage, SmsTransport } from '../domain/notifications/notification-types';
import { MemoryOutboxStore } from '../storage/memory/memory-outbox-store';
import { MemoryOptOutStore } from '../storage/memory/memory-settings-stores';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher } from './outbox-dispatcher';

const queued = (sourceKey: string): NewOutboxMessage => ({
  tenantId: 't',
  visitId: null,
  sourceKey,
  channel: 'sms',
  template: 'reminder.sms',
  recipient: '+61400111222',
  subject: null,
  body: 'Reminder',
  html: null,
  ics: null,
  status: 'queued',
});

/** The outbox twin with these messages queued; `sent` reads back which went out. */
async function outboxWith(...sourceKeys: string[]) {
  const store = new MemoryOutboxStore();
  for (const key of sourceKeys) await store.insert(queued(key));
  const sent = async () => (await store.listRecent(100)).filter((message) => message.status === 'sent').map((message) => message.sourceKey).sort();
  return { store, sent };
}

const optOuts = new MemoryOptOutStore();
const sms: SmsTransport = { send: async () => ({ kind: 'sent', providerId: 'SM1' }) };
const logger = pino({ level: 'silent' });

describe('outbox dispatcher', () => {
  // The dispatcher polls on timers: the tests move jest's clock instead of waiting for the real one.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps polling once started and delivers what becomes due', async () => {
    const outbox = await outboxWith();
    const dispatcher = new OutboxDispatcher({ outbox: outbox.store, optOuts, email: null, sms, logger, options: { pollIntervalMs: 5 } });
    dispatcher.start();
    await outbox.store.insert(queued('m1'));
    await jest.advanceTimersByTimeAsync(100);
    await dispatcher.stop();
    expect(await outbox.sent()).toEqual(['m1']);
  });

  it('goes again at once after a full batch', async () => {
    const outbox = await outboxWith('a', 'b', 'c');
    const dispatcher = new OutboxDispatcher({ outbox: outbox.store, optOuts, email: null, sms, logger, options: { pollIntervalMs: 60_000, batchSize: 2 } });
    dispatcher.start();
    // Far less than the poll interval: the second batch does not wait for it.
    await jest.advanceTimersByTimeAsync(100);
    await dispatcher.stop();
    expect(await outbox.sent()).toEqual(['a', 'b', 'c']);
  });

  it('does not poll when no transport is configured (everything stays in the outbox)', async () => {
    const outbox = await outboxWith('x');
    const dispatcher = new OutboxDispatcher({ outbox: outbox.store, optOuts, email: null, sms: null, logger });
    expect(dispatcher.channels).toEqual([]);
    dispatcher.start();
    await jest.advanceTimersByTimeAsync(DEFAULT_DISPATCHER_OPTIONS.pollIntervalMs * 3);
    await dispatcher.stop();
    expect(await outbox.sent()).toEqual([]);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4, 20].map(DEFAULT_DISPATCHER_OPTIONS.backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000]);
  });
});
