/**
 * Patient SMS end to end: the notify job writes the outbox, the dispatcher delivers through Twilio's
 * API (a contract fake), and replies to Twilio's signed webhook opt the number out and back in.
 */
import type { Server } from 'restify';
import type { Visit } from '../../bot/src/domain/visits/visit-types';
import { createHttpServer } from '../../bot/src/http/create-http-server';
import { registerOutboxRoutes } from '../../bot/src/http/notifications/outbox-routes';
import { registerSmsRoutes } from '../../bot/src/http/notifications/sms-routes';
import { createNotifications, type Notifications } from '../../bot/src/notify/create-notifications';
import type { JobMeta, NotifyJob } from '../../bot/src/notify/notify-job';
import type { Database } from '../../bot/src/storage/database';
import { SqlSmsReplyStore } from '../../bot/src/storage/sql-sms-reply-store';
import { postInboundSms, startFakeTwilio, type FakeTwilio } from '../fakes/fake-twilio';
import { closeServer } from '../support/close-server';
import { captureLogs, insertVisitRow, notificationStores, openTempDatabase, PATIENT, REASON, sampleVisit } from '../support/notify-fixtures';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const FROM = '+61400999000';
const visit: Visit = { ...sampleVisit(), notify: ['sms'] };
const phone = visit.contact.phone!;
const joinUrl = (v: Visit) => `http://127.0.0.1/lobby/token-${v.id}-${v.scheduleVersion}`;

let db: Database;
let dispose: () => Promise<void>;
let twilio: FakeTwilio;
let notifications: Notifications;
let server: Server;
let baseUrl: string;
let logs: ReturnType<typeof captureLogs>;
let keys = 0;

async function listen(register: (server: Server, publicUrl: string) => void): Promise<{ server: Server; url: string }> {
  const created = createHttpServer(logs.logger);
  await new Promise<void>((resolve) => {
    created.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${created.address().port}`;
  register(created, url);
  return { server: created, url };
}

/** Runs the job under a fresh dedupe key, as the job runner would for a new job. */
async function notify(event: NotifyJob['event']): Promise<string> {
  const meta: JobMeta = { dedupeKey: `${event}:${visit.id}:test-${++keys}`, attempts: 1 };
  await notifications.notifyJob({ kind: 'visit.notify', visitId: visit.id, event, scheduleVersion: visit.scheduleVersion }, meta);
  const rows = await db.query<{ id: string }>('SELECT id FROM outbox_messages WHERE source_key = $1', [`${meta.dedupeKey}:sms`]);
  return rows[0]!.id;
}

const outboxRow = async (id: string) => (await notifications.outbox.get(id))!;

beforeAll(async () => {
  ({ db, dispose } = await openTempDatabase());
  await insertVisitRow(db, visit);
  twilio = await startFakeTwilio({ from: FROM });
  logs = captureLogs();
  notifications = createNotifications({
    config: { email: null, sms: { kind: 'twilio', accountSid: twilio.accountSid, authToken: twilio.authToken, from: FROM, baseUrl: twilio.baseUrl }, publicUrl: 'http://127.0.0.1' },
    stores: notificationStores(db),
    visits: { get: async (id) => (id === visit.id ? visit : null) },
    patientJoinUrl: joinUrl,
    guestLink: () => ({ joinUrl: 'http://localhost:3978/lobby/guest', code: '000000' }),
    logger: logs.logger,
    organisationName: 'Northside Virtual Care',
    dispatcher: { backoffMs: () => 0, maxAttempts: 3 },
  });
  ({ server, url: baseUrl } = await listen((s, publicUrl) => {
    registerSmsRoutes(s, { optOuts: notifications.optOuts, replies: new SqlSmsReplyStore(db), twilioAuthToken: notifications.twilioAuthToken, publicUrl, devMode: true, logger: logs.logger });
    registerOutboxRoutes(s, { outbox: notifications.outbox, devMode: true, logger: logs.logger });
  }));
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await notifications?.close();
  if (server) await closeServer(server);
  await twilio?.close();
  await dispose?.();
});

afterEach(() => {
  expect(twilio.violations).toEqual([]);
});

describe('patient SMS through Twilio', () => {
  it('delivers the invite with the time and the link, and nothing clinical', async () => {
    const id = await notify('invite');
    expect((await outboxRow(id)).status).toBe('queued');
    await notifications.dispatcher.runOnce();

    const sent = twilio.requests.at(-1)!;
    expect(sent.to).toBe(phone);
    expect(sent.from).toBe(FROM);
    expect(sent.body).toContain('Tue 26 Nov, 3:00 PM');
    expect(sent.body).toContain(joinUrl(visit));
    expect(sent.body).toContain('Dr Lee');
    for (const phi of [REASON, 'cholecystectomy', PATIENT.mrn, PATIENT.birthDate, '1961', 'Jones']) expect(sent.body).not.toContain(phi);
    const row = await outboxRow(id);
    expect(row.status).toBe('sent');
    expect(row.providerId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('retries after 429 and 500, then delivers', async () => {
    twilio.failNext({ status: 429, code: 20429 }, { status: 500 });
    const before = twilio.requests.length;
    const id = await notify('reminder');
    await notifications.dispatcher.runOnce();
    expect(await outboxRow(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('HTTP 429') });
    await notifications.dispatcher.runOnce();
    expect(await outboxRow(id)).toMatchObject({ status: 'queued', attempts: 2, lastError: expect.stringContaining('HTTP 500') });
    await notifications.dispatcher.runOnce();
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(twilio.requests.length - before).toBe(3);
  });

  it('marks a message failed after the last attempt', async () => {
    twilio.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    const id = await notify('reminder');
    for (let run = 0; run < 4; run++) await notifications.dispatcher.runOnce();
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('fails at once when Twilio refuses the message itself', async () => {
    twilio.failNext({ status: 400, code: 21614 });
    const id = await notify('reminder');
    await notifications.dispatcher.runOnce();
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('21614') });
  });

  it('refuses a forged webhook with 403 and changes nothing', async () => {
    const forged = await postInboundSms(`${baseUrl}/api/sms/inbound`, 'not-the-auth-token', { From: phone, To: FROM, Body: 'STOP' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({ error: { code: 'forbidden', message: 'The request signature is not valid.' } });
    const unsigned = await fetch(`${baseUrl}/api/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `From=${encodeURIComponent(phone)}&Body=STOP` });
    expect(unsigned.status).toBe(403);
    expect(await notifications.optOuts.isOptedOut(phone)).toBe(false);
  });

  it('STOP by signed webhook suppresses later SMS, including one already queued', async () => {
    const queuedBefore = await notify('reminder');
    const stop = await postInboundSms(`${baseUrl}/api/sms/inbound`, twilio.authToken, { From: phone, To: FROM, Body: ' stop ' });
    expect(stop.status).toBe(200);
    expect(stop.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await stop.text()).toContain('<Response>');
    expect(await notifications.optOuts.isOptedOut(phone)).toBe(true);

    const requests = twilio.requests.length;
    const later = await notify('reschedule');
    expect((await outboxRow(later)).status).toBe('suppressed');
    await notifications.dispatcher.runOnce();
    expect((await outboxRow(queuedBefore)).status).toBe('suppressed');
    expect(twilio.requests.length).toBe(requests);
  });

  it('START by signed webhook lets messages through again', async () => {
    const start = await postInboundSms(`${baseUrl}/api/sms/inbound`, twilio.authToken, { From: phone, To: FROM, Body: 'START' });
    expect(start.status).toBe(200);
    expect(await notifications.optOuts.isOptedOut(phone)).toBe(false);
    const id = await notify('reminder');
    await notifications.dispatcher.runOnce();
    expect((await outboxRow(id)).status).toBe('sent');
  });

  it("records an opt-out when Twilio answers 21610 (the number unsubscribed at Twilio's end)", async () => {
    twilio.failNext({ status: 400, code: 21610 });
    const id = await notify('reminder');
    await notifications.dispatcher.runOnce();
    expect((await outboxRow(id)).status).toBe('suppressed');
    expect(await notifications.optOuts.isOptedOut(phone)).toBe(true);
    await postInboundSms(`${baseUrl}/api/sms/inbound`, twilio.authToken, { From: phone, To: FROM, Body: 'UNSTOP' });
    expect(await notifications.optOuts.isOptedOut(phone)).toBe(false);
  });

  it('lists what patients would receive on the dev outbox, newest first', async () => {
    const response = await fetch(`${baseUrl}/api/outbox?limit=3`);
    expect(response.status).toBe(200);
    const { messages } = (await response.json()) as { messages: Array<Record<string, unknown>> };
    expect(messages).toHaveLength(3);
    expect(Object.keys(messages[0]!).sort()).toEqual(['attempts', 'body', 'channel', 'createdAt', 'hasIcs', 'id', 'lastError', 'recipient', 'sentAt', 'status', 'subject', 'template'].sort());
    const times = messages.map((m) => Date.parse(String(m.createdAt)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const page = await fetch(`${baseUrl}/outbox`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('What patients would receive');
    expect(html).toContain('Tue 26 Nov, 3:00 PM');
  });

  it('has no outbox outside dev mode', async () => {
    const prod = await listen((s) => registerOutboxRoutes(s, { outbox: notifications.outbox, devMode: false, logger: logs.logger }));
    try {
      for (const path of ['/api/outbox', '/outbox']) {
        const response = await fetch(`${prod.url}${path}`);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'The outbox page exists in dev mode only.' } });
      }
    } finally {
      await closeServer(prod.server);
    }
  });

  it('never logs the number, the patient or the text', () => {
    const text = logs.text();
    expect(text).toContain('patient message');
    for (const secret of [phone, PATIENT.name, PATIENT.givenName, 'Tue 26 Nov', 'lobby/token']) expect(text).not.toContain(secret);
  });
});
