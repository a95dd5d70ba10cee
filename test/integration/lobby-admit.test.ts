/**
 * The virtual lobby from the clinicians' side, over real HTTP: a visit created through the
 * integration API, the patient checking in through the public lobby API, the alert job telling the
 * clinicians in personal chats (created through the Bot Connector stand-in), and the lobby's card
 * actions clicked as Teams sends them. The service runs on a clock the escalation test moves.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { inTenant, TEAM_ID, teamInstallation, USER } from '../support/activities';
import { cardText, startConnectorStandIn, type ConnectorStandIn, type SentActivity } from '../support/connector-stand-in';
import { type CapturedLogs, NO_SANDBOX, postActivity, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { actionExecute, elementsOf, messageFrom, type ActivityOptions } from '../support/visit-activities';

type Json = ReturnType<typeof JSON.parse>;

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
/** In dev mode the integration API's visits belong to the dev tenant; the Teams activities here do too. */
const TENANT = 'dev-tenant';
const KIM = { aadObjectId: USER.aadObjectId, name: USER.name };
const LEE_USER = { id: '29:user-lee', name: 'Dr Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1' };
const LEE = { aadObjectId: LEE_USER.aadObjectId, name: LEE_USER.name };
const STRANGER = { id: '29:user-stranger', name: 'Dr Stranger', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000ff' };
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: 'test' };
/** Dr Kim talks to Rounds in his own chat, where alerts go; another clinician's chat is created (the stand-in names it by member). */
const personalChat = (aadObjectId: string) => (aadObjectId === KIM.aadObjectId ? KIM_CHAT : `a:personal-${aadObjectId}`);
const KIM_CHAT = 'a:personal-chat-kim';

let connector: ConnectorStandIn;
let service: RoundsService;
const logs: CapturedLogs = { lines: [] };
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);

beforeAll(async () => {
  connector = await startConnectorStandIn();
  service = await startRoundsForTest(
    // Nobody joins the rooms here: an empty room must not end a visit while a test moves the clock.
    { INTEGRATION_API_KEY: KEY, ...NO_SANDBOX, LOBBY_OPENS_BEFORE_MINUTES: '1440', VISIT_EMPTY_ROOM_END_MINUTES: '240' },
    logs,
    { now: clock },
  );
  // Rounds is in the care team's channel and in Dr Kim's personal chat: that is where the connector's address comes from.
  await postActivity(service, inTenant(teamInstallation(connector.url, 'add'), TENANT));
  await postActivity(service, inTenant(messageFrom(connector.url, 'help', {}), TENANT));
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
});

let visitsMade = 0;
/** A visit through the integration API; each one 40 minutes after the last so one clinician's visits never overlap. */
async function newVisit(clinicians: { aadObjectId: string; name: string }[] = [KIM]): Promise<{ id: string; token: string }> {
  const start = new Date(clock().getTime() + (30 + 40 * visitsMade++) * 60_000).toISOString();
  const response = await api(service, 'POST', '/api/visits', { patient: { name: 'Jane Doe', birthDate: '1980-04-02' }, start, durationMinutes: 30, clinicians, reason: 'wound check' }, auth);
  expect(response.status).toBe(201);
  const visit = (await response.json()) as { id: string; patientJoinUrl: string };
  return { id: visit.id, token: new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '' };
}

const lobby = (token: string, method: string, path = '', body?: unknown, cookie?: string) => api(service, method, `/api/lobby/${token}${path}`, body, cookie ? { cookie } : {});

/** The patient confirms who they are, runs the device check and checks in. */
async function checkIn(token: string, devices: Record<string, unknown> = OK_DEVICES): Promise<void> {
  const identify = await lobby(token, 'POST', '/identify', { firstName: 'Jane', birthYear: 1980 });
  expect(identify.status).toBe(200);
  const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect((await lobby(token, 'POST', '/device-check', devices, cookie)).status).toBe(200);
  expect((await lobby(token, 'POST', '/check-in', {}, cookie)).status).toBe(200);
}

const patientView = async (token: string): Promise<Json> => (await lobby(token, 'GET')).json();

const runJobs = () => runJobsUntilIdle(service, clock);

/** Cards sent (new messages) about this visit, optionally to one conversation. */
function cardsSent(visitId: string, conversationId?: string): SentActivity[] {
  return connector.sent.filter(
    (sent) => sent.activity.attachments?.[0]?.content && (sent.activity.attachments[0].content as Json).refresh?.action?.data?.visitId === visitId && (!conversationId || sent.conversationId === conversationId),
  );
}

const contentOf = (sent: { activity: SentActivity['activity'] }): Json => sent.activity.attachments![0]!.content;
type Shown = { text?: string; facts?: { title: string; value: string }[] };
const textOf = (card: Json): string =>
  (elementsOf(card) as Shown[]).flatMap((element) => [element.text ?? '', ...(element.facts ?? []).map((fact) => `${fact.title} ${fact.value}`)]).join('\n');

/** Clicks `verb` as Teams sends it: an adaptiveCard/action invoke; returns the card it is answered with. */
async function click(verb: string, data: Record<string, unknown>, replyToId: string, options: ActivityOptions = {}): Promise<Json> {
  const from = options.from ?? USER;
  const conversationId = options.conversationId ?? personalChat(from.aadObjectId);
  const response = await postActivity(service, inTenant(actionExecute(connector.url, verb, data, replyToId, { ...options, from, conversationId }), TENANT));
  expect(response.status).toBe(200);
  const body: Json = await response.json();
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

/** The visit's card posted to the care team's channel, as the visit.post-card job posts an announced visit's card. */
async function postCardToChannel(visitId: string): Promise<string> {
  await new SqlVisitStore(service.db).enqueue([{ job: { kind: 'visit.post-card', visitId, conversationId: TEAM_ID }, runAt: clock(), dedupeKey: `post-card:${visitId}:${TEAM_ID}` }]);
  await runJobs();
  const posted = cardsSent(visitId, TEAM_ID)[0];
  expect(posted).toBeDefined();
  return posted!.id;
}

async function visitStatus(visitId: string): Promise<string> {
  return ((await (await api(service, 'GET', `/api/visits/${visitId}`, undefined, auth)).json()) as { status: string }).status;
}

describe('when the patient checks in', () => {
  it('tells each clinician in a personal chat: short name, devices, wait; Admit and Message patient (no no-show: the patient came)', async () => {
    const { id, token } = await newVisit([KIM, LEE]);
    await checkIn(token, { ...OK_DEVICES, speaker: 'failed' });
    await runJobs();

    // Dr Kim's chat with Rounds is used as it is; Dr Lee has none, so one is created by his Entra id.
    expect(connector.created.filter((created) => created.memberIds.includes(KIM.aadObjectId))).toEqual([]);
    expect(connector.created).toEqual(expect.arrayContaining([expect.objectContaining({ memberIds: [LEE.aadObjectId], tenantId: TENANT, isGroup: false })]));
    for (const clinician of [KIM, LEE]) {
      const [sent] = cardsSent(id, personalChat(clinician.aadObjectId));
      const card = contentOf(sent!);
      expect(textOf(card)).toMatch(/Your patient is here[\s\S]*Jane D\. is waiting · speaker not working · <1 min/);
      expect((card.actions as Json[]).map((action) => String(action.title))).toEqual(['Admit', 'Message patient', 'Join the visit']);
      expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'visit.admit', data: { visitId: id }, fallback: { type: 'Action.Submit', data: { verb: 'visit.admit' } } });
    }
    expect((await patientView(token)).clinicianNotified).toBe(true);
  });

  it('keeps names out of what a notification previews: initials and minutes only', async () => {
    const { id, token } = await newVisit();
    await checkIn(token);
    await runJobs();

    const [sent] = cardsSent(id, personalChat(KIM.aadObjectId));
    expect(sent!.activity.summary).toBe('J. D. is waiting (<1 min)');
    expect(contentOf(sent!).fallbackText).toBe('J. D. is waiting (<1 min)');
    expect(JSON.stringify([sent!.activity.summary, sent!.activity.text ?? ''])).not.toMatch(/Jane|Doe|wound/);
  });

  it('does not retry a clinician Rounds cannot reach (403), and still tells the others', async () => {
    const { id, token } = await newVisit([KIM, LEE]);
    connector.failNext({ method: 'POST', conversationId: `new:${LEE.aadObjectId}`, status: 403, code: 'Forbidden' });
    await checkIn(token);
    await runJobs();

    expect(connector.failed).toContain(`POST new:${LEE.aadObjectId} 403`);
    expect(cardsSent(id, personalChat(KIM.aadObjectId))).toHaveLength(1);
    expect(cardsSent(id, personalChat(LEE.aadObjectId))).toHaveLength(0);
    const jobs = await service.db.query<{ done: boolean; attempts: number }>(`SELECT done_at IS NOT NULL AS done, attempts FROM jobs WHERE dedupe_key LIKE $1 AND dedupe_key LIKE '%:0'`, [`lobby-alert:${id}:%`]);
    expect(jobs).toEqual([{ done: true, attempts: 1 }]);
    expect(logs.lines.join('')).toMatch(/"failure":"not-in-conversation"[^\n]*lobby alert not delivered/);
  });

  it('retries a throttled alert (429) after the time Teams asks for, then tells the clinician', async () => {
    const { id, token } = await newVisit();
    // The connector client retries a 429 itself (as Retry-After says); the job sees the last one.
    connector.failNext({ method: 'POST', conversationId: KIM_CHAT, status: 429, retryAfterSeconds: 1, times: 10 });
    await checkIn(token);
    await runJobs();

    const step0 = () => service.db.query<{ done: boolean; last_error: string | null }>(`SELECT done_at IS NOT NULL AS done, last_error FROM jobs WHERE dedupe_key LIKE $1 AND dedupe_key LIKE '%:0'`, [`lobby-alert:${id}:%`]);
    expect(await step0()).toEqual([{ done: false, last_error: 'RetryLater' }]);
    expect(cardsSent(id)).toHaveLength(0);
    expect((await patientView(token)).clinicianNotified).toBe(false);

    connector.clearFailures();
    // Past the second Teams asked for, on the service's clock.
    shiftMs += 1100;
    await runJobs();
    expect(cardsSent(id, personalChat(KIM.aadObjectId))).toHaveLength(1);
    expect(await step0()).toEqual([{ done: true, last_error: 'RetryLater' }]);
    expect((await patientView(token)).clinicianNotified).toBe(true);
  });
});

describe('admitting', () => {
  it('admits from the personal-chat card: the patient is let in, the channel card updates in place', async () => {
    const { id, token } = await newVisit();
    const channelCardId = await postCardToChannel(id);
    await checkIn(token);
    await runJobs();
    const [sent] = cardsSent(id, personalChat(KIM.aadObjectId));
    const before = connector.updated.length;

    const answer = await click('visit.admit', contentOf(sent!).actions[0].data, sent!.id);
    expect(textOf(answer)).toMatch(/Admitted by Dr Kim at \{\{TIME\(\d{4}-\d\d-\d\dT[\d:]+Z\)\}\}/);
    expect((answer.actions as Json[]).map((action) => String(action.title))).toEqual(['Join the visit']);
    expect(await patientView(token)).toMatchObject({ phase: 'admitted', joinUrl: expect.stringMatching(/^http/) });
    expect(await visitStatus(id)).toBe('in_visit');

    // The visit's card job (run by the runner's own pass, or here) updates the channel's card.
    await runJobs();
    const update = connector.updated.slice(before).find((updated) => updated.conversationId === TEAM_ID && updated.activityId === channelCardId);
    expect(update).toBeDefined();
    expect(cardText(update!)).toMatch(/Status In the visit/);
    // Teams asks for the current card as it shows it; that answer carries the lobby's line.
    const refresh = contentOf(update!).refresh.action;
    expect(refresh.verb).toBe('visit.lobby-refresh');
    const current = await click(refresh.verb, refresh.data, channelCardId, { scope: 'channel', conversationId: TEAM_ID });
    expect(textOf(current)).toMatch(/Admitted by Dr Kim at/);
  });

  it('shows the waiting patient on the channel’s visit card and admits from it, updating it for everyone', async () => {
    const { id, token } = await newVisit();
    const channelCardId = await postCardToChannel(id);
    await checkIn(token);
    await runJobs();
    const waitingCard = contentOf([...connector.updated].reverse().find((updated) => updated.activityId === channelCardId)!);
    expect(cardText({ activity: { type: 'message', attachments: [{ contentType: '', content: waitingCard }] } })).toMatch(/Status Patient is waiting in the lobby/);

    const current = await click(waitingCard.refresh.action.verb, waitingCard.refresh.action.data, channelCardId, { scope: 'channel', conversationId: TEAM_ID });
    expect(textOf(current)).toMatch(/Jane D\. waiting · devices OK · <1 min/);
    const admit = (current.actions as Json[]).find((action) => action.verb === 'visit.admit');
    expect(admit).toMatchObject({ title: 'Admit', style: 'positive', data: { visitId: id, card: 'visit' } });

    const before = connector.updated.length;
    const answer = await click('visit.admit', admit.data, channelCardId, { scope: 'channel', conversationId: TEAM_ID });
    expect(textOf(answer)).toMatch(/Video visit[\s\S]*Admitted by Dr Kim at/);
    expect((answer.actions as Json[]).map((action) => String(action.verb ?? action.title))).not.toContain('visit.admit');
    // Updated in place by the click, and maybe by the visit's card job too (its card has the lobby's line as well): at least once, each in the channel.
    const inPlace = connector.updated.slice(before).filter((updated) => updated.activityId === channelCardId && /Admitted by Dr Kim at/.test(textOf(contentOf(updated))));
    expect(inPlace.length).toBeGreaterThanOrEqual(1);
    expect(inPlace.map((updated) => updated.conversationId)).toEqual(inPlace.map(() => TEAM_ID));
    expect(await patientView(token)).toMatchObject({ phase: 'admitted' });
  });

  it('refuses someone who is neither a clinician of the visit nor in its team: a card says so, nothing changes', async () => {
    const { id, token } = await newVisit();
    await checkIn(token);
    await runJobs();
    const [sent] = cardsSent(id, personalChat(KIM.aadObjectId));
    const updatesBefore = connector.updated.length;

    const answer = await click('visit.admit', contentOf(sent!).actions[0].data, sent!.id, { from: STRANGER });
    expect(textOf(answer)).toMatch(/Not allowed[\s\S]*Only the visit's clinicians and members of its care team can do this/);
    expect(JSON.stringify(answer)).not.toMatch(/Jane|Doe/);
    expect(connector.updated.length).toBe(updatesBefore);
    expect(await patientView(token)).toMatchObject({ phase: 'waiting', joinUrl: null });
    expect(await visitStatus(id)).toBe('waiting');
  });

  it('admits once when two clinicians click at once; the second is told who did', async () => {
    const { id, token } = await newVisit([KIM, LEE]);
    await checkIn(token);
    await runJobs();
    const kimCard = cardsSent(id, personalChat(KIM.aadObjectId))[0]!;
    const leeCard = cardsSent(id, personalChat(LEE.aadObjectId))[0]!;

    const answers = await Promise.all([
      click('visit.admit', contentOf(kimCard).actions[0].data, kimCard.id),
      click('visit.admit', contentOf(leeCard).actions[0].data, leeCard.id, { from: LEE_USER }),
    ]);
    const events = await service.db.query<{ actor: string }>(`SELECT actor FROM visit_events WHERE visit_id = $1 AND kind = 'admitted'`, [id]);
    expect(events).toHaveLength(1);
    const winner = events[0]!.actor === KIM.aadObjectId ? KIM : LEE;
    const texts = answers.map(textOf);
    expect(texts.every((text) => text.includes(`Admitted by ${winner.name} at`))).toBe(true);
    expect(texts.filter((text) => text.includes(`Already admitted by ${winner.name} at`))).toHaveLength(1);
    expect(await patientView(token)).toMatchObject({ phase: 'admitted' });
  });
});

describe('while the patient waits', () => {
  it('messages the patient (a quick choice or typed); an empty message is refused on the card', async () => {
    const { id, token } = await newVisit();
    await checkIn(token);
    await runJobs();
    const [sent] = cardsSent(id, personalChat(KIM.aadObjectId));
    const messageAction = (contentOf(sent!).actions as Json[]).find((action) => action.title === 'Message patient');
    const [send, ...quick] = messageAction.card.actions as Json[];
    expect(quick.map((action) => String(action.title))).toEqual(['Running about 10 minutes late', "I'll be with you shortly"]);
    expect(messageAction.card.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Input.Text', id: 'message' })]));

    await click('visit.message', { ...quick[1].data, message: '' }, sent!.id);
    const typed = await click('visit.message', { ...send.data, message: 'Please keep your camera on' }, sent!.id);
    expect(textOf(typed)).toMatch(/Sent: the patient sees it[\s\S]*Dr Kim: Please keep your camera on/);
    const refused = await click('visit.message', { ...send.data, message: '   ' }, sent!.id);
    expect(textOf(refused)).toMatch(/Write a message for the patient/);

    expect((await patientView(token)).messages).toEqual([
      expect.objectContaining({ text: "I'll be with you shortly", from: 'Dr Kim' }),
      expect.objectContaining({ text: 'Please keep your camera on', from: 'Dr Kim' }),
    ]);
  });

  it('marks a no-show from the visit card, behind a confirm step, from the visit’s start and only while the patient has not checked in', async () => {
    const { id, token } = await newVisit();
    const { start } = (await (await api(service, 'GET', `/api/visits/${id}`, undefined, auth)).json()) as { start: string };
    shiftMs += Math.max(0, Date.parse(start) - clock().getTime());
    const cardId = await postCardToChannel(id);
    const noShow = (contentOf(cardsSent(id, TEAM_ID)[0]!).actions as Json[]).find((action) => action.title === 'Mark no-show');
    expect(noShow.type).toBe('Action.ShowCard');
    const confirm = noShow.card.actions[0];
    expect(confirm).toMatchObject({ type: 'Action.Execute', verb: 'visit.no-show', style: 'destructive', data: { card: 'visit' } });

    const answer = await click('visit.no-show', confirm.data, cardId, { conversationId: TEAM_ID });
    expect(textOf(answer)).toMatch(/Status Patient did not join/);
    expect(answer.actions).toEqual([]);
    expect(await visitStatus(id)).toBe('no_show');
    expect((await patientView(token)).phase).toBe('ended');

    // A patient who checked in came: the card offers no no-show, and a no-show click (an older card's) is refused.
    const came = await newVisit();
    const cameCard = await postCardToChannel(came.id);
    await checkIn(came.token);
    await runJobs();
    const refused = await click('visit.no-show', { ...confirm.data, visitId: came.id }, cameCard, { conversationId: TEAM_ID });
    expect(textOf(refused)).toMatch(/The patient checked in: this visit is not a no-show. End the visit instead./);
    expect((refused.actions as Json[]).map((action) => String(action.title))).not.toContain('Mark no-show');
    expect(await visitStatus(came.id)).toBe('waiting');
  });

  it('ends the visit from its card: "Done" with the visit length for everyone, and the patient’s page says it is over', async () => {
    const { id, token } = await newVisit();
    const cardId = await postCardToChannel(id);
    await checkIn(token);
    await runJobs();
    await click('visit.admit', { visitId: id, viewers: [], card: 'visit' }, cardId, { conversationId: TEAM_ID });
    shiftMs += 23 * 60_000;
    const updatesBefore = connector.updated.length;
    const current = connector.updated.filter((update) => update.activityId === cardId).at(-1)!;
    const end = (contentOf(current).actions as Json[]).find((action) => action.title === 'End visit');
    expect(end.type).toBe('Action.ShowCard');
    expect(end.card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'visit.end', style: 'destructive' });

    const answer = await click('visit.end', end.card.actions[0].data, cardId, { conversationId: TEAM_ID });
    expect(textOf(answer)).toMatch(/Done · 23 min[\s\S]*Status Completed/);
    expect(answer.actions).toEqual([]);
    // The posted card changed for everyone, not only for the clicker.
    expect(connector.updated.slice(updatesBefore).some((update) => update.activityId === cardId && JSON.stringify(update.activity).includes('Done · 23 min'))).toBe(true);
    expect(await visitStatus(id)).toBe('completed');
    expect(await patientView(token)).toMatchObject({ phase: 'ended', joinUrl: null });
  });
});

describe('escalation, on the service clock', () => {
  afterAll(() => {
    shiftMs = 0;
  });

  it('tells the clinicians again after 5 minutes and the channel after 10; nothing once the patient is admitted', async () => {
    const waiting = await newVisit();
    const admitted = await newVisit();
    await postCardToChannel(waiting.id);
    await postCardToChannel(admitted.id);
    await checkIn(waiting.token);
    await checkIn(admitted.token);
    await runJobs();
    const admittedCard = cardsSent(admitted.id, personalChat(KIM.aadObjectId))[0]!;
    await click('visit.admit', contentOf(admittedCard).actions[0].data, admittedCard.id);
    await runJobs();
    const channelPostsBefore = cardsSent(waiting.id, TEAM_ID).length;

    shiftMs += 5 * 60_000;
    await runJobs();
    const again = cardsSent(waiting.id, personalChat(KIM.aadObjectId));
    expect(again).toHaveLength(2);
    expect(textOf(contentOf(again[1]!))).toMatch(/Your patient is still waiting[\s\S]*Jane D\. is waiting · devices OK · 5 min/);
    expect(again[1]!.activity.summary).toBe('J. D. is still waiting (5 min)');
    expect(cardsSent(waiting.id, TEAM_ID)).toHaveLength(channelPostsBefore);

    shiftMs += 5 * 60_000;
    await runJobs();
    const toChannel = cardsSent(waiting.id, TEAM_ID).slice(channelPostsBefore);
    expect(toChannel).toHaveLength(1);
    expect(textOf(contentOf(toChannel[0]!))).toMatch(/A patient is still waiting[\s\S]*Jane D\. is waiting · devices OK · 10 min[\s\S]*Nobody has admitted them yet/);
    expect(toChannel[0]!.activity.summary).toBe('J. D. is still waiting (10 min)');
    expect(cardsSent(waiting.id, personalChat(KIM.aadObjectId))).toHaveLength(2);

    // The admitted patient's clinicians heard once, at check-in; the channel not at all.
    expect(cardsSent(admitted.id, personalChat(KIM.aadObjectId))).toHaveLength(1);
    expect(cardsSent(admitted.id, TEAM_ID)).toHaveLength(1);
    const timeline = await service.db.query<{ kind: string }>('SELECT kind FROM visit_events WHERE visit_id = $1 ORDER BY id', [waiting.id]);
    expect(timeline.map((event) => event.kind)).toEqual(expect.arrayContaining(['clinicians_alerted', 'escalated_to_channel']));
  });
});

it('wrote no patient names, reasons or messages to the logs', () => {
  expect(logs.lines.length).toBeGreaterThan(0);
  expect(logs.lines.join('')).not.toMatch(/Jane|Doe|wound check|camera on|with you shortly/);
});
