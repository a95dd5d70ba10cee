import pino from 'pino';
import type { NewOutboxMessage } from '../domain/notifications/notification-types';
import type { Visit } from '../domain/visits/visit-types';
import type { ScheduledJob } from '../domain/shared/jobs';
import { createNotifyJob, refreshingCards, skipReason, type NotifyJob, type NotifyJobDeps } from './notify-job';
import { BUILT_IN_TEMPLATES } from './templates';

const baseVisit: Visit = {
  id: 'visit-1',
  tenantId: 'tenant-a',
  patient: { fhirId: null, name: 'Maria Jones', givenName: 'Maria', mrn: 'MRN-884211', birthDate: '1961-03-14' },
  start: new Date('2026-11-24T04:30:00Z'),
  durationMinutes: 30,
  clinicians: [{ aadObjectId: null, name: 'Dr Lee', email: null }],
  reason: 'Wound check after cholecystectomy',
  contact: { phone: '+61400111222', email: 'maria@example.net' },
  notify: ['sms', 'email'],
  status: 'scheduled',
  meeting: null,
  origin: { conversationId: null, teamId: null, channelId: null },
  announceIn: null,
  timeZone: 'Australia/Adelaide',
  createdBy: { id: 'u1', name: 'Dr Lee' },
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
  version: 1,
  scheduleVersion: 1,
  cancelledAt: null,
  endedAt: null,
  guests: [],
  admitWhenClinicianJoins: false,
};

const job = (event: NotifyJob['event'], scheduleVersion = 1): NotifyJob => ({ kind: 'visit.notify', visitId: 'visit-1', event, scheduleVersion });
const NOW = new Date('2026-11-20T00:00:00Z');

function harness(visit: Visit | null, options: { optedOut?: string[]; deliverable?: NotifyJobDeps['deliverable'] } = {}) {
  const rows = new Map<string, NewOutboxMessage>();
  const handler = createNotifyJob({
    visits: { get: async () => visit },
    outbox: {
      insert: async (message) => {
        if (rows.has(message.sourceKey)) return { inserted: false };
        rows.set(message.sourceKey, message);
        return { inserted: true };
      },
    },
    optOuts: { isOptedOut: async (phone) => (options.optedOut ?? []).includes(phone) },
    templates: { resolve: async (_tenant, key) => BUILT_IN_TEMPLATES[key] },
    patientJoinUrl: (v) => `https://rounds.example/lobby/token-${v.scheduleVersion}`,
    guestLink: (v, guestId) => ({ joinUrl: `https://rounds.example/lobby/guest-${guestId}-${v.scheduleVersion}`, code: '424242' }),
    deliverable: options.deliverable ?? ['sms', 'email'],
    settings: { organisationName: 'Northside Virtual Care', organizer: { name: 'Northside Virtual Care', email: 'no-reply@hospital.example' } },
    logger: pino({ level: 'silent' }),
    now: () => NOW,
  });
  return { handler, rows: () => [...rows.values()] };
}

describe('visit.notify job', () => {
  it('writes one queued message per channel, keyed by the job and the channel', async () => {
    const { handler, rows } = harness(baseVisit);
    await handler(job('invite'), { dedupeKey: 'invite:visit-1:1', attempts: 1 });
    expect(rows().map((row) => [row.sourceKey, row.channel, row.status, row.template])).toEqual([
      ['invite:visit-1:1:sms', 'sms', 'queued', 'invite.sms'],
      ['invite:visit-1:1:email', 'email', 'queued', 'invite.email'],
    ]);
  });

  it("tells each guest by their own contacts, with their own link and check-in code, and never names the patient", async () => {
    const guests = [
      { id: 'g-1', name: 'Ana Jones', relationship: 'daughter', language: null, phone: '+61400999888', email: null },
      { id: 'g-2', name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: null, email: 'luis@example.net' },
    ];
    const { handler, rows } = harness({ ...baseVisit, guests });
    await handler(job('invite'), { dedupeKey: 'invite:visit-1:1', attempts: 1 });
    const toGuests = rows().filter((row) => row.sourceKey.includes(':guest:'));
    expect(toGuests.map((row) => [row.sourceKey, row.channel, row.recipient])).toEqual([
      ['invite:visit-1:1:guest:g-1:sms', 'sms', '+61400999888'],
      ['invite:visit-1:1:guest:g-2:email', 'email', 'luis@example.net'],
    ]);
    const [sms, email] = toGuests;
    expect(sms?.body).toMatch(/^Hi Ana, /);
    expect(sms?.body).toContain('https://rounds.example/lobby/guest-g-1-1');
    expect(sms?.body).toContain('Your check-in code: 424242');
    expect(email?.body).toContain('https://rounds.example/lobby/guest-g-2-1');
    expect(email?.html).toContain('424242');
    for (const phi of ['Maria', 'Wound', 'MRN-884211', '1961']) expect(sms?.body).not.toContain(phi);
  });

  it('tells guests of a cancellation without a link or a code', async () => {
    const guest = { id: 'g-1', name: 'Ana Jones', relationship: null, language: null, phone: '+61400999888', email: null };
    const { handler, rows } = harness({ ...baseVisit, notify: [], guests: [guest], status: 'cancelled', scheduleVersion: 2 });
    await handler(job('cancel', 2), { dedupeKey: 'c', attempts: 1 });
    expect(rows()).toHaveLength(1);
    expect(rows()[0]?.body).toContain('cancelled');
    expect(rows()[0]?.body).not.toMatch(/lobby|code/);
  });

  it('writes once when the same job runs twice', async () => {
    const { handler, rows } = harness(baseVisit);
    await handler(job('invite'), { dedupeKey: 'invite:visit-1:1', attempts: 1 });
    await handler(job('invite'), { dedupeKey: 'invite:visit-1:1', attempts: 2 });
    expect(rows()).toHaveLength(2);
  });

  it('puts the time and the link in the SMS, and nothing clinical', async () => {
    const { handler, rows } = harness({ ...baseVisit, notify: ['sms'] });
    await handler(job('invite'), { dedupeKey: 'k', attempts: 1 });
    const sms = rows()[0]!;
    expect(sms.recipient).toBe('+61400111222');
    expect(sms.body).toContain('Tue 24 Nov, 3:00 PM GMT+10:30');
    expect(sms.body).toContain('https://rounds.example/lobby/token-1');
    expect(sms.body).toContain('Dr Lee');
    for (const phi of ['Wound', 'cholecystectomy', 'MRN-884211', '1961', 'Jones']) expect(sms.body).not.toContain(phi);
  });

  it('attaches a calendar invite to the email of an invite, and a cancel to a cancellation', async () => {
    const { handler, rows } = harness({ ...baseVisit, notify: ['email'] });
    await handler(job('invite'), { dedupeKey: 'a', attempts: 1 });
    expect(rows()[0]!.ics).toContain('METHOD:REQUEST');
    expect(rows()[0]!.subject).toBe('Your video visit with Dr Lee on Tuesday 24 November 2026');
    expect(rows()[0]!.html).toContain('Join the video visit');

    const cancelled = harness({ ...baseVisit, notify: ['email'], status: 'cancelled', scheduleVersion: 2 });
    await cancelled.handler(job('cancel', 2), { dedupeKey: 'c', attempts: 1 });
    const cancel = cancelled.rows()[0]!;
    expect(cancel.ics).toContain('METHOD:CANCEL');
    expect(cancel.ics).toContain('SEQUENCE:2');
    expect(cancel.body).not.toContain('lobby');
  });

  it('sends no calendar object with a reminder', async () => {
    const { handler, rows } = harness({ ...baseVisit, notify: ['email'] });
    await handler(job('reminder'), { dedupeKey: 'r', attempts: 1 });
    expect(rows()[0]!.ics).toBeNull();
  });

  it('stores SMS to an opted-out number as suppressed', async () => {
    const { handler, rows } = harness(baseVisit, { optedOut: ['+61400111222'] });
    await handler(job('invite'), { dedupeKey: 'k', attempts: 1 });
    expect(rows().map((row) => [row.channel, row.status])).toEqual([
      ['sms', 'suppressed'],
      ['email', 'queued'],
    ]);
  });

  it('keeps messages in the outbox when no provider is configured for their channel', async () => {
    const { handler, rows } = harness(baseVisit, { deliverable: ['email'] });
    await handler(job('invite'), { dedupeKey: 'k', attempts: 1 });
    expect(rows().map((row) => [row.channel, row.status])).toEqual([
      ['sms', 'stored'],
      ['email', 'queued'],
    ]);
  });

  it('skips a channel the visit has no address for', async () => {
    const { handler, rows } = harness({ ...baseVisit, contact: { phone: null, email: 'maria@example.net' } });
    await handler(job('invite'), { dedupeKey: 'k', attempts: 1 });
    expect(rows().map((row) => row.channel)).toEqual(['email']);
  });

  it.each([
    ['a visit that is gone', null, job('invite')],
    ['a reminder of an older schedule', { ...baseVisit, scheduleVersion: 2 }, job('reminder', 1)],
    ['a reminder for a cancelled visit', { ...baseVisit, status: 'cancelled' as const }, job('reminder')],
    ['an invite for a cancelled visit', { ...baseVisit, status: 'cancelled' as const }, job('invite')],
    ['a reminder after the visit ended', { ...baseVisit, start: new Date('2026-11-19T00:00:00Z') }, job('reminder')],
    ['a reminder for a completed visit', { ...baseVisit, status: 'completed' as const }, job('reminder')],
  ])('writes nothing for %s', async (_name, visit, notifyJob) => {
    const { handler, rows } = harness(visit);
    await handler(notifyJob, { dedupeKey: 'k', attempts: 1 });
    expect(rows()).toEqual([]);
  });

  it('sends a cancellation only for a cancelled visit', () => {
    expect(skipReason({ ...baseVisit, status: 'cancelled' }, job('cancel'), NOW)).toBeNull();
    expect(skipReason(baseVisit, job('cancel'), NOW)).not.toBeNull();
  });
});

describe('refreshingCards', () => {
  function refreshing(visit: Visit | null) {
    const { handler, rows } = harness(visit);
    const queued = new Map<string, ScheduledJob>();
    const run = refreshingCards(handler, {
      visits: {
        get: async () => visit,
        enqueue: async (jobs) => {
          for (const scheduled of jobs) if (!queued.has(scheduled.dedupeKey)) queued.set(scheduled.dedupeKey, scheduled);
        },
      },
      now: () => NOW,
    });
    return { run, rows, queued: () => [...queued.values()] };
  }

  it('queues one refresh of the visit’s cards after the messages are written, keyed by the notify job', async () => {
    const { run, rows, queued } = refreshing(baseVisit);
    await run(job('invite'), { dedupeKey: 'invite:visit-1:1', attempts: 1 });
    await run(job('invite'), { dedupeKey: 'invite:visit-1:1', attempts: 2 });

    expect(rows()).toHaveLength(2);
    expect(queued()).toEqual([{ job: { kind: 'visit.card', visitId: 'visit-1', version: 1 }, runAt: NOW, dedupeKey: 'card:notified:invite:visit-1:1' }]);
  });

  it('refreshes nothing for a job that had nothing to send', async () => {
    for (const visit of [null, { ...baseVisit, status: 'cancelled' as const }, { ...baseVisit, notify: [] }]) {
      const { run, queued } = refreshing(visit);
      await run(job('invite'), { dedupeKey: 'k', attempts: 1 });
      expect(queued()).toEqual([]);
    }
  });
});
