/**
 * The notification stores on embedded PostgreSQL (and on a PostgreSQL server when DATABASE_URL is
 * set): idempotent outbox writes, claiming due messages once. Opt-outs and templates are store
 * contracts (store-contracts.test.ts); the template rules are unit tests of the template service.
 */
import type { NewOutboxMessage } from '../../bot/src/domain/notifications/notification-types';
import type { Database } from '../../bot/src/storage/database';
import { SqlOutboxStore } from '../../bot/src/storage/sql-outbox-store';
import { insertVisitRow, sampleVisit } from '../support/notify-fixtures';
import { storageBackends } from '../support/storage-backends';
import { SERVICE_START_TIMEOUT_MS } from '../support/rounds-under-test';

const visit = sampleVisit();
let counter = 0;
const message = (overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  tenantId: 'tenant-a',
  visitId: visit.id,
  sourceKey: `job-${++counter}:sms`,
  channel: 'sms',
  template: 'invite.sms',
  recipient: '+61400111222',
  subject: null,
  body: 'Hi Maria',
  html: null,
  ics: null,
  status: 'queued',
  ...overrides,
});

describe.each(storageBackends)('notification stores on $name', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let outbox: SqlOutboxStore;

  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    await insertVisitRow(db, visit);
    outbox = new SqlOutboxStore(db);
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    await dispose();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM outbox_messages');
  });

  describe('outbox', () => {
    it('writes a source key once', async () => {
      const first = message({ sourceKey: 'invite:v:1:sms' });
      expect(await outbox.insert(first)).toEqual({ inserted: true });
      expect(await outbox.insert({ ...first, body: 'different' })).toEqual({ inserted: false });
      const [only, ...rest] = await outbox.listRecent(10);
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ body: 'Hi Maria', status: 'queued', attempts: 0, visitId: visit.id });
    });

    it('claims only queued messages of the asked channels that are due, counting an attempt', async () => {
      await outbox.insert(message({ sourceKey: 'a' }));
      await outbox.insert(message({ sourceKey: 'b', status: 'stored' }));
      await outbox.insert(message({ sourceKey: 'c', status: 'suppressed' }));
      await outbox.insert(message({ sourceKey: 'd', channel: 'email', recipient: 'maria@example.net', template: 'invite.email', subject: 'S' }));
      const now = new Date(Date.now() + 1000);
      const claimed = await outbox.claimDue(now, { limit: 10, channels: ['sms'], lockUntil: new Date(now.getTime() + 60_000) });
      expect(claimed.map((m) => [m.sourceKey, m.attempts])).toEqual([['a', 1]]);
    });

    it('does not hand a claimed message out again until its lock expires', async () => {
      await outbox.insert(message({ sourceKey: 'locked' }));
      const now = new Date(Date.now() + 1000);
      const lockUntil = new Date(now.getTime() + 60_000);
      expect(await outbox.claimDue(now, { limit: 10, channels: ['sms'], lockUntil })).toHaveLength(1);
      expect(await outbox.claimDue(now, { limit: 10, channels: ['sms'], lockUntil })).toHaveLength(0);
      const later = new Date(lockUntil.getTime() + 1);
      expect((await outbox.claimDue(later, { limit: 10, channels: ['sms'], lockUntil: new Date(later.getTime() + 60_000) }))[0]?.attempts).toBe(2);
    });

    it('never gives the same message to two dispatchers claiming at once', async () => {
      for (let i = 0; i < 12; i++) await outbox.insert(message({ sourceKey: `many-${i}` }));
      const now = new Date(Date.now() + 1000);
      const claim = () => outbox.claimDue(now, { limit: 5, channels: ['sms'], lockUntil: new Date(now.getTime() + 60_000) });
      const batches = await Promise.all([claim(), claim(), claim()]);
      const ids = batches.flat().map((m) => m.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    });

    it('records the outcome: sent, retry later, failed, suppressed', async () => {
      for (const key of ['sent', 'retry', 'failed', 'suppressed']) await outbox.insert(message({ sourceKey: key }));
      const now = new Date(Date.now() + 1000);
      const claimed = await outbox.claimDue(now, { limit: 10, channels: ['sms'], lockUntil: new Date(now.getTime() + 60_000) });
      const id = (key: string) => claimed.find((m) => m.sourceKey === key)!.id;
      await outbox.markSent(id('sent'), 'SM1', now);
      await outbox.markRetry(id('retry'), new Date(now.getTime() + 30_000), 'Twilio is limiting requests (HTTP 429).');
      await outbox.markFailed(id('failed'), 'Twilio refused the message (HTTP 400).');
      await outbox.markSuppressed(id('suppressed'), 'opted out');
      expect(await outbox.get(id('sent'))).toMatchObject({ status: 'sent', providerId: 'SM1', sentAt: now });
      expect(await outbox.get(id('retry'))).toMatchObject({ status: 'queued', lastError: 'Twilio is limiting requests (HTTP 429).' });
      expect(await outbox.get(id('failed'))).toMatchObject({ status: 'failed' });
      expect(await outbox.get(id('suppressed'))).toMatchObject({ status: 'suppressed' });
      // The retry is not due before its time.
      expect(await outbox.claimDue(now, { limit: 10, channels: ['sms'], lockUntil: new Date(now.getTime() + 60_000) })).toEqual([]);
      expect(await outbox.claimDue(new Date(now.getTime() + 30_000), { limit: 10, channels: ['sms'], lockUntil: new Date(now.getTime() + 90_000) })).toHaveLength(1);
    });

    it('lists newest first', async () => {
      await outbox.insert(message({ sourceKey: 'old' }));
      await db.query(`UPDATE outbox_messages SET created_at = now() - interval '1 hour' WHERE source_key = 'old'`);
      await outbox.insert(message({ sourceKey: 'new' }));
      expect((await outbox.listRecent(10)).map((m) => m.sourceKey)).toEqual(['new', 'old']);
    });
  });
});
