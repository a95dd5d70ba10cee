/**
 * What the notification stores do on every backend: the outbox (one message per source key, claims
 * under a lock, outcomes, what a visit's card reads of it) and the SMS replies (the number's next
 * visit, a reply recorded once with its card refresh, answers back at most once a day).
 */
import type { NewOutboxMessage, OutboxStore, SmsReplyStore, VisitDeliveries } from '../../domain/notifications/notification-types';
import type { VisitStore } from '../../domain/visits/visit-types';
import type { LobbyStore } from '../../domain/lobby/lobby-types';
import type { JobsProbe } from './jobs-probe';
import { newVisit } from './visit-fixtures';

export interface NotifyStoresFixture {
  visits: VisitStore;
  lobby: LobbyStore;
  outbox: OutboxStore & VisitDeliveries;
  replies: SmsReplyStore;
  jobs: JobsProbe;
  /** Inserts a message written `minutesAgo` (messages written in the same instant have no order). */
  insertAged(message: NewOutboxMessage, minutesAgo: number): Promise<void>;
}

let counter = 0;
const message = (visitId: string | null, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  tenantId: 'tenant-v',
  visitId,
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
const soon = () => new Date(Date.now() + 1000);

export function describeOutboxStoreContract(name: string, open: () => Promise<NotifyStoresFixture>): void {
  describe(`OutboxStore contract: ${name}`, () => {
    let fixture: NotifyStoresFixture;
    let visitId: string;
    beforeEach(async () => {
      fixture = await open();
      visitId = (await fixture.visits.create(newVisit(), null)).visit.id;
    });
    const claim = (now: Date, channels: ('sms' | 'email')[] = ['sms'], limit = 10) => fixture.outbox.claimDue(now, { limit, channels, lockUntil: new Date(now.getTime() + 60_000) });

    it('writes a source key once', async () => {
      const first = message(visitId, { sourceKey: 'invite:v:1:sms' });
      expect(await fixture.outbox.insert(first)).toEqual({ inserted: true });
      expect(await fixture.outbox.insert({ ...first, body: 'different' })).toEqual({ inserted: false });
      const [only, ...rest] = await fixture.outbox.listRecent(10);
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ body: 'Hi Maria', status: 'queued', attempts: 0, visitId, providerId: null, sentAt: null });
      expect(await fixture.outbox.get(only!.id)).toEqual(only);
    });

    it('claims only queued messages of the asked channels that are due, counting an attempt', async () => {
      await fixture.outbox.insert(message(visitId, { sourceKey: 'a' }));
      await fixture.outbox.insert(message(visitId, { sourceKey: 'b', status: 'stored' }));
      await fixture.outbox.insert(message(visitId, { sourceKey: 'c', status: 'suppressed' }));
      await fixture.outbox.insert(message(null, { sourceKey: 'd', channel: 'email', recipient: 'maria@example.net', template: 'invite.email', subject: 'S' }));
      expect((await claim(soon())).map((m) => [m.sourceKey, m.attempts])).toEqual([['a', 1]]);
      expect(await fixture.outbox.claimDue(soon(), { limit: 10, channels: [], lockUntil: soon() })).toEqual([]);
      expect((await claim(soon(), ['email'])).map((m) => m.sourceKey)).toEqual(['d']);
    });

    it('does not hand a claimed message out again until its lock expires', async () => {
      await fixture.outbox.insert(message(visitId, { sourceKey: 'locked' }));
      const now = soon();
      expect(await claim(now)).toHaveLength(1);
      expect(await claim(now)).toHaveLength(0);
      expect((await claim(new Date(now.getTime() + 60_000)))[0]?.attempts).toBe(2);
    });

    it('never gives the same message to two dispatchers claiming at once', async () => {
      for (let i = 0; i < 12; i++) await fixture.outbox.insert(message(visitId, { sourceKey: `many-${i}` }));
      const now = soon();
      const batches = await Promise.all([claim(now, ['sms'], 5), claim(now, ['sms'], 5), claim(now, ['sms'], 5)]);
      const ids = batches.flat().map((m) => m.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    });

    it('records the outcome: sent, retry later, failed, suppressed; a settled visit message refreshes its cards once', async () => {
      for (const key of ['sent', 'retry', 'failed', 'suppressed']) await fixture.outbox.insert(message(visitId, { sourceKey: key }));
      const now = soon();
      const claimed = await claim(now);
      const id = (key: string) => claimed.find((m) => m.sourceKey === key)!.id;
      await fixture.outbox.markSent(id('sent'), 'SM1', now);
      await fixture.outbox.markSent(id('sent'), 'SM1', now);
      await fixture.outbox.markRetry(id('retry'), new Date(now.getTime() + 30_000), 'Twilio is limiting requests (HTTP 429).');
      await fixture.outbox.markFailed(id('failed'), `Twilio refused the message (HTTP 400). ${'x'.repeat(600)}`);
      await fixture.outbox.markSuppressed(id('suppressed'), 'opted out');
      expect(await fixture.outbox.get(id('sent'))).toMatchObject({ status: 'sent', providerId: 'SM1', sentAt: now, lastError: null });
      expect(await fixture.outbox.get(id('retry'))).toMatchObject({ status: 'queued', lastError: 'Twilio is limiting requests (HTTP 429).' });
      expect((await fixture.outbox.get(id('failed')))?.lastError).toHaveLength(500);
      expect(await fixture.outbox.get(id('suppressed'))).toMatchObject({ status: 'suppressed', lastError: 'opted out' });
      // The retry is not due before its time.
      expect(await claim(now)).toEqual([]);
      expect(await claim(new Date(now.getTime() + 30_000))).toHaveLength(1);
      expect((await fixture.jobs.waiting()).map((job) => job.dedupeKey)).toEqual(['failed', 'sent', 'suppressed'].map((key) => `card:delivered:${id(key)}`).sort());
    });

    it('lists newest first, and tells a visit’s card the newest message per channel, SMS first', async () => {
      await fixture.insertAged(message(visitId, { sourceKey: 'old-sms' }), 60);
      await fixture.insertAged(message(visitId, { sourceKey: 'email', channel: 'email', template: 'invite.email', recipient: 'maria@example.net' }), 30);
      await fixture.outbox.insert(message(visitId, { sourceKey: 'new-sms', template: 'reminder.sms', status: 'stored' }));
      expect((await fixture.outbox.listRecent(2)).map((m) => m.sourceKey)).toEqual(['new-sms', 'email']);
      const latest = await fixture.outbox.latestForVisit(visitId);
      expect(latest.map((delivery) => [delivery.channel, delivery.template, delivery.status])).toEqual([
        ['sms', 'reminder.sms', 'stored'],
        ['email', 'invite.email', 'queued'],
      ]);
      expect(latest[0]?.at).toBeInstanceOf(Date);
      expect(await fixture.outbox.latestForVisit((await fixture.visits.create(newVisit(), null)).visit.id)).toEqual([]);
    });
  });
}

export function describeSmsReplyStoreContract(name: string, open: () => Promise<NotifyStoresFixture>): void {
  describe(`SmsReplyStore contract: ${name}`, () => {
    let fixture: NotifyStoresFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    const at = (iso: string) => new Date(iso);

    it('finds the number’s soonest scheduled visit not yet over, however the number was typed', async () => {
      const create = async (start: string, phone = '+1 (555) 000-1111') => {
        const { visit } = await fixture.visits.create(newVisit({ start: at(start), contact: { phone, email: null } }), null);
        return fixture.visits.update(visit.id, 1, { status: 'scheduled' }, []);
      };
      const later = await create('2031-03-12T10:00:00Z');
      const sooner = await create('2031-03-11T10:00:00Z');
      await create('2031-03-10T10:00:00Z', '+15550002222');
      await fixture.visits.create(newVisit({ start: at('2031-03-10T12:00:00Z'), contact: { phone: '+15550001111', email: null } }), null);
      expect(await fixture.replies.nextVisitFor('+15550001111', at('2031-03-10T00:00:00Z'))).toEqual({ visitId: sooner.id, scheduleVersion: 1, start: sooner.start, timeZone: 'Europe/London' });
      // A visit counts until it ends.
      expect((await fixture.replies.nextVisitFor('+1 555 000 1111', at('2031-03-11T10:29:00Z')))?.visitId).toBe(sooner.id);
      expect((await fixture.replies.nextVisitFor('+15550001111', at('2031-03-11T10:30:00Z')))?.visitId).toBe(later.id);
      expect(await fixture.replies.nextVisitFor('+15559999999', at('2031-03-10T00:00:00Z'))).toBeNull();
    });

    it('records a reply once per schedule with its card refresh; the card reads the latest', async () => {
      const { visit } = await fixture.visits.create(newVisit(), null);
      const scheduled = { visitId: visit.id, scheduleVersion: 1, start: visit.start, timeZone: visit.timeZone };
      expect(await fixture.replies.record(scheduled, 'patient_confirmed', at('2031-03-09T10:00:00Z'))).toBe(true);
      expect(await fixture.replies.record(scheduled, 'patient_confirmed', at('2031-03-09T10:01:00Z'))).toBe(false);
      expect(await fixture.outbox.patientReply(visit.id, 1)).toBe('patient_confirmed');
      expect(await fixture.replies.record(scheduled, 'cancel_requested', at('2031-03-09T10:02:00Z'))).toBe(true);
      expect(await fixture.outbox.patientReply(visit.id, 1)).toBe('cancel_requested');
      expect(await fixture.outbox.patientReply(visit.id, 2)).toBeNull();
      const lines = (await fixture.lobby.timeline(visit.id)).filter((event) => event.actor === 'patient');
      expect(lines.map((event) => [event.kind, event.at, event.detail])).toEqual([
        ['patient_confirmed', at('2031-03-09T10:00:00Z'), { scheduleVersion: 1, channel: 'sms' }],
        ['cancel_requested', at('2031-03-09T10:02:00Z'), { scheduleVersion: 1, channel: 'sms' }],
      ]);
      expect((await fixture.jobs.waiting()).filter((job) => job.kind === 'visit.card')).toHaveLength(2);
      expect(await fixture.replies.record({ ...scheduled, visitId: '00000000-0000-4000-8000-00000000dead' }, 'patient_confirmed', at('2031-03-09T10:00:00Z'))).toBe(false);
    });

    it('answers a number back at most once a day per visit and kind', async () => {
      const first = at('2031-03-09T10:00:00Z');
      expect(await fixture.replies.claimAnswer('+15550001111', 'visit-1', 'confirmed', first)).toBe(true);
      expect(await fixture.replies.claimAnswer('+1 555 000 1111', 'visit-1', 'confirmed', at('2031-03-10T09:59:00Z'))).toBe(false);
      expect(await fixture.replies.claimAnswer('+15550001111', 'visit-1', 'help', first)).toBe(true);
      expect(await fixture.replies.claimAnswer('+15550001111', null, 'confirmed', first)).toBe(true);
      expect(await fixture.replies.claimAnswer('+15550001111', 'visit-1', 'confirmed', at('2031-03-10T10:00:00Z'))).toBe(true);
    });
  });
}
