import pino from 'pino';
import type { OutboxMessage, OutboxStore, SmsTransport } from '../domain/notifications/notification-types';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher } from './outbox-dispatcher';

const queued = (id: string): OutboxMessage => ({
  id,
  tenantId: 't',
  visitId: null,
  sourceKey: id,
  channel: 'sms',
  template: 'reminder.sms',
  recipient: '+61400111222',
  subject: null,
  body: 'Reminder',
  html: null,
  ics: null,
  status: 'queued',
  attempts: 1,
  nextTryAt: new Date(),
  providerId: null,
  lastError: null,
  createdAt: new Date(),
  sentAt: null,
});

function fakeOutbox(pending: OutboxMessage[]) {
  const sent: string[] = [];
  const store: OutboxStore = {
    insert: async () => ({ inserted: true }),
    claimDue: async (_now, { limit }) => pending.splice(0, limit),
    markSent: async (id) => void sent.push(id),
    markRetry: async () => undefined,
    markFailed: async () => undefined,
    markSuppressed: async () => undefined,
    get: async () => null,
    listRecent: async () => [],
  };
  return { store, sent };
}

const optOuts = { optOut: async () => undefined, optIn: async () => undefined, isOptedOut: async () => false };
const sms: SmsTransport = { send: async () => ({ kind: 'sent', providerId: 'SM1' }) };
const logger = pino({ level: 'silent' });

describe('outbox dispatcher', () => {
  // The dispatcher polls on timers: the tests move jest's clock instead of waiting for the real one.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps polling once started and delivers what becomes due', async () => {
    const pending: OutboxMessage[] = [];
    const outbox = fakeOutbox(pending);
    const dispatcher = new OutboxDispatcher({ outbox: outbox.store, optOuts, email: null, sms, logger, options: { pollIntervalMs: 5 } });
    dispatcher.start();
    pending.push(queued('m1'));
    await jest.advanceTimersByTimeAsync(100);
    await dispatcher.stop();
    expect(outbox.sent).toEqual(['m1']);
  });

  it('goes again at once after a full batch', async () => {
    const pending = [queued('a'), queued('b'), queued('c')];
    const outbox = fakeOutbox(pending);
    const dispatcher = new OutboxDispatcher({ outbox: outbox.store, optOuts, email: null, sms, logger, options: { pollIntervalMs: 60_000, batchSize: 2 } });
    dispatcher.start();
    // Far less than the poll interval: the second batch does not wait for it.
    await jest.advanceTimersByTimeAsync(100);
    await dispatcher.stop();
    expect(outbox.sent).toEqual(['a', 'b', 'c']);
  });

  it('does not poll when no transport is configured (everything stays in the outbox)', async () => {
    const outbox = fakeOutbox([queued('x')]);
    const dispatcher = new OutboxDispatcher({ outbox: outbox.store, optOuts, email: null, sms: null, logger });
    expect(dispatcher.channels).toEqual([]);
    dispatcher.start();
    await jest.advanceTimersByTimeAsync(DEFAULT_DISPATCHER_OPTIONS.pollIntervalMs * 3);
    await dispatcher.stop();
    expect(outbox.sent).toEqual([]);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4, 20].map(DEFAULT_DISPATCHER_OPTIONS.backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000]);
  });
});
