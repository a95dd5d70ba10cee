/**
 * The visit's channel card kept up to date in place, over real HTTP: scheduled in a channel through
 * the bot, its card is updated (a PUT at the Bot Connector stand-in) when the patient's invitation is
 * written and sent (a local SMTP server takes the email; SMS has no provider, so it stays in the
 * outbox) and when the patient checks in through the public lobby API. And a team's
 * care-coordination channel: chosen with "visits-channel", it gets the card of a visit scheduled in
 * another of the team's channels, once, and lists the whole team's visits.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlOutboxStore } from '../../bot/src/storage/sql-outbox-store';
import { wallClockOf } from '../../bot/src/domain/visits/zoned-time';
import { TEAM_ID } from '../support/activities';
import { answerIn, type ConnectorStandIn, startConnectorStandIn, type UpdatedActivity } from '../support/connector-stand-in';
import { aZoneWhereItIsDay } from '../support/day-zone';
import { postActivity, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { actionExecute, clickData, elementsOf, messageFrom, type ActivityOptions } from '../support/visit-activities';

type Json = ReturnType<typeof JSON.parse>;

/** A zone where it is day now, so a visit in half an hour is today there. */
const ZONE = aZoneWhereItIsDay();
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: 'test' };
/** Ward 9's team: its General channel (whose id is the team id) and the channel it coordinates visits in. */
const WARD9 = '19:team-ward9@thread.tacv2';
const WARD9_COORDINATION = '19:ward9-coordination@thread.tacv2';

let connector: ConnectorStandIn;
let service: RoundsService;
let smtp: SMTPServer;
let mailsReceived = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        mailsReceived++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  connector = await startConnectorStandIn();
  service = await startRoundsForTest({
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    SMTP_FROM: 'Ward 7 <visits@example.org>',
    LOBBY_IDENTITY: 'none',
    LOBBY_OPENS_BEFORE_MINUTES: '120',
  });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service?.close();
  await connector?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
});

/** In a team channel, an activity names the team and the channel as Teams does. */
function inChannel<T extends object>(activity: T, teamId: string): T {
  const json = activity as Json;
  return { ...json, channelData: { ...json.channelData, team: { id: teamId, name: 'Care team' }, channel: { id: json.conversation.id } } } as T;
}

const where = (channel: string | null, teamId: string): { options: ActivityOptions; teamId: string | null } =>
  channel ? { options: { scope: 'channel', conversationId: channel, localTimezone: ZONE }, teamId } : { options: { localTimezone: ZONE }, teamId: null };

/** Sends a message; returns the card the bot answered with and that card's activity id. */
async function ask(text: string, channel: string | null, teamId = channel ?? ''): Promise<{ card: Json; id: string; conversationId: string }> {
  const at = where(channel, teamId);
  const before = connector.sent.length;
  const activity = messageFrom(connector.url, text, at.options);
  const posted = at.teamId ? inChannel(activity, at.teamId) : activity;
  const response = await postActivity(service, posted);
  expect(response.status).toBe(200);
  const reply = answerIn(connector.sent, before, posted);
  return { card: reply.activity.attachments![0]!.content, id: reply.id, conversationId: reply.conversationId };
}

/** Clicks `verb` on a card as Teams sends it (an invoke), with the card's inputs edited by `changes`. */
async function click(card: Json, id: string, verb: string, channel: string, teamId: string, changes: Record<string, string> = {}): Promise<Json> {
  const activity = actionExecute(connector.url, verb, clickData(card, verb, changes), id, where(channel, teamId).options);
  const response = await postActivity(service, inChannel(activity, teamId));
  expect(response.status).toBe(200);
  const body: Json = await response.json();
  return body.value;
}

let visitsMade = 0;
/**
 * A visit with Margaret Okafor (of the local FHIR sandbox) soon, told by SMS and email, confirmed in
 * `channel`. The requester is its clinician, so each starts 40 minutes after the last: never overlapping.
 */
async function scheduleIn(channel: string, teamId: string): Promise<{ visitId: string; cardId: string; token: string }> {
  const start = wallClockOf(new Date(Date.now() + (30 + 40 * visitsMade++) * 60_000), ZONE);
  const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 3pm', channel, teamId);
  const visitCard = await click(card, id, 'visit.confirm', channel, teamId, {
    date: start.date,
    time: start.time,
    phone: '+15551234567',
    email: 'margaret@example.net',
    notifySms: 'true',
    notifyEmail: 'true',
  });
  expect(visitCard.body[0].text).toBe('Video visit');
  const link = elementsOf(visitCard).find((element) => element.fontType === 'Monospace');
  return { visitId: String(visitCard.refresh.action.data.visitId), cardId: id, token: new URL(String(link.text)).pathname.split('/').pop()! };
}

const runJobs = () => runJobsUntilIdle(service);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Shown = { text?: string; facts?: { title: string; value: string }[] };
const textOf = (card: Json): string =>
  (elementsOf(card) as Shown[]).flatMap((element) => [element.text ?? '', ...(element.facts ?? []).map((fact) => `${fact.title}: ${fact.value}`)]).join('\n');
const contentOf = (updated: UpdatedActivity): Json => updated.activity.attachments![0]!.content;

/**
 * The first in-place update of a card (a PUT to the stand-in) after the first `from` updates whose
 * text matches; waits for it, running due jobs (the runner's own pass, woken by NOTIFY, may run them first).
 */
async function updateOf(cardId: string, pattern: RegExp, from: number): Promise<UpdatedActivity> {
  const find = () => connector.updated.slice(from).find((updated) => updated.activityId === cardId && pattern.test(textOf(contentOf(updated))));
  await until(`an update of the card matching ${pattern}`, async () => {
    await runJobs();
    return find() !== undefined;
  });
  return find()!;
}

const lobby = (token: string, path: string, body: unknown) => api(service, 'POST', `/api/lobby/${token}${path}`, body);
const outboxOf = (visitId: string) => service.db.query('SELECT channel, status FROM outbox_messages WHERE visit_id = $1 ORDER BY channel', [visitId]);

describe('the channel card, updated in place', () => {
  let visit: { visitId: string; cardId: string; token: string; updatesBefore: number };

  beforeAll(async () => {
    const updatesBefore = connector.updated.length;
    visit = { ...(await scheduleIn(TEAM_ID, TEAM_ID)), updatesBefore };
  }, SERVICE_START_TIMEOUT_MS);

  it('says how the patient was told once the invitation is written, then once the email is sent', async () => {
    const written = await updateOf(visit.cardId, /Invitation: Invitation in the outbox \(no SMS provider configured\); Invitation being sent by email/, visit.updatesBefore);
    expect(written.conversationId).toBe(TEAM_ID);
    expect(await outboxOf(visit.visitId)).toEqual([
      { channel: 'email', status: expect.stringMatching(/^(queued|sent)$/) },
      { channel: 'sms', status: 'stored' },
    ]);

    // The dispatcher sends the email over SMTP; marking it sent refreshes the card again.
    const sent = await updateOf(visit.cardId, /Invitation: Invitation in the outbox \(no SMS provider configured\); Patient told by email · \{\{TIME\(\d{4}-\d\d-\d\dT[\d:]+Z\)\}\}/, visit.updatesBefore);
    expect(sent.conversationId).toBe(TEAM_ID);
    expect(mailsReceived).toBeGreaterThan(0);
  });

  it('shows the waiting patient, their devices and the wait once they check in', async () => {
    const before = connector.updated.length;
    expect((await lobby(visit.token, '/device-check', OK_DEVICES)).status).toBe(200);
    expect((await lobby(visit.token, '/check-in', {})).status).toBe(200);

    const waiting = await updateOf(visit.cardId, /Margaret O\. waiting · devices OK · <1 min/, before);
    expect(waiting.conversationId).toBe(TEAM_ID);
    const card = contentOf(waiting);
    expect(textOf(card)).toMatch(/Status: Patient is waiting in the lobby/);
    expect(card.actions[0]).toMatchObject({ title: 'Admit', verb: 'visit.admit', data: { visitId: visit.visitId, card: 'visit' } });
    // How the patient was told stays on the card.
    expect(textOf(card)).toMatch(/Patient told by email/);

    // Teams' refresh (sent to the lobby handler while the patient waits) and the Admit click answer with the same card.
    const refresh: Json = card.refresh.action;
    const refreshed = await click({ actions: [refresh] }, visit.cardId, refresh.verb, TEAM_ID, TEAM_ID);
    expect(textOf(refreshed)).toMatch(/Margaret O\. waiting · devices OK[\s\S]*Patient told by email/);
    const admitted = await click(card, visit.cardId, 'visit.admit', TEAM_ID, TEAM_ID);
    expect(textOf(admitted)).toMatch(/Admitted by [^\n]+ at[\s\S]*Patient told by email/);
  });
});

describe('the outbox as the visit card reads it', () => {
  it('gives the newest message per channel, SMS first; settling one queues a refresh of the visit’s cards, once', async () => {
    const { visitId } = await scheduleIn(TEAM_ID, TEAM_ID);
    await until('the invitation to be written', async () => (await outboxOf(visitId)).length === 2);
    const outbox = new SqlOutboxStore(service.db);
    const message = { tenantId: 'x', visitId, channel: 'sms' as const, template: 'reminder.sms' as const, recipient: '+15551234567', subject: null, body: 'b', html: null, ics: null };
    await outbox.insert({ ...message, sourceKey: `test:${visitId}:sms`, status: 'queued' });

    const latest = await outbox.latestForVisit(visitId);
    expect(latest.map((delivery) => [delivery.channel, delivery.template, delivery.status])).toEqual([
      ['sms', 'reminder.sms', 'queued'],
      ['email', 'invite.email', expect.stringMatching(/^(queued|sent)$/)],
    ]);

    const [row] = await service.db.query<{ id: string }>('SELECT id FROM outbox_messages WHERE source_key = $1', [`test:${visitId}:sms`]);
    await outbox.markFailed(row!.id, 'Twilio refused the message (HTTP 400, Twilio error 21211).');
    await outbox.markFailed(row!.id, 'Twilio refused the message (HTTP 400, Twilio error 21211).');
    const jobs = await service.db.query<{ payload: Json }>('SELECT payload FROM jobs WHERE dedupe_key = $1', [`card:delivered:${row!.id}`]);
    expect(jobs).toEqual([{ payload: expect.objectContaining({ kind: 'visit.card', visitId }) }]);
    expect((await outbox.latestForVisit(visitId))[0]).toMatchObject({ channel: 'sms', status: 'failed', lastError: 'Twilio refused the message (HTTP 400, Twilio error 21211).' });
  });
});

describe('a team’s care-coordination channel', () => {
  it('is chosen in a team channel, and explained anywhere else', async () => {
    const { card } = await ask('visits-channel', WARD9_COORDINATION, WARD9);
    expect(textOf(card)).toMatch(/Visit cards will come to this channel[\s\S]*visits-channel off/);
    const rows = await service.db.query('SELECT team_id, coordination_channel_id, coordination_conversation_id FROM team_settings');
    expect(rows).toEqual([{ team_id: WARD9, coordination_channel_id: WARD9_COORDINATION, coordination_conversation_id: WARD9_COORDINATION }]);

    const again = await ask('use this channel for visits', WARD9_COORDINATION, WARD9);
    expect(textOf(again.card)).toMatch(/This already was the team’s channel for visits/);

    const elsewhere = await ask('visits-channel', null);
    expect(textOf(elsewhere.card)).toMatch(/Choose the channel in a team[\s\S]*@Rounds visits-channel/);
  });

  it('gets the card of a visit scheduled in another channel of the team, once, kept up to date like the other', async () => {
    const postedBefore = connector.sent.length;
    const updatesBefore = connector.updated.length;
    const { visitId, cardId } = await scheduleIn(WARD9, WARD9);
    await runJobs();
    await runJobs();

    const posted = connector.sent.slice(postedBefore).filter((sent) => sent.conversationId === WARD9_COORDINATION);
    expect(posted).toHaveLength(1);
    const card = posted[0]!.activity.attachments![0]!.content as Json;
    expect(card.refresh.action.data.visitId).toBe(visitId);
    expect(textOf(card)).toMatch(/Video visit[\s\S]*Okafor/);
    // Where it was asked for, the confirm card became the visit's card; both are updated in place. The
    // two rows are written by different steps, in no fixed order.
    const cards = await service.db.query<{ conversation_id: string; activity_id: string }>('SELECT conversation_id, activity_id FROM visit_cards WHERE visit_id = $1 ORDER BY conversation_id', [visitId]);
    expect(cards).toEqual([
      { conversation_id: WARD9, activity_id: cardId },
      { conversation_id: WARD9_COORDINATION, activity_id: posted[0]!.id },
    ]);
    for (const { conversation_id, activity_id } of cards) {
      expect((await updateOf(activity_id, /Patient told by email/, updatesBefore)).conversationId).toBe(conversation_id);
    }
  });

  it('lists the whole team’s visits of the day there, and only its own in the other channels', async () => {
    const { card } = await ask('visits', WARD9_COORDINATION, WARD9);
    expect(card.body[0].text).toBe('Today’s visits in this team');
    expect(textOf(card)).toMatch(/Okafor/);

    const general = await ask('visits', WARD9, WARD9);
    expect(general.card.body[0].text).toBe("Today's visits in this channel");
  });

  it('is not announced to when the visit is scheduled in the coordination channel itself', async () => {
    const postedBefore = connector.sent.length;
    const { visitId } = await scheduleIn(WARD9_COORDINATION, WARD9);
    await runJobs();
    expect(connector.sent.slice(postedBefore).filter((sent) => (sent.activity.attachments?.[0]?.content as Json)?.refresh?.action?.data?.visitId === visitId)).toEqual([]);
    const [row] = await service.db.query<{ announce_in: string | null }>('SELECT announce_in FROM visits WHERE id = $1', [visitId]);
    expect(row?.announce_in).toBeNull();
  });

  it('stops with "visits-channel off": a visit scheduled after that stays where it was asked for', async () => {
    const { card } = await ask('visits-channel off', WARD9, WARD9);
    expect(textOf(card)).toMatch(/Visit cards stay where visits are scheduled/);
    const postedBefore = connector.sent.length;
    const { visitId } = await scheduleIn(WARD9, WARD9);
    await runJobs();
    expect(connector.sent.slice(postedBefore).filter((sent) => sent.conversationId === WARD9_COORDINATION)).toEqual([]);
    const [row] = await service.db.query<{ announce_in: string | null }>('SELECT announce_in FROM visits WHERE id = $1', [visitId]);
    expect(row?.announce_in).toBeNull();
  });
});
