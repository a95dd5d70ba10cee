/**
 * Virtual visits through the bot, driven the way Teams drives it: messages and card actions POSTed
 * over real HTTP to /api/messages, replies and card updates arriving at the Bot Connector stand-in,
 * patients found in the local FHIR sandbox.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlInstallationStore } from '../../bot/src/storage/sql-installation-store';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { createBotAdapter } from '../../bot/src/teams/bot-adapter';
import { conversationRunner } from '../../bot/src/teams/conversation-runner';
import { visitCardJobHandlers } from '../../bot/src/teams/visits/visit-card-jobs';
import { instantOf, wallClockOf } from '../../bot/src/domain/visits/zoned-time';
import pino from 'pino';
import { RetryLater } from '../../bot/src/jobs/job-runner';
import { TEAM_ID, teamInstallation, USER } from '../support/activities';
import { answerIn, cardText, type ConnectorStandIn, startConnectorStandIn } from '../support/connector-stand-in';
import { aZoneWhereItIsDay } from '../support/day-zone';
import { type CapturedLogs, postActivity, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { actionExecute, actionOf, actionSubmit, clickData, elementsOf, messageFrom, searchQuery, type ActivityOptions } from '../support/visit-activities';

type Json = ReturnType<typeof JSON.parse>;

const ZONE = 'Europe/Amsterdam';
const MARGARET = 'pat-0001';

let connector: ConnectorStandIn;
let service: RoundsService;
const logs: CapturedLogs = { lines: [] };

beforeAll(async () => {
  connector = await startConnectorStandIn();
  service = await startRoundsForTest({}, logs);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
});

/** The date n days from today, in the zone. */
function dayFromToday(days: number, zone = ZONE): string {
  const today = wallClockOf(new Date(), zone).date;
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Sends a message and returns the card the bot answered with, and that card's activity id. */
async function ask(text: string, options: ActivityOptions = {}): Promise<{ card: Json; id: string }> {
  const before = connector.sent.length;
  const activity = messageFrom(connector.url, text, { localTimezone: ZONE, ...options });
  const response = await postActivity(service, activity);
  expect(response.status).toBe(200);
  const reply = answerIn(connector.sent, before, activity);
  return { card: reply.activity.attachments![0]!.content, id: reply.id };
}

/** Clicks `verb` on a card (with its inputs, edited by `changes`); returns the invoke's answer. */
async function click(card: Json, id: string, verb: string, changes: Record<string, string> = {}, options: ActivityOptions = {}): Promise<{ status: number; body: Json }> {
  const response = await postActivity(service, actionExecute(connector.url, verb, clickData(card, verb, changes), id, { localTimezone: ZONE, ...options }));
  return { status: response.status, body: await response.json() };
}

async function count(table: 'visits' | 'visit_cards'): Promise<number> {
  const rows = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

const input = (card: Json, id: string): Json => elementsOf(card).find((element) => element.id === id);

/** The text right after an input: where the card shows that field's error. */
function textAfter(card: Json, id: string): string | undefined {
  const body = card.body as Json[];
  const index = body.findIndex((element) => element.id === id);
  return body[index + 1]?.color === 'Attention' ? String(body[index + 1].text) : undefined;
}

/** A confirmed visit for the default user, at `time` tomorrow; returns the visit card and its activity id. */
async function scheduled(time: string, extra = ''): Promise<{ card: Json; id: string; visitId: string }> {
  const { card, id } = await ask(`schedule a visit with Margaret Okafor tomorrow at ${time} ${extra}`);
  const { body } = await click(card, id, 'visit.confirm');
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { card: body.value, id, visitId: String(body.value.refresh.action.data.visitId) };
}

describe('scheduling from a typed request', () => {
  it('answers a request with a confirm card: the patient found in the EHR, the time in the user’s zone, nothing saved', async () => {
    const visitsBefore = await count('visits');
    const { card } = await ask('schedule a visit with Margaret Okafor tomorrow at 3pm for 45 minutes about wound check');

    expect(cardText({ activity: { type: 'message', attachments: [{ contentType: '', content: card }] } })).toMatch(/Check and confirm the visit/);
    // The patient is named in words (clients without typeahead would show an input's value, the id); the search is for another.
    expect(cardText({ activity: { type: 'message', attachments: [{ contentType: '', content: card }] } })).toMatch(/Patient\nMargaret .*Okafor · MRN 40001009 · born \d{4}-\d\d-\d\d/);
    expect(input(card, 'patientId')).toMatchObject({ label: 'Or choose another patient', choices: [] });
    expect(input(card, 'patientId').value).toBeUndefined();
    expect(actionOf(card, 'visit.confirm').data.form.patient.fhirId).toBe(MARGARET);
    expect(input(card, 'date').value).toBe(dayFromToday(1));
    expect(input(card, 'time')).toMatchObject({ value: '15:00', label: `Time (${ZONE})` });
    expect(input(card, 'durationMinutes').value).toBe(45);
    expect(input(card, 'reason').value).toBe('wound check');
    // In a personal chat the caller is the clinician.
    expect(input(card, 'clinicianNames').value).toBe(USER.name);
    expect(actionOf(card, 'visit.confirm').data.form.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await count('visits')).toBe(visitsBefore);
  });

  it('opens the empty form for "schedule" alone, with the patient typeahead and a UTC note when the zone is unknown', async () => {
    const stranger = { id: '29:user-new', name: 'Dr New', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000000f' };
    const { card } = await ask('schedule', { from: stranger, localTimezone: '' });

    expect(card.body[0].text).toBe('Schedule a video visit');
    expect(input(card, 'patientId')).toMatchObject({ type: 'Input.ChoiceSet', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'patients' } });
    for (const id of ['date', 'time', 'durationMinutes', 'clinicianNames', 'reason', 'phone', 'email', 'notifySms', 'notifyEmail']) expect(input(card, id)).toBeDefined();
    expect(JSON.stringify(card)).toMatch(/Times are in UTC/);
    expect(actionOf(card, 'visit.confirm').fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'visit.confirm' } });
  });

  it('answers the patient typeahead from the EHR', async () => {
    const response = await postActivity(service, searchQuery(connector.url, 'patients', 'Okafor'));
    const body: Json = await response.json();

    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(body.value.results).toEqual(expect.arrayContaining([{ title: expect.stringMatching(/Okafor · MRN 40001009/), value: MARGARET }]));
  });

  it('offers a choice when several patients match, and the choice leads to the confirm card', async () => {
    const { card, id } = await ask('schedule a visit with Patel tomorrow at 4pm');
    expect(card.body[0].text).toBe('Which patient?');
    const choices = (card.body as Json[]).find((element) => element.type === 'ActionSet').actions as Json[];
    expect(choices.length).toBeGreaterThan(1);

    const response = await postActivity(service, actionExecute(connector.url, 'visit.choose-patient', choices[1].data, id, { localTimezone: ZONE }));
    const confirm = (await response.json()).value;
    expect(confirm.body[0].text).toBe('Check and confirm the visit');
    expect(actionOf(confirm, 'visit.confirm').data.form.patient.fhirId).toBe(choices[1].data.patientId);
    expect(input(confirm, 'time').value).toBe('16:00');
  });

  it('says when no patient matches and offers the form, with the error at the patient field', async () => {
    const { card } = await ask('schedule a visit with Zebedee Nobodyknows tomorrow at 3pm');

    expect(textAfter(card, 'patientId')).toMatch(/No patient in the EHR matches "Zebedee Nobodyknows"/);
    expect(input(card, 'time').value).toBe('15:00');
  });

  it('matches clinicians on the team roster and keeps unknown names as typed, with a warning', async () => {
    connector.members.set(TEAM_ID, [
      { id: '29:amy-lee', name: 'Amy Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1', email: 'amy.lee@hospital.example' },
      { id: USER.id, name: USER.name, aadObjectId: USER.aadObjectId },
    ]);
    await postActivity(service, teamInstallation(connector.url, 'add'));
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 8am with Dr Lee and Dr Nobody', { scope: 'channel' });

    expect(input(card, 'clinicianNames').value).toBe('Amy Lee, Dr Nobody');
    expect(JSON.stringify(card.body)).toMatch(/Dr Nobody is not a member here: kept as typed/);

    const { body } = await click(card, id, 'visit.confirm', {}, { scope: 'channel' });
    expect(body.value.refresh).toMatchObject({ action: { verb: 'visit.refresh' }, userIds: ['29:amy-lee'] });
    expect(cardText({ activity: { type: 'message', attachments: [{ contentType: '', content: body.value }] } })).toMatch(/Clinicians Amy Lee, Dr Nobody/);
  });
});

describe('confirming', () => {
  it('replaces the confirm card in place with the visit card, and records it for later updates', async () => {
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 3pm for 30 minutes about wound check');
    const visitsBefore = await count('visits');
    const { status, body } = await click(card, id, 'visit.confirm');

    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const visitId = String(body.value.refresh.action.data.visitId);
    const start = instantOf({ date: dayFromToday(1), time: '15:00' }, ZONE)!;
    expect(JSON.stringify(body.value)).toContain(`{{DATE(${start.toISOString().replace('.000', '')}, SHORT)}}`);
    expect((body.value.actions as Json[]).map((action) => String(action.title))).toEqual(['Join', 'Copy patient link', 'Reschedule', 'Cancel visit']);
    // Everyone in the conversation sees the visit card, not only the clicker.
    expect(connector.updated.at(-1)).toMatchObject({ conversationId: 'a:personal-chat-kim', activityId: id });
    expect(await count('visits')).toBe(visitsBefore + 1);
    const visit = await new SqlVisitStore(service.db).get(visitId);
    expect(visit).toMatchObject({ start, durationMinutes: 30, reason: 'wound check', patient: { fhirId: MARGARET }, clinicians: [{ aadObjectId: USER.aadObjectId }], timeZone: ZONE });
    expect(await new SqlVisitStore(service.db).cards(visitId)).toEqual([{ visitId, conversationId: 'a:personal-chat-kim', activityId: id }]);
  });

  it('books the visit type chosen on the card, with its default duration when none was typed', async () => {
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 7pm');
    expect(input(card, 'visitType')).toMatchObject({ type: 'Input.ChoiceSet', value: 'video', choices: expect.arrayContaining([{ title: 'Follow-up after discharge (20 min)', value: 'follow-up' }]) });
    expect(input(card, 'durationMinutes').value).toBeUndefined();

    const { body } = await click(card, id, 'visit.confirm', { visitType: 'follow-up' });
    const visit = await new SqlVisitStore(service.db).get(String(body.value.refresh.action.data.visitId));
    expect(visit).toMatchObject({ visitType: 'follow-up', durationMinutes: 20 });
  });

  it('creates one visit when confirm is clicked twice', async () => {
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 5pm');
    const visitsBefore = await count('visits');
    const [first, second] = await Promise.all([click(card, id, 'visit.confirm'), click(card, id, 'visit.confirm')]);

    expect(await count('visits')).toBe(visitsBefore + 1);
    expect(first.body.value.refresh.action.data.visitId).toBe(second.body.value.refresh.action.data.visitId);
  });

  it('works from the Action.Submit fallback too, updating the card in place', async () => {
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 6pm');
    const visitsBefore = await count('visits');
    await postActivity(service, actionSubmit(connector.url, clickData(card, 'visit.confirm'), id, { localTimezone: ZONE }));

    expect(await count('visits')).toBe(visitsBefore + 1);
    expect(cardText(connector.updated.at(-1)!)).toMatch(/Video visit/);
    expect(connector.updated.at(-1)?.activityId).toBe(id);
  });

  it.each([
    ['a time in the past', { date: dayFromToday(-1) }, 'time', /in the past/],
    ['an unknown patient', { patientId: 'pat-does-not-exist' }, 'patientId', /no patient with this id/],
    ['SMS without a mobile number', { notifySms: 'true' }, 'phone', /mobile number/],
    ['email without an address', { notifyEmail: 'true' }, 'email', /email address/],
    ['a mobile number without a country code', { phone: '0612345678', notifySms: 'true' }, 'phone', /country code/],
  ])('refuses %s: the same card comes back with the error at its field, nothing saved', async (_case, changes, field, message) => {
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 1pm');
    const visitsBefore = await count('visits');
    const updatesBefore = connector.updated.length;
    const { body } = await click(card, id, 'visit.confirm', changes);

    expect(body.value.body[0].text).toBe('Check and confirm the visit');
    expect(textAfter(body.value, field)).toMatch(message);
    expect(actionOf(body.value, 'visit.confirm').data.form.key).toBe(actionOf(card, 'visit.confirm').data.form.key);
    expect(await count('visits')).toBe(visitsBefore);
    expect(connector.updated.length).toBe(updatesBefore);
  });

  it('refuses a visit that overlaps another of the same clinician, at the time field', async () => {
    await scheduled('11am');
    const { card, id } = await ask('schedule a visit with Margaret Okafor tomorrow at 11:15am');
    const visitsBefore = await count('visits');
    const { body } = await click(card, id, 'visit.confirm');

    expect(textAfter(body.value, 'time')).toMatch(/already has a visit at that time/);
    expect(await count('visits')).toBe(visitsBefore);
  });
});

describe('the visit card', () => {
  it('reschedules from the card and updates it in place', async () => {
    const { card, id, visitId } = await scheduled('9am');
    const { body } = await click(card, id, 'visit.reschedule', { rescheduleDate: dayFromToday(2), rescheduleTime: '10:30' });

    const start = instantOf({ date: dayFromToday(2), time: '10:30' }, ZONE)!;
    expect((await new SqlVisitStore(service.db).get(visitId))?.start).toEqual(start);
    expect(JSON.stringify(body.value)).toContain(start.toISOString().replace('.000', ''));
    expect(connector.updated.at(-1)).toMatchObject({ activityId: id });
    expect(JSON.stringify(connector.updated.at(-1)?.activity)).toContain(start.toISOString().replace('.000', ''));
  });

  it('cancels from the card: the card updates in place and offers no more changes', async () => {
    const { card, id, visitId } = await scheduled('7am');
    const { body } = await click(card, id, 'visit.cancel');

    expect((await new SqlVisitStore(service.db).get(visitId))?.status).toBe('cancelled');
    expect(body.value.actions).toEqual([]);
    expect(connector.updated.at(-1)).toMatchObject({ activityId: id });
    expect(cardText(connector.updated.at(-1)!)).toMatch(/Video visit \(cancelled\)[\s\S]*Status Cancelled/);
  });

  it('shows a refused reschedule on the card without changing the visit', async () => {
    const { card, id, visitId } = await scheduled('7:30pm');
    const { body } = await click(card, id, 'visit.reschedule', { rescheduleDate: dayFromToday(-1), rescheduleTime: '10:00' });

    expect(JSON.stringify(body.value.body)).toMatch(/in the past/);
    expect((await new SqlVisitStore(service.db).get(visitId))?.start).toEqual(instantOf({ date: dayFromToday(1), time: '19:30' }, ZONE));
  });

  it('answers a refresh with the current card, for the viewer only', async () => {
    const { card, id } = await scheduled('8pm');
    const updatesBefore = connector.updated.length;
    const response = await postActivity(service, actionExecute(connector.url, 'visit.refresh', card.refresh.action.data, id, { localTimezone: ZONE }));

    expect((await response.json()).value.body[0].text).toBe('Video visit');
    expect(connector.updated.length).toBe(updatesBefore);
  });
});

it('"visits" lists today’s visits of the user, in the user’s day', async () => {
  // A zone where 30 minutes from now is still today.
  const zone = aZoneWhereItIsDay();
  const soon = wallClockOf(new Date(Date.now() + 30 * 60_000), zone);
  const { card, id } = await ask('schedule a visit with Margaret Okafor', { localTimezone: zone });
  await click(card, id, 'visit.confirm', { date: soon.date, time: soon.time }, { localTimezone: zone });

  const { card: list } = await ask('visits', { localTimezone: zone });
  expect(list.body[0].text).toBe('Your visits today');
  const rows = (list.body as Json[]).filter((element) => element.type === 'Container');
  expect(rows.map((row) => String(row.items[0].text))).toEqual(expect.arrayContaining([expect.stringMatching(/Okafor/)]));
});

describe('visit cards from jobs', () => {
  const meta = { dedupeKey: 'test', attempts: 1 };
  const store = () => new SqlVisitStore(service.db);
  function jobs() {
    const installations = new SqlInstallationStore(service.db);
    return visitCardJobHandlers({
      store: store(),
      visits: { recordCard: (card) => store().saveCard(card), patientJoinUrl: () => 'https://rounds.example/lobby/token' },
      installations,
      conversations: conversationRunner(createBotAdapter(null), '', installations),
      logger: pino({ level: 'silent' }),
    });
  }
  const postTo = (visitId: string, conversationId = TEAM_ID) => jobs()['visit.post-card']({ kind: 'visit.post-card', visitId, conversationId }, meta);

  beforeEach(async () => {
    await postActivity(service, teamInstallation(connector.url, 'add'));
  });

  it('posts the card to the team channel as a new message and records it; a second run posts nothing', async () => {
    const { visitId } = await scheduled('12pm');
    const before = connector.sent.length;
    await postTo(visitId);
    await postTo(visitId);

    const posted = connector.sent.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.conversationId).toBe(TEAM_ID);
    expect(cardText(posted[0]!)).toMatch(/Video visit[\s\S]*Okafor/);
    expect(await store().cards(visitId)).toEqual(expect.arrayContaining([{ visitId, conversationId: TEAM_ID, activityId: posted[0]!.id }]));
  });

  it('posts nothing where the confirm card already became the visit card', async () => {
    const { visitId } = await scheduled('12:30pm');
    const before = connector.sent.length;
    await postTo(visitId, 'a:personal-chat-kim');

    expect(connector.sent.length).toBe(before);
  });

  it('retries a throttled post (429) after the time Teams asks for, then posts once', async () => {
    const { visitId } = await scheduled('1:30pm');
    // The connector client retries a 429 itself (a few times, as Retry-After says); the job sees the last one.
    connector.failNext({ method: 'POST', conversationId: TEAM_ID, status: 429, retryAfterSeconds: 1, times: 10 });

    await expect(postTo(visitId)).rejects.toEqual(new RetryLater(1000));
    connector.clearFailures();
    expect(connector.failed.at(-1)).toBe(`POST ${TEAM_ID} 429`);
    const before = connector.sent.length;
    await postTo(visitId);
    expect(connector.sent.slice(before).map((sent) => sent.conversationId)).toEqual([TEAM_ID]);
  });

  it('throws on a 412 so the job runner retries with its backoff', async () => {
    const { visitId } = await scheduled('2:30pm');
    connector.failNext({ method: 'POST', conversationId: TEAM_ID, status: 412 });

    await expect(postTo(visitId)).rejects.toMatchObject({ statusCode: 412 });
    expect(await store().cards(visitId)).toHaveLength(1);
    await postTo(visitId);
    expect(await store().cards(visitId)).toHaveLength(2);
  });

  it('does not retry when Rounds is not in the team (403 BotNotInConversationRoster), and tells the requester how to fix it', async () => {
    const { visitId } = await scheduled('3:30pm');
    connector.failNext({ method: 'POST', conversationId: TEAM_ID, status: 403, code: 'BotNotInConversationRoster' });
    const before = connector.sent.length;

    await expect(postTo(visitId)).resolves.toBeUndefined();
    const told = connector.sent.slice(before);
    expect(told.map((sent) => sent.conversationId)).toEqual(['a:personal-chat-kim']);
    expect(cardText(told[0]!)).toMatch(/could not be posted[\s\S]*Rounds is not installed in that team[\s\S]*Ask a team owner to add Rounds/);
    expect(await store().cards(visitId)).toHaveLength(1);
  });

  it('updates every recorded card in place when the visit changes, skipping one that is gone', async () => {
    const { id, visitId } = await scheduled('4:30pm');
    await postTo(visitId);
    const teamCard = (await store().cards(visitId)).find((card) => card.conversationId === TEAM_ID)!;
    connector.failNext({ method: 'PUT', conversationId: 'a:personal-chat-kim', status: 404, code: 'NotFound' });
    const before = connector.updated.length;

    await jobs()['visit.card']({ kind: 'visit.card', visitId, version: 3 }, meta);
    expect(connector.failed.at(-1)).toBe('PUT a:personal-chat-kim 404');
    expect(connector.updated.slice(before)).toEqual([expect.objectContaining({ conversationId: TEAM_ID, activityId: teamCard.activityId })]);
    expect(id).not.toBe(teamCard.activityId);
  });
});

it('wrote no patient names, reasons or typed requests to the logs', () => {
  expect(logs.lines.length).toBeGreaterThan(0);
  expect(logs.lines.join('')).not.toMatch(/Okafor|Margaret|Patel|Nobodyknows|wound check/);
});
