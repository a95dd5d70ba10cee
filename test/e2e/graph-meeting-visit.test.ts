/**
 * A visit with MEETING_PROVIDER=graph, end to end: the real service against the Graph stand-in
 * (which checks Microsoft's contract), the patient's page in Chromium at phone size, the clinician's
 * clicks as Teams sends them. Rounds is the gate: the Teams meeting lets everyone with its link in, so
 * the link reaches the patient only when a clinician admits them, and the meeting is deleted (its
 * link stops working) when the visit ends. Teams itself is not reachable here: its join page is
 * answered by the test, from the stand-in's knowledge of which meetings still exist.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { graphMeetingSettings, startFakeGraph, type FakeGraph } from '../fakes/fake-graph';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { launchMediaChromium } from '../support/media-browser';
import { NO_SANDBOX, postActivity, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { actionExecute } from '../support/visit-activities';

const STEP_TIMEOUT = 60_000;
const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const LEE = { id: '29:user-lee', name: 'Dr Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1' };
const TENANT = 'dev-tenant';
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: null };

let graph: FakeGraph;
let connector: ConnectorStandIn;
let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** Every request for a Teams join page, and whether the meeting was still there. */
const teamsVisits: { url: string; joinable: boolean }[] = [];
let visit: { id: string; patientJoinUrl: string };
let joinWebUrl: string;

type TeamsActivity = { conversation: Record<string, unknown>; channelData: Record<string, unknown> } & Record<string, unknown>;

/** Dr Lee clicks a button of a visit's card (an adaptiveCard/action invoke, as Teams sends it). */
async function clickAsLee(verb: string, data: Record<string, unknown>): Promise<Response> {
  const click = actionExecute(connector.url, verb, data, 'visit-card-1', { from: LEE, conversationId: `a:personal-${LEE.aadObjectId}` }) as unknown as TeamsActivity;
  return postActivity(service, { ...click, conversation: { ...click.conversation, tenantId: TENANT }, channelData: { ...click.channelData, tenant: { id: TENANT } } });
}

const onService = (link: string) => `${service.url}${new URL(link).pathname}`;
const token = () => new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '';

async function until(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  [graph, connector, browser] = await Promise.all([startFakeGraph({ users: [LEE.aadObjectId] }), startConnectorStandIn(), launchMediaChromium()]);
  service = await startRoundsForTest({
    ...NO_SANDBOX,
    INTEGRATION_API_KEY: KEY,
    LOBBY_IDENTITY: 'none',
    ...graphMeetingSettings(graph),
  });
  context = await browser.newContext({ reducedMotion: 'reduce', locale: 'en-US' });
  context.setDefaultTimeout(20_000);
  await context.route('https://teams.microsoft.com/**', async (route) => {
    const url = route.request().url();
    const joinable = graph.joinable(url);
    teamsVisits.push({ url, joinable });
    await route.fulfill(
      joinable
        ? { status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Teams meeting</title><h1>Microsoft Teams meeting</h1></html>' }
        : { status: 404, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Not found</title><h1>This meeting has ended</h1></html>' },
    );
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  // A phone.
  await page.setViewportSize({ width: 360, height: 740 });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
  await connector?.close();
  await graph?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
  expect(graph.unexpected).toEqual([]);
});

describe('a visit in a Teams meeting, with Rounds as the gate', () => {
  it(
    'creates the meeting with the lobby bypassed for everyone (not dial-in callers), and tells the patient only the Rounds link',
    async () => {
      const start = new Date(Date.now() + 10 * 60_000).toISOString();
      const response = await api(
        service,
        'POST',
        '/api/visits',
        {
          patient: { name: 'Jane Doe', birthDate: '1980-04-02' },
          start,
          durationMinutes: 30,
          clinicians: [{ aadObjectId: LEE.aadObjectId, name: LEE.name }],
          patientContact: { phone: '+15551234567', email: 'jane@example.org' },
        },
        { authorization: `Bearer ${KEY}` },
      );
      expect(response.status).toBe(201);
      visit = (await response.json()) as { id: string; patientJoinUrl: string };

      expect(graph.meetings).toHaveLength(1);
      const [meeting] = graph.meetings;
      expect(meeting).toMatchObject({ organizerId: LEE.aadObjectId, externalId: visit.id, lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: false }, deleted: false });
      joinWebUrl = meeting!.joinWebUrl;

      // The invitation (SMS and email, in the dev outbox) carries the Rounds lobby link, never the meeting's.
      await until(async () => (await service.db.query('SELECT 1 FROM outbox_messages WHERE visit_id = $1', [visit.id])).length >= 2, 'the invitations');
      const messages = await service.db.query<{ channel: string; body: string; html: string | null; ics: string | null }>('SELECT channel, body, html, ics FROM outbox_messages WHERE visit_id = $1', [visit.id]);
      expect(messages.map((message) => message.channel).sort()).toEqual(['email', 'sms']);
      for (const message of messages) {
        expect(message.body).toContain(new URL(visit.patientJoinUrl).pathname);
        expect(JSON.stringify(message)).not.toContain('teams.microsoft.com');
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'keeps the join link off the patient’s page and its API while they wait',
    async () => {
      expect((await api(service, 'POST', `/api/lobby/${token()}/device-check`, OK_DEVICES)).status).toBe(200);
      expect((await api(service, 'POST', `/api/lobby/${token()}/check-in`, {})).status).toBe(200);

      await page.goto(onService(visit.patientJoinUrl));
      await page.getByRole('heading', { level: 1, name: 'You are in the waiting room' }).waitFor();
      await page.getByText('Connected: this page updates by itself.').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      const lobby = await api(service, 'GET', `/api/lobby/${token()}`);
      const body = await lobby.text();
      expect(JSON.parse(body)).toMatchObject({ phase: 'waiting', joinUrl: null });
      expect(body).not.toContain('teams.microsoft.com');
      expect(await page.content()).not.toContain('teams.microsoft.com');
      expect(teamsVisits).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'sends the patient straight into the Teams meeting when Dr Lee admits them',
    async () => {
      expect((await clickAsLee('visit.admit', { visitId: visit.id, viewers: [], card: 'visit' })).status).toBe(200);

      await page.waitForURL(joinWebUrl);
      await page.getByRole('heading', { name: 'Microsoft Teams meeting' }).waitFor();
      expect(teamsVisits).toEqual([{ url: joinWebUrl, joinable: true }]);
      expect(await (await api(service, 'GET', `/api/lobby/${token()}`)).json()).toMatchObject({ phase: 'admitted', joinUrl: joinWebUrl });
    },
    STEP_TIMEOUT,
  );

  it(
    'deletes the meeting when Dr Lee ends the visit: its link stops working and the patient’s link says the visit is over',
    async () => {
      const answer = await clickAsLee('visit.end', { visitId: visit.id, viewers: [], card: 'visit' });
      expect(answer.status).toBe(200);
      expect(JSON.stringify(await answer.json())).toMatch(/Done · (<1|\d+) min/);

      await until(() => graph.meetings[0]!.deleted, 'the meeting deleted');
      expect(graph.graphRequests().filter((request) => request.method === 'DELETE').map((request) => request.status)).toEqual([204]);

      // The forwarded or bookmarked join link no longer opens a meeting.
      await page.goto(joinWebUrl);
      await page.getByRole('heading', { name: 'This meeting has ended' }).waitFor();
      expect(teamsVisits.at(-1)).toEqual({ url: joinWebUrl, joinable: false });

      await page.goto(onService(visit.patientJoinUrl));
      await page.getByRole('heading', { level: 1, name: 'This visit is over' }).waitFor();
      expect(await (await api(service, 'GET', `/api/lobby/${token()}`)).json()).toMatchObject({ phase: 'ended', joinUrl: null });
      expect(await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, { authorization: `Bearer ${KEY}` })).json()).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    },
    STEP_TIMEOUT,
  );
});
