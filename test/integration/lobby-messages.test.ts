/**
 * The two-way waiting room over real HTTP: the patient (or a guest) writes to the clinic from the
 * lobby page; the clinicians read it in the lobby API and on the visit's card (updated by the card
 * job through the Bot Connector stand-in); their answer reaches the patient's event stream. The text
 * never reaches a notification preview or a log line.
 */
import type { ClinicianLobbyView, LobbyView } from '../../bot/src/contracts/lobby-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { inTenant, TEAM_ID, teamInstallation, USER } from '../support/activities';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { NO_SANDBOX, postActivity, runJobsUntilIdle, startRoundsForTest, type CapturedLogs } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { messageFrom } from '../support/visit-activities';


const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
const TENANT = 'dev-tenant';
const KIM = { aadObjectId: USER.aadObjectId, name: USER.name };
/** The tab API's dev identity: made a clinician of every visit here, so it may read the lobby. */
const DEV = { aadObjectId: 'dev-user', name: 'Dev Clinician' };
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: 'test' };
const LATE = 'running 5 minutes late';
const GUEST_PHONE = '+15550001111';

let connector: ConnectorStandIn;
let service: RoundsService;
const logs: CapturedLogs = { lines: [] };
/** Moves the service's clock; the expiry test puts it back. */
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);

beforeAll(async () => {
  connector = await startConnectorStandIn();
  // The waiting room opens a day ahead: each visit here starts 40 minutes after the last.
  service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY, ...NO_SANDBOX, LOBBY_OPENS_BEFORE_MINUTES: '1440' }, logs, { now: clock });
  await postActivity(service, inTenant(teamInstallation(connector.url, 'add'), TENANT));
  await postActivity(service, inTenant(messageFrom(connector.url, 'help', {}), TENANT));
});

afterAll(async () => {
  await service.close();
  await connector.close();
});

let visitsMade = 0;
/** A visit with a family guest; each one 40 minutes after the last so the clinicians' visits never overlap. */
async function newVisit(): Promise<{ id: string; token: string; guestToken: string }> {
  const start = new Date(clock().getTime() + (10 + 40 * visitsMade++) * 60_000).toISOString();
  const response = await api(
    service,
    'POST',
    '/api/visits',
    { patient: { name: 'Margaret Okafor', birthDate: '1950-02-03' }, start, durationMinutes: 30, clinicians: [KIM], guests: [{ name: 'Ana Okafor', relationship: 'daughter', phone: GUEST_PHONE }] },
    auth,
  );
  expect([response.status, response.status === 201 ? '' : await response.text()]).toEqual([201, '']);
  const visit = (await response.json()) as { id: string; patientJoinUrl: string; guests: { joinUrl: string }[] };
  // The dev identity has no Entra object id the integration API takes: it joins the visit here, as test/support/seed-visits.ts puts visits in.
  await service.db.query('UPDATE visits SET clinicians = clinicians || $2::jsonb WHERE id = $1', [visit.id, JSON.stringify([{ ...DEV, email: null }])]);
  const tokenOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';
  return { id: visit.id, token: tokenOf(visit.patientJoinUrl), guestToken: tokenOf(visit.guests[0]!.joinUrl) };
}

const lobby = (token: string, method: string, path = '', body?: unknown, cookie?: string) => api(service, method, `/api/lobby/${token}${path}`, body, cookie ? { cookie } : {});

/** The check-in code a guest was sent, read from the outbox (where messages stay without a provider). */
async function codeSentTo(recipient: string, visitId: string): Promise<string> {
  await runJobsUntilIdle(service, clock);
  const rows = await service.db.query<{ body: string }>('SELECT body FROM outbox_messages WHERE visit_id = $1 AND recipient = $2 ORDER BY created_at DESC', [visitId, recipient]);
  return /check-in code: (\d{6})/.exec(rows[0]?.body ?? '')?.[1] ?? '';
}

/** Someone of the visit (the patient by default) confirms who they are, runs the device check and checks in; returns their ticket cookie. */
async function checkIn(token: string, answer: Record<string, unknown> = { firstName: 'Margaret', birthYear: 1950 }): Promise<string> {
  const identify = await lobby(token, 'POST', '/identify', answer);
  expect(identify.status).toBe(200);
  const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect((await lobby(token, 'POST', '/device-check', OK_DEVICES, cookie)).status).toBe(200);
  expect((await lobby(token, 'POST', '/check-in', {}, cookie)).status).toBe(200);
  return cookie;
}

const clinicianLobby = async (id: string): Promise<ClinicianLobbyView> => (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as ClinicianLobbyView;
const pageOf = async (response: Response): Promise<LobbyView> => (await response.json()) as LobbyView;

/** The visit's card posted to the care team's channel, as the visit.post-card job posts it. */
async function postCardToChannel(visitId: string): Promise<string> {
  await new SqlVisitStore(service.db).enqueue([{ job: { kind: 'visit.post-card', visitId, conversationId: TEAM_ID }, runAt: clock(), dedupeKey: `post-card:${visitId}:${TEAM_ID}` }]);
  await runJobsUntilIdle(service, clock);
  const posted = connector.sent.find((sent) => sent.conversationId === TEAM_ID && JSON.stringify(sent.activity).includes(visitId));
  expect(posted).toBeDefined();
  return posted!.id;
}

it("reaches the visit's clinicians in the lobby API, on the channel's card and on the timeline (without its text)", async () => {
  const { id, token } = await newVisit();
  const cardId = await postCardToChannel(id);
  const cookie = await checkIn(token);
  await runJobsUntilIdle(service, clock);
  const sentBefore = connector.sent.length;
  const updatedBefore = connector.updated.length;

  const sent = await lobby(token, 'POST', '/message', { text: `  ${LATE}\n` }, cookie);
  expect(sent.status).toBe(200);
  expect((await pageOf(sent)).messages).toEqual([{ text: LATE, at: expect.any(String), from: 'Margaret O.', participant: 'patient' }]);

  expect((await clinicianLobby(id)).messages).toEqual([expect.objectContaining({ text: LATE, from: 'Margaret O.', participant: 'patient' })]);
  const events = await service.db.query<{ kind: string; actor: string; detail: unknown }>("SELECT kind, actor, detail FROM visit_events WHERE visit_id = $1 AND kind = 'message_from_patient'", [id]);
  expect(events).toEqual([{ kind: 'message_from_patient', actor: 'patient', detail: {} }]);

  await runJobsUntilIdle(service, clock);
  const update = connector.updated.slice(updatedBefore).find((updated) => updated.activityId === cardId);
  expect(JSON.stringify(update?.activity)).toContain(`{"type":"TextRun","text":"${LATE}"}`);
  // Only cards updated in place carry it: no new message (whose preview a phone shows) does.
  expect(JSON.stringify(connector.sent.slice(sentBefore))).not.toContain(LATE);
});

it('shows the clinicians the conversation with everyone waiting, both directions, oldest first; each page its own side', async () => {
  const { id, token, guestToken } = await newVisit();
  const patient = await checkIn(token);
  const guest = await checkIn(guestToken, { firstName: 'Ana', code: await codeSentTo(GUEST_PHONE, id) });

  expect((await lobby(token, 'POST', '/message', { text: 'my camera does not work' }, patient)).status).toBe(200);
  expect((await api(service, 'POST', `/api/me/visits/${id}/message`, { text: 'Try reloading the page' })).status).toBe(200);
  expect((await lobby(guestToken, 'POST', '/message', { text: 'I am here too' }, guest)).status).toBe(200);
  expect((await lobby(token, 'POST', '/message', { text: 'it works now' }, patient)).status).toBe(200);

  const { messages } = await clinicianLobby(id);
  expect(messages.map((message) => [message.from, message.text])).toEqual([
    ['Margaret O.', 'my camera does not work'],
    ['Dev Clinician', 'Try reloading the page'],
    ['Ana Okafor', 'I am here too'],
    ['Margaret O.', 'it works now'],
  ]);
  expect(messages[2]?.participant).toMatch(/^guest:[0-9a-f-]{36}$/);
  // Each page shows the clinic's messages and its own, not the other person's.
  const textsOn = async (link: string) => (await pageOf(await lobby(link, 'GET'))).messages.map((message) => message.text);
  expect(await textsOn(guestToken)).toEqual(['Try reloading the page', 'I am here too']);
  expect(await textsOn(token)).toEqual(['my camera does not work', 'Try reloading the page', 'it works now']);
});

it("carries the clinic's answer to the patient's event stream", async () => {
  const { id, token } = await newVisit();
  const cookie = await checkIn(token);
  const controller = new AbortController();
  const stream = await fetch(`${service.url}/api/lobby/${token}/events`, { headers: { cookie }, signal: controller.signal });
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  const answered = (async () => {
    while (!received.includes('We will call you in 5 minutes')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value;
    }
  })();
  // The stream's first event is the page as it is: the answer comes after it.
  while (!received.includes('"phase":"waiting"')) await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await lobby(token, 'POST', '/message', { text: LATE }, cookie)).status).toBe(200);
  expect((await api(service, 'POST', `/api/me/visits/${id}/message`, { text: 'We will call you in 5 minutes' })).status).toBe(200);
  await answered;
  controller.abort();
  const last = received.split('event: lobby\ndata: ').pop()!.split('\n')[0]!;
  expect((JSON.parse(last) as LobbyView).messages.map((message) => [message.participant, message.text])).toEqual([
    ['patient', LATE],
    [null, 'We will call you in 5 minutes'],
  ]);
});

it('refuses an empty or too long message with 400 and says why; nothing is recorded', async () => {
  const { id, token } = await newVisit();
  const cookie = await checkIn(token);
  for (const text of ['   ', 'x'.repeat(301)]) {
    const refused = await lobby(token, 'POST', '/message', { text }, cookie);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { code: 'validation', message: expect.stringMatching(/text/), field: 'text' } });
  }
  expect((await lobby(token, 'POST', '/message', { text: 'x'.repeat(300) }, cookie)).status).toBe(200);
  expect((await clinicianLobby(id)).messages).toHaveLength(1);
});

it('refuses a message before check-in (409) and without the identity ticket (401)', async () => {
  const { token } = await newVisit();
  expect((await lobby(token, 'POST', '/message', { text: LATE })).status).toBe(401);
  const identify = await lobby(token, 'POST', '/identify', { firstName: 'Margaret', birthYear: 1950 });
  const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect((await lobby(token, 'POST', '/message', { text: LATE }, cookie)).status).toBe(409);
});

it('limits the messages one link sends (429), saying so in plain words', async () => {
  const { token } = await newVisit();
  const cookie = await checkIn(token);
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await lobby(token, 'POST', '/message', { text: `message ${i}` }, cookie)).status);
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
  const refused = await lobby(token, 'POST', '/message', { text: LATE }, cookie);
  expect(refused.status).toBe(429);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/wait a few minutes/);
});

it('refuses the message of a revoked or expired link with the same 404', async () => {
  const revoked = await newVisit();
  const revokedCookie = await checkIn(revoked.token);
  expect((await api(service, 'DELETE', `/api/visits/${revoked.id}`, undefined, auth)).status).toBe(200);
  const gone = await lobby(revoked.token, 'POST', '/message', { text: LATE }, revokedCookie);
  expect(gone.status).toBe(404);

  const expired = await newVisit();
  const expiredCookie = await checkIn(expired.token);
  shiftMs = 24 * 60 * 60_000;
  try {
    const late = await lobby(expired.token, 'POST', '/message', { text: LATE }, expiredCookie);
    expect(late.status).toBe(404);
    expect(await late.json()).toEqual(await gone.json());
  } finally {
    shiftMs = 0;
  }
});

it('writes no message text to the logs', async () => {
  expect(logs.lines.length).toBeGreaterThan(0);
  expect(logs.lines.join('')).not.toMatch(/running 5 minutes late|my camera does not work|We will call you|Try reloading/);
});
