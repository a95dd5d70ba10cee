/**
 * A visit's whole life through the running service, with every outside party on real HTTP/SMTP:
 * Microsoft Graph (contract fake) makes, moves and removes the Teams meeting; a local SMTP server
 * receives the invitation, the change and the cancellation with their .ics; Twilio (contract fake)
 * receives the SMS. Then reminders: due after a restart, sent once.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import ical, { type VEvent } from 'node-ical';
import { SMTPServer } from 'smtp-server';
import type { RoundsService } from '../../bot/src/rounds-service';
import { graphMeetingSettings, startFakeGraph, type FakeGraph } from '../fakes/fake-graph';
import { startFakeTwilio, type FakeTwilio } from '../fakes/fake-twilio';
import { makeDataDir, NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
const LEE = { aadObjectId: 'bbbbbbbb-0000-0000-0000-000000000002', name: 'Dr Lee', email: 'lee@example.org' };

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a visit from booking to cancellation, through Graph, SMTP and SMS', () => {
  let service: RoundsService;
  let graph: FakeGraph;
  let twilio: FakeTwilio;
  let smtp: SMTPServer;
  const mails: { to: string; subject: string; text: string; calendar: VEvent; method: string }[] = [];

  beforeAll(async () => {
    graph = await startFakeGraph({ users: [LEE.aadObjectId] });
    twilio = await startFakeTwilio({ from: '+15550001111' });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        simpleParser(stream)
          .then((mail) => {
            const calendar = mail.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8') ?? '';
            const event = Object.values(ical.sync.parseICS(calendar)).find((item): item is VEvent => item?.type === 'VEVENT');
            if (!event) throw new Error('no VEVENT in the invitation');
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: mail.subject ?? '', text: mail.text ?? '', calendar: event, method: /^METHOD:(\w+)/m.exec(calendar)?.[1] ?? '' });
            done();
          })
          .catch(done);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    service = await startRoundsForTest({
      ...NO_SANDBOX,
      INTEGRATION_API_KEY: KEY,
      ...graphMeetingSettings(graph),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_FROM: 'Ward 7 <visits@example.org>',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+15550001111',
      TWILIO_BASE_URL: twilio.baseUrl,
    });
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    await service.close();
    await graph.close();
    await twilio.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('makes one Teams meeting, tells the patient by SMS and email, moves both on reschedule and removes them on cancel', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const body = {
      patient: { name: 'Jane Doe', birthDate: '1980-04-02' },
      start: start.toISOString(),
      durationMinutes: 30,
      clinicians: [LEE],
      reason: 'wound check',
      patientContact: { phone: '+15551234567', email: 'jane@example.net' },
    };
    const [first, again] = [await api(service, 'POST', '/api/visits', body, { ...auth, 'idempotency-key': 'appt-1' }), await api(service, 'POST', '/api/visits', body, { ...auth, 'idempotency-key': 'appt-1' })];
    const visit = (await first.json()) as { id: string; clinicianJoinUrl: string; patientJoinUrl: string };
    expect(((await again.json()) as { id: string }).id).toBe(visit.id);
    expect(graph.meetings).toHaveLength(1);
    expect(graph.meetings[0]).toMatchObject({ externalId: visit.id, organizerId: LEE.aadObjectId, startDateTime: start.toISOString() });
    expect(graph.meetings[0]?.subject ?? '').not.toMatch(/Jane|wound/);
    expect(visit.clinicianJoinUrl).toBe(graph.meetings[0]?.joinWebUrl);
    expect(visit.patientJoinUrl).toContain('/lobby/');

    await service.runDueJobs();
    await waitFor(() => mails.length >= 1 && twilio.requests.length >= 1, 'the invitation by email and SMS');
    expect(mails[0]).toMatchObject({ to: 'jane@example.net', method: 'REQUEST' });
    expect(mails[0]?.calendar.uid).toContain(visit.id);
    expect(new Date(mails[0]?.calendar.start as unknown as string).toISOString()).toBe(start.toISOString());
    const sms = twilio.requests[0];
    expect(sms?.to).toBe('+15551234567');
    expect(sms?.body).toContain('/lobby/');
    expect(sms?.body).not.toMatch(/wound|Doe|1980/);

    const moved = new Date(start.getTime() + 2 * 3_600_000);
    expect((await api(service, 'PATCH', `/api/visits/${visit.id}`, { start: moved.toISOString() }, auth)).status).toBe(200);
    expect(graph.meetings[0]).toMatchObject({ startDateTime: moved.toISOString(), endDateTime: new Date(moved.getTime() + 30 * 60_000).toISOString() });
    await service.runDueJobs();
    await waitFor(() => mails.length >= 2 && twilio.requests.length >= 2, 'the change by email and SMS');
    expect(mails[1]?.method).toBe('REQUEST');
    expect(Number(mails[1]?.calendar.sequence)).toBeGreaterThan(Number(mails[0]?.calendar.sequence));
    expect(new Date(mails[1]?.calendar.start as unknown as string).toISOString()).toBe(moved.toISOString());

    expect((await api(service, 'DELETE', `/api/visits/${visit.id}`, undefined, auth)).status).toBe(200);
    expect(graph.meetings[0]?.deleted).toBe(true);
    await service.runDueJobs();
    await waitFor(() => mails.length >= 3 && twilio.requests.length >= 3, 'the cancellation by email and SMS');
    expect(mails[2]?.method).toBe('CANCEL');
    expect(mails[2]?.calendar.uid).toBe(mails[0]?.calendar.uid);
    expect(graph.unexpected).toEqual([]);
    expect(twilio.violations).toEqual([]);
  });

  it('keeps the visit pending with an actionable message when Graph has no application access policy, and finishes it on retry', async () => {
    graph.failNext(1, 'no-policy');
    const body = { patient: { name: 'Ann Other' }, start: new Date(Date.now() + 5 * 86_400_000).toISOString(), durationMinutes: 20, clinicians: [{ name: 'Dr Policy' }] };
    const refused = await api(service, 'POST', '/api/visits', body, { ...auth, 'idempotency-key': 'appt-policy' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/application access policy/);
    const retried = await api(service, 'POST', '/api/visits', body, { ...auth, 'idempotency-key': 'appt-policy' });
    expect(retried.status).toBe(201);
    expect(await retried.json()).toMatchObject({ status: 'scheduled', clinicianJoinUrl: expect.stringContaining('teams.microsoft.com') });
  });
});

describe('reminders', () => {
  it('come due after a restart and are written once, however often the service restarts', async () => {
    const dataDir = await makeDataDir();
    const t0 = Date.now();
    let clock = t0;
    const env = { ...NO_SANDBOX, DATA_DIR: dataDir, INTEGRATION_API_KEY: KEY, REMINDER_OFFSETS: '60' };
    const start = async () => startRoundsForTest(env, undefined, { now: () => new Date(clock) });
    const reminders = async (service: RoundsService) =>
      (await service.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_messages WHERE template = 'reminder.sms'"))[0]?.n;

    let service = await start();
    const body = { patient: { name: 'Rita Reminder' }, start: new Date(t0 + 2 * 3_600_000).toISOString(), durationMinutes: 30, patientContact: { phone: '+15557654321' } };
    expect((await api(service, 'POST', '/api/visits', body, auth)).status).toBe(201);
    await service.runDueJobs();
    expect(await reminders(service)).toBe(0);
    await service.close();

    clock = t0 + 61 * 60_000;
    service = await start();
    await service.runDueJobs();
    expect(await reminders(service)).toBe(1);
    await service.close();

    service = await start();
    await service.runDueJobs();
    expect(await reminders(service)).toBe(1);
    await service.close();
  });
});
