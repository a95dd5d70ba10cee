/**
 * Clinician messages through the bot, over real HTTP: Dr Kim types "message …" in the care team's
 * channel, Rounds resolves the recipient (a person of the team, or the person on call for a role),
 * delivers a 1:1 card through the Bot Connector stand-in, and keeps the sender's card current as the
 * message is delivered, acknowledged, answered or escalated. The service runs on a clock the tests
 * move, so escalation steps come due without waiting; a restart in the middle fires each step once.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlRosterStore } from '../../bot/src/storage/sql-roster-store';
import { TEAM_ID, TENANT_ID, teamInstallation, USER } from '../support/activities';
import { answerIn, type ConnectorStandIn, type SentActivity, startConnectorStandIn } from '../support/connector-stand-in';
import { type CapturedLogs, makeDataDir, postActivity, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { actionExecute, elementsOf, messageFrom, type ActivityOptions } from '../support/visit-activities';

type Json = ReturnType<typeof JSON.parse>;

const KIM = { ...USER, email: 'kim@hospital.example' };
const LEE = { id: '29:user-lee', name: 'Dr Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1', email: 'lee@hospital.example' };
const CHEN = { id: '29:user-chen', name: 'Dr Chen', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a2', email: 'chen@hospital.example' };
const PARK = { id: '29:user-park', name: 'Dr Park', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a3', email: 'park@hospital.example' };
const STRANGER = { id: '29:user-stranger', name: 'Dr Stranger', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000ff' };
/** The sandbox's first patient. */
const PATIENT = { name: 'Margaret Okafor', mrn: '40001009' };
const PHI = /Margaret|Okafor|40001009|K\+ 6\.1|troponin|chest pain/;
const personalChat = (aadObjectId: string) => `a:personal-${aadObjectId}`;

let connector: ConnectorStandIn;
let service: RoundsService;
let dataDir: string;
const logs: CapturedLogs = { lines: [] };
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);

async function start(): Promise<RoundsService> {
  return startRoundsForTest({ DATA_DIR: dataDir, MESSAGE_URGENT_ESCALATION_MINUTES: '5,10,15' }, logs, { now: clock });
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  connector = await startConnectorStandIn();
  connector.members.set(TEAM_ID, [KIM, LEE, CHEN, PARK]);
  service = await start();
  await postActivity(service, teamInstallation(connector.url, 'add'));
  const roster = new SqlRosterStore(service.db);
  const day = { start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() + 12 * 3_600_000) };
  await roster.add(TENANT_ID, { role: 'Cardiology on call', person: LEE, backup: CHEN, ...day }, KIM, new Date());
  await roster.add(TENANT_ID, { role: 'Renal on call', person: PARK, backup: null, ...day }, KIM, new Date());
  // A shift that has ended: nobody is on call for neurology now.
  await roster.add(TENANT_ID, { role: 'Neurology on call', person: CHEN, backup: null, start: new Date(Date.now() - 5 * 3_600_000), end: new Date(Date.now() - 3_600_000) }, KIM, new Date());
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
});

const runJobs = () => runJobsUntilIdle(service, clock);

const contentOf = (sent: { activity: SentActivity['activity'] }): Json => sent.activity.attachments![0]!.content;
type Shown = { text?: string; facts?: { title: string; value: string }[]; items?: unknown };
const textOf = (card: Json): string =>
  (elementsOf(card) as Shown[]).flatMap((element) => [element.text ?? '', ...(element.facts ?? []).map((fact) => `${fact.title} ${fact.value}`)]).join('\n');
const titles = (card: Json): string[] => ((card.actions ?? []) as Json[]).map((action) => String(action.title));

/** Types in the care team's channel (or elsewhere); returns the bot's answer and its activity id. */
async function say(text: string, options: ActivityOptions = { scope: 'channel', conversationId: TEAM_ID }): Promise<{ card: Json; id: string; summary: unknown }> {
  const before = connector.sent.length;
  const activity = messageFrom(connector.url, text, options);
  const response = await postActivity(service, activity);
  expect(response.status).toBe(200);
  const reply = answerIn(connector.sent, before, activity);
  return { card: contentOf(reply), id: reply.id, summary: reply.activity.summary };
}

async function click(verb: string, data: Record<string, unknown>, replyToId: string, from: ActivityOptions['from'], conversationId = personalChat(from!.aadObjectId)): Promise<{ status: number; body: Json }> {
  const response = await postActivity(service, actionExecute(connector.url, verb, data, replyToId, { from, conversationId }));
  expect(response.status).toBe(200);
  const body: Json = await response.json();
  return { status: body.statusCode, body };
}

/** Cards posted (new activities) to a conversation about the message. */
function posted(conversationId: string, messageId: string): SentActivity[] {
  return connector.sent.filter((sent) => sent.conversationId === conversationId && JSON.stringify(sent.activity.attachments ?? []).includes(messageId));
}

/** The newest version of the card `activityId` (its last update, else as posted). */
function latest(activityId: string): Json {
  const update = [...connector.updated].reverse().find((updated) => updated.activityId === activityId);
  return update ? contentOf(update) : contentOf(connector.sent.find((sent) => sent.id === activityId)!);
}

const messageIdOf = (card: Json): string => {
  const id = JSON.stringify(card).match(/"messageId":"([0-9a-f-]{36})"/)?.[1];
  if (!id) throw new Error('no message id on the card');
  return id;
};

/** Sends and delivers a message; returns the sender's card id and the message id. */
async function send(text: string): Promise<{ senderCardId: string; messageId: string; card: Json; summary: unknown }> {
  const { card, id, summary } = await say(text);
  const messageId = messageIdOf(card);
  await runJobs();
  return { senderCardId: id, messageId, card, summary };
}

async function at(minutes: number): Promise<void> {
  shiftMs = minutes * 60_000;
  await runJobs();
}

describe('sending', () => {
  it('sends to a person of the team: a 1:1 card with the patient banner, Acknowledge, Reply, Call and Open patient', async () => {
    const { senderCardId, messageId, card } = await send(`message Dr Lee about ${PATIENT.name}: K+ 6.1 this morning, please review`);
    expect(textOf(card)).toMatch(/Message to Dr Lee/);
    expect(textOf(card)).toMatch(/Margaret .*Okafor[\s\S]*MRN 40001009/);

    const [delivered] = posted(personalChat(LEE.aadObjectId), messageId);
    expect(connector.created).toEqual(expect.arrayContaining([expect.objectContaining({ memberIds: [LEE.aadObjectId], tenantId: TENANT_ID, isGroup: false })]));
    const lee = contentOf(delivered!);
    expect(textOf(lee)).toMatch(/Message from Dr Kim[\s\S]*Margaret .*Okafor[\s\S]*MRN 40001009[\s\S]*K\+ 6\.1 this morning, please review[\s\S]*Not acknowledged yet/);
    expect(titles(lee)).toEqual(['Acknowledge', 'Reply', 'Call', 'Open patient']);
    expect(lee.actions[2].url).toBe('https://teams.microsoft.com/l/call/0/0?users=kim%40hospital.example');
    expect(lee.actions[3].url).toMatch(/\/tabs\/patients\.html\?teamId=.*&channelId=.*&patient=pat-0001$/);
    // The sender's card moved on to "Delivered".
    expect(textOf(latest(senderCardId))).toMatch(/Delivered at \{\{TIME\(/);
  });

  it('sends to a role: the person on call now gets it, the sender sees whom it reached', async () => {
    const { messageId, card } = await send(`urgent message cardiology on call about ${PATIENT.name}: chest pain, troponin rising`);
    expect(textOf(card)).toMatch(/Urgent · Message to Dr Lee[\s\S]*Dr Kim → Cardiology on call \(Dr Lee\)/);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(1);
  });

  it('tells the sender at once when nobody is on call for the role, and sends nothing', async () => {
    const [before] = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM clinician_messages');
    const { card } = await say('urgent message neurology on call: new left-sided weakness, bed 4');
    expect(textOf(card)).toMatch(/No one is on call as "Neurology on call" right now, so nothing was sent/);
    expect(card.actions[0]).toMatchObject({ verb: 'message.send' });
    const [after] = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM clinician_messages');
    expect(after!.n).toBe(before!.n);
  });

  it('asks back instead of guessing a person it cannot find, keeping what was typed', async () => {
    const { card } = await say('message Dr Nobody: please call me');
    expect(textOf(card)).toMatch(/I could not find "Dr Nobody"/);
    expect(elementsOf(card).find((element: Json) => element.id === 'text')).toMatchObject({ value: 'please call me' });
  });

  it('keeps the patient it found when asking back, named in words, and sends about them once the recipient is fixed', async () => {
    const { card, id } = await say(`message Dr Nobody about ${PATIENT.name}: please call me`);
    expect(textOf(card)).toMatch(/About\nMargaret .*Okafor · MRN 40001009/);
    // A client without typeahead shows an input's value: the card carries the patient in its Send, not in an input a person sees.
    expect(JSON.stringify(card.body)).not.toMatch(/pat-0001/);
    const data = { ...card.actions[0].data, to: 'Dr Park', patientId: '', priority: 'routine', text: 'please call me' };
    const sent = await click('message.send', data, id, KIM, TEAM_ID);
    expect(textOf(sent.body.value)).toMatch(/Message to Dr Park[\s\S]*Margaret .*Okafor/);
    await runJobs();
  });

  it('sends from the form, once for a double click', async () => {
    const { card, id } = await say('message');
    const key = card.actions[0].data.key;
    const data = { to: 'Dr Park', patientId: 'pat-0001', priority: 'routine', text: 'Discharge summary is ready', key, verb: 'message.send' };
    const [first, second] = await Promise.all([click('message.send', data, id, KIM, TEAM_ID), click('message.send', data, id, KIM, TEAM_ID)]);
    expect(textOf(first.body.value)).toMatch(/Message to Dr Park/);
    expect(messageIdOf(second.body.value)).toBe(messageIdOf(first.body.value));
    await runJobs();
    expect(posted(personalChat(PARK.aadObjectId), messageIdOf(first.body.value))).toHaveLength(1);
  });
});

describe('closing the loop', () => {
  it('acknowledges: the recipient’s card and the sender’s say who and when; others may not', async () => {
    const { senderCardId, messageId } = await send(`message Dr Lee about ${PATIENT.name}: please review the ECG`);
    const [delivered] = posted(personalChat(LEE.aadObjectId), messageId);

    const refused = await click('message.acknowledge', { messageId }, delivered!.id, STRANGER);
    expect(refused.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
    expect(JSON.stringify(refused.body)).not.toMatch(PHI);

    const answer = await click('message.acknowledge', { messageId }, delivered!.id, LEE);
    expect(textOf(answer.body.value)).toMatch(/Acknowledged\. Dr Kim sees it on their card\.[\s\S]*Acknowledged by Dr Lee at \{\{TIME\(/);
    expect(titles(answer.body.value)).not.toContain('Acknowledge');
    await runJobs();
    expect(textOf(latest(senderCardId))).toMatch(/Acknowledged by Dr Lee at \{\{TIME\(/);

    const again = await click('message.acknowledge', { messageId }, delivered!.id, LEE);
    expect(textOf(again.body.value)).toMatch(/Already acknowledged by Dr Lee/);
  });

  it('threads replies back to the sender as cards, both ways', async () => {
    const { senderCardId, messageId } = await send(`message Dr Lee about ${PATIENT.name}: can you see her before noon?`);
    const [delivered] = posted(personalChat(LEE.aadObjectId), messageId);

    const answer = await click('message.reply', { messageId, text: 'Yes, at 11' }, delivered!.id, LEE);
    expect(textOf(answer.body.value)).toMatch(/Reply sent to Dr Kim/);
    await runJobs();
    const [reply] = connector.sent.filter((sent) => sent.conversationId === personalChat(KIM.aadObjectId) && textOf(contentOf(sent)).includes('Yes, at 11'));
    expect(reply!.activity.summary).toBe('Reply from Dr Lee');
    expect(textOf(contentOf(reply!))).toMatch(/Reply from Dr Lee[\s\S]*Thread[\s\S]*Dr Kim.*can you see her before noon\?/);
    // Answering acknowledges, and the sender's card lists the reply.
    expect(textOf(latest(senderCardId))).toMatch(/Acknowledged by Dr Lee[\s\S]*Reply from Dr Lee[\s\S]*Thread[\s\S]*Dr Lee.*Yes, at 11/);

    const replyId = messageIdOf(contentOf(reply!));
    await click('message.reply', { messageId: replyId, text: 'Thanks' }, reply!.id, KIM);
    await runJobs();
    const threads = await service.db.query<{ thread_id: string; text: string }>('SELECT thread_id, text FROM clinician_messages WHERE thread_id = $1 ORDER BY sent_at', [messageId]);
    expect(threads.map((row) => row.text)).toEqual(['can you see her before noon?', 'Yes, at 11', 'Thanks']);
    expect(connector.sent.some((sent) => sent.conversationId === personalChat(LEE.aadObjectId) && textOf(contentOf(sent)).includes('Thanks'))).toBe(true);
  });

  it('tells the sender when the recipient does not have Rounds (and it cannot be added for them)', async () => {
    connector.failNext({ method: 'POST', conversationId: `new:${PARK.aadObjectId}`, status: 403, code: 'Forbidden' });
    const { senderCardId } = await send('message Dr Park: are you free for a consult?');
    expect(textOf(latest(senderCardId))).toMatch(/Not delivered: Dr Park has not added Rounds in Teams/);
    // A routine message has no escalation to move ahead.
    expect(textOf(latest(senderCardId))).not.toMatch(/at once/);
  });
});

describe('escalation, on the service clock', () => {
  afterEach(async () => {
    shiftMs = 0;
  });

  it('re-alerts the recipient, then the backup, then the channel; each step on the sender’s card', async () => {
    const { senderCardId, messageId } = await send(`urgent message cardiology on call about ${PATIENT.name}: K+ 6.1, ECG changes`);
    await at(4);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(1);

    await at(5);
    const toLee = posted(personalChat(LEE.aadObjectId), messageId);
    expect(toLee).toHaveLength(2);
    expect(toLee[1]!.activity.summary).toBe('Reminder: urgent message from Dr Kim');

    await at(10);
    const [toChen] = posted(personalChat(CHEN.aadObjectId), messageId);
    expect(toChen!.activity.summary).toBe('Urgent message for Dr Lee, not acknowledged: you are the backup');
    expect(titles(contentOf(toChen!))).toContain('Acknowledge');

    await at(15);
    const [toChannel] = posted(TEAM_ID, messageId).filter((sent) => sent.id !== senderCardId);
    expect(toChannel!.activity.summary).toBe('Urgent message for Dr Lee, not acknowledged');
    expect(textOf(latest(senderCardId))).toMatch(/Dr Lee alerted again[\s\S]*Sent to the backup, Dr Chen[\s\S]*Posted to the care team's channel/);

    // Anyone of the care team may take it from the channel now; the sender sees who did.
    const answer = await click('message.acknowledge', { messageId }, toChannel!.id, PARK, TEAM_ID);
    expect(textOf(answer.body.value)).toMatch(/Acknowledged by Dr Park/);
    await runJobs();
    expect(textOf(latest(senderCardId))).toMatch(/Acknowledged by Dr Park at/);
    expect(textOf(latest(toChen!.id))).toMatch(/Acknowledged by Dr Park at/);
  });

  it('sends an urgent message its recipient cannot get to the backup at once', async () => {
    connector.failNext({ method: 'POST', conversationId: `new:${LEE.aadObjectId}`, status: 403, code: 'Forbidden' });
    const { senderCardId, messageId } = await send(`urgent message cardiology on call about ${PATIENT.name}: new AF, rate 150`);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(0);
    expect(posted(personalChat(CHEN.aadObjectId), messageId)).toHaveLength(1);
    expect(textOf(latest(senderCardId))).toMatch(/Not delivered: Dr Lee has not added Rounds[\s\S]*It went to the backup, Dr Chen, at once\.[\s\S]*Sent to the backup, Dr Chen/);
  });

  it('stops escalating once acknowledged', async () => {
    const { messageId } = await send(`urgent message cardiology on call about ${PATIENT.name}: BP 80/50`);
    const [delivered] = posted(personalChat(LEE.aadObjectId), messageId);
    await click('message.acknowledge', { messageId }, delivered!.id, LEE);
    await at(20);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(1);
    expect(posted(personalChat(CHEN.aadObjectId), messageId)).toHaveLength(0);
    expect(posted(TEAM_ID, messageId).length).toBe(1);
    const jobs = await service.db.query<{ done: boolean }>(`SELECT done_at IS NOT NULL AS done FROM jobs WHERE dedupe_key LIKE $1`, [`message-escalate:${messageId}:%`]);
    expect(jobs).toEqual([{ done: true }, { done: true }, { done: true }]);
  });

  it('never escalates a routine message', async () => {
    const { messageId } = await send('message Dr Lee: routine question about tomorrow');
    await at(120);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(1);
    expect(await service.db.query('SELECT 1 FROM jobs WHERE dedupe_key LIKE $1', [`message-escalate:${messageId}:%`])).toEqual([]);
  });

  it('fires each step once across a restart in the middle of an escalation', async () => {
    const { messageId } = await send('urgent message cardiology on call: bed 7 needs review');
    await at(6);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(2);

    await service.close();
    service = await start();
    await at(16);
    expect(posted(personalChat(LEE.aadObjectId), messageId)).toHaveLength(2);
    expect(posted(personalChat(CHEN.aadObjectId), messageId)).toHaveLength(1);
    expect(posted(TEAM_ID, messageId).length).toBe(2);
    await at(30);
    expect(posted(personalChat(CHEN.aadObjectId), messageId)).toHaveLength(1);
    const steps = await service.db.query<{ attempts: number }>(`SELECT attempts FROM jobs WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`, [`message-escalate:${messageId}:%`]);
    expect(steps).toEqual([{ attempts: 1 }, { attempts: 1 }, { attempts: 1 }]);
  });
});

describe('patient data', () => {
  it('keeps the patient and the text out of every notification preview and every log line', () => {
    const previews: unknown[] = connector.sent.flatMap((sent) => [sent.activity.summary, sent.activity.attachments?.[0] ? String(contentOf(sent).fallbackText ?? '') : '']).filter(Boolean);
    expect(previews.length).toBeGreaterThan(10);
    for (const preview of previews) expect(String(preview)).not.toMatch(PHI);
    expect(previews).toEqual(expect.arrayContaining(['Urgent message from Dr Kim', 'Message from Dr Kim']));
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.join('')).not.toMatch(PHI);
  });
});

describe('retention', () => {
  afterAll(() => {
    shiftMs = 0;
  });

  it('purges messages (and their cards) past the retention period with the daily job, and keeps newer ones', async () => {
    const [before] = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM clinician_messages');
    expect(before!.n).toBeGreaterThan(5);
    await at(29 * 1440);
    const { messageId } = await send('message Dr Lee: sent four weeks later');
    await at(31 * 1440 + 60);
    const left = await service.db.query<{ id: string }>('SELECT id FROM clinician_messages');
    expect(left).toEqual([{ id: messageId }]);
    expect(await service.db.query('SELECT 1 FROM clinician_message_cards WHERE message_id <> $1', [messageId])).toEqual([]);
  });
});
