/**
 * Proactive delivery against both faces of the Bot Connector stand-in: Teams as Microsoft documents
 * it, and the Agents Playground as recorded (a 1:1 chat created for an Entra id takes no message:
 * 500 UserNotFound on every try). Wherever the 1:1 alert or message cannot arrive, the person waiting
 * for it learns so on the card they have, at once, and no job retries in silence.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { TEAM_ID, TENANT_ID, teamInstallation, USER } from '../support/activities';
import { answerIn, type ConnectorFace, type ConnectorStandIn, type SentActivity, startConnectorStandIn } from '../support/connector-stand-in';
import { postActivity, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { elementsOf, messageFrom } from '../support/visit-activities';

type Json = ReturnType<typeof JSON.parse>;

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
const KIM = { ...USER, email: 'kim@hospital.example' };
/** A member of the care team who has never opened a chat with Rounds. */
const LEE = { id: '29:user-lee', name: 'Dr Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1', email: 'lee@hospital.example' };
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: 'test' };

const contentOf = (sent: { activity: SentActivity['activity'] }): Json => sent.activity.attachments![0]!.content;
type Shown = { text?: string; facts?: { title: string; value: string }[] };
const textOf = (card: Json): string =>
  (elementsOf(card) as Shown[]).flatMap((element) => [element.text ?? '', ...(element.facts ?? []).map((fact) => `${fact.title} ${fact.value}`)]).join('\n');
const titles = (card: Json): string[] => ((card.actions ?? []) as Json[]).map((action) => String(action.title));

describe.each<ConnectorFace>(['teams', 'playground'])('delivery when the client is %s', (face) => {
  let connector: ConnectorStandIn;
  let service: RoundsService;

  beforeAll(async () => {
    // The Playground knows its people by Teams user id only (user-id-N there; 29:… here).
    connector = await startConnectorStandIn({ face, users: [KIM.id, LEE.id] });
    connector.members.set(TEAM_ID, [KIM, LEE]);
    // Integration API visits belong to the dev tenant: the tenant of the Teams activities here.
    service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY, LOBBY_OPENS_BEFORE_MINUTES: '1440', DEV_TENANT_ID: TENANT_ID });
    await postActivity(service, teamInstallation(connector.url, 'add'));
  }, SERVICE_START_TIMEOUT_MS);

  afterAll(async () => {
    await service.close();
    await connector.close();
  });

  afterEach(() => {
    expect(connector.unexpected).toEqual([]);
  });

  const runJobs = () => runJobsUntilIdle(service);

  /** The newest version of the card `activityId` (its last update, else as posted). */
  function latest(activityId: string): Json {
    const update = [...connector.updated].reverse().find((updated) => updated.activityId === activityId);
    return update ? contentOf(update) : contentOf(connector.sent.find((sent) => sent.id === activityId)!);
  }

  async function jobAttempts(dedupePattern: string): Promise<{ done: boolean; attempts: number }[]> {
    return service.db.query<{ done: boolean; attempts: number }>('SELECT done_at IS NOT NULL AS done, attempts FROM jobs WHERE dedupe_key LIKE $1 ORDER BY id', [dedupePattern]);
  }

  it('shows a waiting patient on the visit card with Admit whatever becomes of the clinician’s 1:1 alert, and says when it did not arrive', async () => {
    const start = new Date(Date.now() + 30 * 60_000).toISOString();
    const created = await api(service, 'POST', '/api/visits', { patient: { name: 'Jane Doe', birthDate: '1980-04-02' }, start, durationMinutes: 30, clinicians: [{ aadObjectId: LEE.aadObjectId, name: LEE.name }] }, auth);
    expect(created.status).toBe(201);
    const visit = (await created.json()) as { id: string; patientJoinUrl: string };
    await new SqlVisitStore(service.db).enqueue([{ job: { kind: 'visit.post-card', visitId: visit.id, conversationId: TEAM_ID }, runAt: new Date(), dedupeKey: `post-card:${visit.id}` }]);
    await runJobs();
    const channelCard = connector.sent.find((sent) => sent.conversationId === TEAM_ID && JSON.stringify(sent.activity).includes(visit.id));
    expect(channelCard).toBeDefined();

    const token = new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '';
    const lobby = (path: string, body: unknown, cookie?: string) => api(service, 'POST', `/api/lobby/${token}${path}`, body, cookie ? { cookie } : {});
    const identify = await lobby('/identify', { firstName: 'Jane', birthYear: 1980 });
    const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await lobby('/device-check', OK_DEVICES, cookie)).status).toBe(200);
    expect((await lobby('/check-in', {}, cookie)).status).toBe(200);
    await runJobs();

    const card = latest(channelCard!.id);
    expect(textOf(card)).toMatch(/Jane D\. waiting · devices OK/);
    expect(titles(card)).toContain('Admit');
    const alerted = connector.sent.filter((sent) => sent.conversationId === `a:personal-${LEE.aadObjectId}`);
    const timeline = await service.db.query<{ kind: string }>('SELECT kind FROM visit_events WHERE visit_id = $1 ORDER BY id', [visit.id]);
    if (face === 'teams') {
      expect(alerted).toHaveLength(1);
      expect(textOf(card)).not.toMatch(/could not be alerted/);
      expect(timeline.map((event) => event.kind)).toContain('clinicians_alerted');
    } else {
      expect(alerted).toHaveLength(0);
      expect(connector.failed).toContain(`POST a:personal-${LEE.aadObjectId} 500`);
      expect(textOf(card)).toMatch(/Dr Lee could not be alerted in a 1:1 chat: Teams could not open a chat with them here\. Admit the patient from this card\./);
      expect(timeline.map((event) => event.kind)).toContain('alert_failed');
      expect(timeline.map((event) => event.kind)).not.toContain('clinicians_alerted');
    }
    // Tried once: a refusal that repeats is not retried.
    expect(await jobAttempts(`lobby-alert:${visit.id}:%:0`)).toEqual([{ done: true, attempts: 1 }]);
  });

  it('moves the sender’s card on from "Sending…": delivered, or not delivered with what to do', async () => {
    const before = connector.sent.length;
    const activity = messageFrom(connector.url, 'message Dr Lee about Margaret Okafor: K+ 6.1 this morning, please review', { scope: 'channel', conversationId: TEAM_ID, from: KIM });
    const response = await postActivity(service, activity);
    expect(response.status).toBe(200);
    const reply = answerIn(connector.sent, before, activity);
    const messageId = JSON.stringify(contentOf(reply)).match(/"messageId":"([0-9a-f-]{36})"/)?.[1] ?? '';
    expect(messageId).not.toBe('');
    await runJobs();

    const sender = textOf(latest(reply.id));
    expect(sender).not.toMatch(/Sending…/);
    if (face === 'teams') expect(sender).toMatch(/Delivered at/);
    else expect(sender).toMatch(/Not delivered: Teams could not open a chat between Rounds and Dr Lee\. Call them instead\./);
    // Tried once: a refusal that repeats is not retried.
    const deliveries = await service.db.query<{ done: boolean; attempts: number }>(
      `SELECT done_at IS NOT NULL AS done, attempts FROM jobs WHERE payload->>'kind' = 'message.deliver' AND payload->>'messageId' = $1`,
      [messageId],
    );
    expect(deliveries).toEqual([{ done: true, attempts: 1 }]);
  });
});
