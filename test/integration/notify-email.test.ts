/**
 * Patient email over real SMTP: a local SMTP server receives the invite and then the cancellation;
 * each message is parsed as a mail client would and its calendar part read with an iCalendar parser.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import ical, { type VEvent } from 'node-ical';
import { SMTPServer } from 'smtp-server';
import type { Visit } from '../../bot/src/domain/visits/visit-types';
import { createNotifications, type Notifications } from '../../bot/src/notify/create-notifications';
import type { NotifyJob } from '../../bot/src/notify/notify-job';
import type { Database } from '../../bot/src/storage/database';
import { captureLogs, insertVisitRow, notificationStores, openTempDatabase, PATIENT, REASON, sampleVisit } from '../support/notify-fixtures';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

interface Received {
  from: string;
  to: string[];
  raw: string;
  mail: ParsedMail;
}

const BOUNCING = 'nobody@example.net';
const BUSY = 'busy@example.net';

let db: Database;
let dispose: () => Promise<void>;
let smtp: SMTPServer;
let notifications: Notifications;
const received: Received[] = [];
let visit: Visit = { ...sampleVisit(), notify: ['email'] };
const logs = captureLogs();
const joinUrl = (v: Visit) => `https://rounds.example/lobby/token-${v.scheduleVersion}`;

async function notify(event: NotifyJob['event'], key: string): Promise<string> {
  await notifications.notifyJob({ kind: 'visit.notify', visitId: visit.id, event, scheduleVersion: visit.scheduleVersion }, { dedupeKey: key, attempts: 1 });
  const rows = await db.query<{ id: string }>('SELECT id FROM outbox_messages WHERE source_key = $1', [`${key}:email`]);
  return rows[0]!.id;
}

function calendarOf(message: Received): { method: string; event: VEvent; text: string } {
  const part = message.mail.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  const text = part.content.toString('utf8');
  const events = Object.values(ical.sync.parseICS(text)).filter((item): item is VEvent => item?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return { method: /^METHOD:(\w+)/m.exec(text)?.[1] ?? '', event: events[0]!, text };
}

beforeAll(async () => {
  ({ db, dispose } = await openTempDatabase());
  await insertVisitRow(db, visit);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = (code: number, text: string) => callback(Object.assign(new Error(text), { responseCode: code }));
      if (address.address === BOUNCING) return refuse(550, 'No such user');
      if (address.address === BUSY) return refuse(451, 'Try again later');
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((mail) => {
            received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, mail });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  notifications = createNotifications({
    config: { email: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Northside Virtual Care <no-reply@hospital.example>' }, sms: null, publicUrl: 'http://localhost:3978' },
    stores: notificationStores(db),
    visits: { get: async (id) => (id === visit.id ? visit : null) },
    patientJoinUrl: joinUrl,
    guestLink: () => ({ joinUrl: 'http://localhost:3978/lobby/guest', code: '000000' }),
    logger: logs.logger,
    organisationName: 'Northside Virtual Care',
    dispatcher: { backoffMs: () => 0, maxAttempts: 3 },
  });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await notifications?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await dispose?.();
});

describe('patient email over SMTP', () => {
  it('sends the invite with text, HTML and a REQUEST calendar part mail clients can accept', async () => {
    const id = await notify('invite', `invite:${visit.id}:1`);
    await notifications.dispatcher.runOnce();
    expect((await notifications.outbox.get(id))?.status).toBe('sent');

    const message = received.at(-1)!;
    expect(message.to).toEqual([visit.contact.email]);
    expect(message.from).toBe('no-reply@hospital.example');
    expect(message.mail.subject).toBe('Your video visit with Dr Lee on Tuesday 26 November 2030');
    expect(message.mail.text).toContain('Tue 26 Nov, 3:00 PM');
    expect(message.mail.text).toContain(joinUrl(visit));
    expect(message.mail.html).toContain(`href="${joinUrl(visit)}"`);
    expect(message.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    for (const phi of [REASON, PATIENT.mrn, PATIENT.birthDate]) expect(message.raw).not.toContain(phi);

    const { method, event, text } = calendarOf(message);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(`${visit.id}@rounds`);
    expect(Number(event.sequence)).toBe(1);
    expect(event.start.toISOString()).toBe('2030-11-26T04:30:00.000Z');
    expect(event.end?.toISOString()).toBe('2030-11-26T05:00:00.000Z');
    expect(event.summary).toBe('Video visit with Dr Lee');
    expect(text).not.toContain(REASON);
  });

  it('sends the cancellation as METHOD:CANCEL of the same event with a higher SEQUENCE', async () => {
    visit = { ...visit, status: 'cancelled', scheduleVersion: 2, cancelledAt: new Date() };
    await notify('cancel', `cancel:${visit.id}:2`);
    await notifications.dispatcher.runOnce();

    const message = received.at(-1)!;
    expect(message.mail.subject).toBe('Your video visit on Tuesday 26 November 2030 is cancelled');
    expect(message.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
    const { method, event } = calendarOf(message);
    expect(method).toBe('CANCEL');
    expect(event.uid).toBe(`${visit.id}@rounds`);
    expect(Number(event.sequence)).toBe(2);
    expect(event.status).toBe('CANCELLED');
    expect(event.start.toISOString()).toBe('2030-11-26T04:30:00.000Z');
  });

  it('writes once and sends once when the same job runs twice', async () => {
    const before = received.length;
    await notify('cancel', `cancel:${visit.id}:2`);
    await notifications.dispatcher.runOnce();
    expect(received.length).toBe(before);
  });

  it('fails at once when the server refuses the address for good (5xx)', async () => {
    visit = { ...sampleVisit(), notify: ['email'], contact: { phone: null, email: BOUNCING } };
    const id = await notify('invite', 'invite:bounce');
    await notifications.dispatcher.runOnce();
    expect(await notifications.outbox.get(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'The mail server refused the message (550).' });
  });

  it('retries when the server answers 4xx, up to the last attempt', async () => {
    visit = { ...sampleVisit(), notify: ['email'], contact: { phone: null, email: BUSY } };
    const id = await notify('invite', 'invite:busy');
    await notifications.dispatcher.runOnce();
    expect(await notifications.outbox.get(id)).toMatchObject({ status: 'queued', attempts: 1 });
    await notifications.dispatcher.runOnce();
    await notifications.dispatcher.runOnce();
    expect(await notifications.outbox.get(id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('never logs addresses or message text', () => {
    const text = logs.text();
    for (const secret of ['maria@example.net', BOUNCING, PATIENT.givenName, 'Tue 26 Nov']) expect(text).not.toContain(secret);
  });
});
