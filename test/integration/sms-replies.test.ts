/**
 * Patients answer the invitation SMS: signed Twilio webhooks over real HTTP, a real database. Y
 * confirms the number's next visit, N asks a clinician to cancel it, anything else gets one helpful
 * answer a day; each shows on the timeline and the visit's card.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'restify';
import type { Visit } from '../../bot/src/domain/visits/visit-types';
import { createHttpServer } from '../../bot/src/http/create-http-server';
import { registerSmsRoutes } from '../../bot/src/http/notifications/sms-routes';
import type { Database } from '../../bot/src/storage/database';
import { migrate } from '../../bot/src/storage/migrate';
import { openPostgresDatabase } from '../../bot/src/storage/postgres-database';
import { SqlOptOutStore } from '../../bot/src/storage/sql-opt-out-store';
import { SqlOutboxStore } from '../../bot/src/storage/sql-outbox-store';
import { SqlSmsReplyStore } from '../../bot/src/storage/sql-sms-reply-store';
import { currentVisitCard } from '../../bot/src/teams/visits/visit-card-view';
import { postInboundSms } from '../fakes/fake-twilio';
import { closeServer } from '../support/close-server';
import { captureLogs, insertVisitRow, openTempDatabase, PATIENT, REASON, sampleVisit } from '../support/notify-fixtures';
import { createScratchDatabase, postgresUrl } from '../support/postgres';

const AUTH_TOKEN = 'twilio-auth-token-for-replies';
const OUR_NUMBER = '+61400999000';

let db: Database;
let dispose: () => Promise<void>;
let server: Server;
let webhook: string;
let logs: ReturnType<typeof captureLogs>;
let clock = new Date('2030-11-20T00:00:00Z');
let phones = 0;

/** A fresh number with visits of its own, so tests do not see each other's replies. */
async function patientWith(...visits: Array<Partial<Visit>>): Promise<{ phone: string; visits: Visit[] }> {
  const phone = `+6140055${String(++phones).padStart(4, '0')}`;
  const made = visits.map((overrides) => sampleVisit({ id: randomUUID(), contact: { phone, email: null }, ...overrides }));
  for (const visit of made) await insertVisitRow(db, visit);
  return { phone, visits: made };
}

async function reply(phone: string, body: string): Promise<{ status: number; answer: string | null; text: string }> {
  const response = await postInboundSms(webhook, AUTH_TOKEN, { From: phone, To: OUR_NUMBER, Body: body });
  const text = await response.text();
  const answer = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? null;
  return { status: response.status, answer, text };
}

const timeline = (visitId: string) => db.query<{ kind: string; actor: string; detail: Record<string, unknown> }>('SELECT kind, actor, detail FROM visit_events WHERE visit_id = $1 ORDER BY id', [visitId]);

async function cardText(visit: Visit): Promise<string> {
  const [row] = await db.query<{ status: Visit['status'] }>('SELECT status FROM visits WHERE id = $1', [visit.id]);
  const card = await currentVisitCard({ visits: { patientJoinUrl: () => 'http://127.0.0.1/lobby/t' }, deliveries: new SqlOutboxStore(db), now: () => clock }, { ...visit, status: row!.status }, { viewerIds: [], timeZone: null });
  return JSON.stringify(card);
}

/** PostgreSQL when DATABASE_URL is set (CI), else embedded PGlite: the phone match and the 24-hour guard are SQL. */
async function openDatabaseUnderTest(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (!postgresUrl) return openTempDatabase();
  const scratch = await createScratchDatabase(postgresUrl);
  const pg = openPostgresDatabase(scratch.url, (error) => {
    throw error;
  });
  await migrate(pg);
  return {
    db: pg,
    dispose: async () => {
      await pg.close();
      await scratch.drop();
    },
  };
}

beforeAll(async () => {
  ({ db, dispose } = await openDatabaseUnderTest());
  logs = captureLogs();
  server = createHttpServer(logs.logger);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const publicUrl = `http://127.0.0.1:${server.address().port}`;
  webhook = `${publicUrl}/api/sms/inbound`;
  registerSmsRoutes(server, { optOuts: new SqlOptOutStore(db), replies: new SqlSmsReplyStore(db), now: () => clock, twilioAuthToken: AUTH_TOKEN, publicUrl, devMode: false, logger: logs.logger });
});

afterAll(async () => {
  if (server) await closeServer(server);
  await dispose?.();
});

describe('patients answering the invitation SMS', () => {
  it('Y confirms the next upcoming visit of that number, on its timeline and its card', async () => {
    const { phone, visits } = await patientWith(
      { start: new Date('2030-11-26T04:30:00Z') },
      { start: new Date('2030-11-22T04:30:00Z'), status: 'cancelled' },
      { start: new Date('2030-12-03T04:30:00Z') },
    );
    const [next, cancelled, later] = visits as [Visit, Visit, Visit];
    const answered = await reply(phone, '  Yes! ');

    expect(answered.status).toBe(200);
    expect(answered.answer).toBe('Thank you, your visit on Tue 26 Nov, 3:00 PM GMT+10:30 is confirmed.');
    expect(await timeline(next.id)).toEqual([{ kind: 'patient_confirmed', actor: 'patient', detail: { scheduleVersion: 1, channel: 'sms' } }]);
    expect(await timeline(cancelled.id)).toEqual([]);
    expect(await timeline(later.id)).toEqual([]);
    const jobs = await db.query<{ payload: { kind: string; visitId: string } }>("SELECT payload FROM jobs WHERE dedupe_key LIKE 'card:reply:%'");
    expect(jobs.map((job) => job.payload)).toContainEqual(expect.objectContaining({ kind: 'visit.card', visitId: next.id }));
    expect(await cardText(next)).toContain('Confirmed by the patient');
    expect(await cardText(later)).not.toContain('Confirmed by the patient');
  });

  it('confirming twice records it once and does not answer the same thing again the same day', async () => {
    const { phone, visits } = await patientWith({});
    expect((await reply(phone, 'y')).answer).toContain('is confirmed');
    expect((await reply(phone, 'CONFIRM')).answer).toBeNull();
    expect((await timeline(visits[0]!.id)).map((event) => event.kind)).toEqual(['patient_confirmed']);
  });

  it('N asks for cancellation: recorded and shown with Cancel visit, but the visit stays scheduled', async () => {
    const { phone, visits } = await patientWith({});
    const visit = visits[0]!;
    const answered = await reply(phone, 'no.');

    expect(answered.answer).toBe('Thank you, we have told the clinic you want to cancel your visit on Tue 26 Nov, 3:00 PM GMT+10:30. The clinic will confirm.');
    expect((await timeline(visit.id)).map((event) => event.kind)).toEqual(['cancel_requested']);
    const [row] = await db.query<{ status: string }>('SELECT status FROM visits WHERE id = $1', [visit.id]);
    expect(row!.status).toBe('scheduled');
    const card = await cardText(visit);
    expect(card).toContain('The patient asked to cancel');
    expect(card).toContain('"verb":"visit.cancel"');
    expect(card).not.toContain('Confirmed by the patient');
  });

  it('CANCEL (also a Twilio opt-out word) asks for cancellation and opts the number out, with no answer of ours', async () => {
    const { phone, visits } = await patientWith({});
    const answered = await reply(phone, 'cancel');
    expect(answered.answer).toBeNull();
    expect((await timeline(visits[0]!.id)).map((event) => event.kind)).toEqual(['cancel_requested']);
    expect(await new SqlOptOutStore(db).isOptedOut(phone)).toBe(true);
  });

  it('answers an unrecognised reply once per visit and number a day, never in a loop', async () => {
    const { phone, visits } = await patientWith({});
    const first = await reply(phone, 'What time is it again?');
    expect(first.answer).toBe('Reply Y to confirm or N to cancel your visit on Tue 26 Nov, 3:00 PM GMT+10:30, or call the clinic.');
    for (const phi of [PATIENT.name, PATIENT.givenName, PATIENT.mrn, REASON, 'Dr Lee']) expect(first.text).not.toContain(phi);

    // An auto-responder answering our answer: nothing more goes back.
    expect((await reply(phone, 'I am away until Monday')).answer).toBeNull();
    expect((await reply(phone, 'I am away until Monday')).answer).toBeNull();
    expect(await timeline(visits[0]!.id)).toEqual([]);

    clock = new Date(clock.getTime() + 25 * 60 * 60 * 1000);
    expect((await reply(phone, 'hello?')).answer).toContain('Reply Y to confirm or N to cancel');
  });

  it('a number with no upcoming visit gets one generic line, then nothing', async () => {
    const { phone, visits } = await patientWith({ start: new Date('2030-01-10T00:00:00Z') });
    expect((await reply(phone, 'Y')).answer).toBe('We could not find an upcoming visit for this number. Please call the clinic.');
    expect((await reply(phone, 'Y')).answer).toBeNull();
    expect((await reply(phone, 'anyone there?')).answer).toBeNull();
    const unknown = await reply('+15550000000', 'N');
    expect(unknown.answer).toBe('We could not find an upcoming visit for this number. Please call the clinic.');
    expect(await timeline(visits[0]!.id)).toEqual([]);
  });

  it('finds the visit when its number was typed with spaces and dashes', async () => {
    const { phone, visits } = await patientWith({});
    const typed = `${phone.slice(0, 3)} ${phone.slice(3, 6)}-${phone.slice(6, 9)} ${phone.slice(9)}`;
    await db.query('UPDATE visits SET contact = $2::jsonb WHERE id = $1', [visits[0]!.id, JSON.stringify({ phone: typed, email: null })]);
    expect((await reply(phone, 'Y')).answer).toContain('is confirmed');
    expect((await timeline(visits[0]!.id)).map((event) => event.kind)).toEqual(['patient_confirmed']);
  });

  it('a forged reply confirms nothing', async () => {
    const { phone, visits } = await patientWith({});
    const forged = await postInboundSms(webhook, 'not-the-auth-token', { From: phone, To: OUR_NUMBER, Body: 'Y' });
    expect(forged.status).toBe(403);
    expect(await timeline(visits[0]!.id)).toEqual([]);
  });

  it('never logs the number or the text', () => {
    const text = logs.text();
    expect(text).toContain('SMS reply received');
    for (const secret of ['+6140055', 'What time', 'away until', 'Tue 26 Nov']) expect(text).not.toContain(secret);
  });
});
