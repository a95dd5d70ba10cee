/**
 * The patient's side of the virtual lobby in a real browser against the real service (dev mode):
 * the link from the SMS or email, the identity check, the device check with Chromium's fake camera
 * and microphone, check-in and the waiting room; a dead link; axe-core scans in light and dark.
 *
 * The steps run in order on one page and build on each other.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { launchMediaChromium } from '../support/media-browser';
import { makeDataDir, NO_SANDBOX, postActivity, startRoundsForTest } from '../support/rounds-under-test';
import { tokenOfLink } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { actionExecute } from '../support/visit-activities';

const STEP_TIMEOUT = 60_000;
const KEY = 'integration-key-0123456789-abcdefghijklmnop';
/** The visit's clinician, as Teams names her in the Admit click. In dev mode integration visits belong to the dev tenant. */
const LEE = { id: '29:user-lee', name: 'Dr Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1' };
const TENANT = 'dev-tenant';

let service: RoundsService;
/** Where the bot's replies and card updates go (the serviceUrl of the Admit click). */
let connector: ConnectorStandIn;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];
let visit: { id: string; patientJoinUrl: string };
/** Kept across a restart of the service: the database and the key that signs patient links. */
let dataDir: string;

async function createVisit(): Promise<{ id: string; patientJoinUrl: string }> {
  const start = new Date(Date.now() + 10 * 60_000).toISOString();
  const response = await api(
    service,
    'POST',
    '/api/visits',
    { patient: { name: 'Jane Doe', mrn: 'MRN-4242', birthDate: '1980-04-02' }, start, durationMinutes: 30, clinicians: [{ aadObjectId: LEE.aadObjectId, name: LEE.name }], reason: 'Post-op wound check' },
    { authorization: `Bearer ${KEY}` },
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; patientJoinUrl: string };
}

/** PUBLIC_URL names port 0 in tests: the link's path on the service's real address. */
const onService = (link: string) => `${service.url}${new URL(link).pathname}`;

type TeamsActivity = { conversation: Record<string, unknown>; channelData: Record<string, unknown> } & Record<string, unknown>;

/** Dr Lee clicks a button of the lobby card in her chat with Rounds (an adaptiveCard/action invoke, as Teams sends it). */
async function clickAsLee(verb: string, data: Record<string, unknown>): Promise<Response> {
  const click = actionExecute(connector.url, verb, data, 'lobby-card-1', { from: LEE, conversationId: `a:personal-${LEE.aadObjectId}` }) as unknown as TeamsActivity;
  return postActivity(service, { ...click, conversation: { ...click.conversation, tenantId: TENANT }, channelData: { ...click.channelData, tenant: { id: TENANT } } });
}

async function newPage(): Promise<Page> {
  const opened = await context.newPage();
  opened.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  opened.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return opened;
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  connector = await startConnectorStandIn();
  [service, browser] = await Promise.all([startRoundsForTest({ INTEGRATION_API_KEY: KEY, ...NO_SANDBOX, DATA_DIR: dataDir }), launchMediaChromium()]);
  context = await browser.newContext({ reducedMotion: 'reduce', timezoneId: 'America/New_York', locale: 'en-US' });
  context.setDefaultTimeout(20_000);
  // The lobby's CSP allows no inline script, so axe cannot be added as a <script> later: it comes
  // with every document, as an extension's script would.
  await context.addInitScript({ path: require.resolve('axe-core') });
  page = await newPage();
  // A phone.
  await page.setViewportSize({ width: 390, height: 844 });
  visit = await createVisit();
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
  await connector?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
  expect(cspViolations).toEqual([]);
});

async function expectNoSeriousAxeViolations(where: string): Promise<void> {
  const blocking = seriousOrCritical(await axeViolations(page));
  expect({ where, violations: blocking }).toEqual({ where, violations: [] });
}

/** Also in the dark, as a phone set to dark mode shows the page. */
async function expectNoSeriousAxeViolationsLightAndDark(where: string): Promise<void> {
  await expectNoSeriousAxeViolations(`${where} (light)`);
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    await expectNoSeriousAxeViolations(`${where} (dark)`);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

const heading = (name: string) => page.getByRole('heading', { level: 1, name });
const checkItem = (name: string) => page.getByRole('listitem', { name });

describe('the lobby, as a patient uses it', () => {
  it(
    'opens the link: the visit’s time and clinician, nothing clinical, then asks who the visit is for',
    async () => {
      const response = await page.goto(onService(visit.patientJoinUrl));
      expect(response?.status()).toBe(200);
      await heading('Confirm who the visit is for').waitFor();

      // The browser's zone (New York), not the service's (UTC).
      const visitStart = (await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, { authorization: `Bearer ${KEY}` })).json()) as { start: string };
      const expectedTime = new Intl.DateTimeFormat('en-US', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone: 'America/New_York',
      }).format(new Date(visitStart.start));
      expect(expectedTime).toMatch(/E[SD]T$/);
      const main = await page.getByRole('main').innerText();
      expect(main).toContain(expectedTime);
      expect(main).toContain('Dr Lee');
      expect(main).not.toMatch(/Jane|Doe|MRN|4242|wound|1980/i);
      expect(await page.evaluate(() => document.querySelectorAll('script[src*="teams-js"], link[href*="teams-js"]').length)).toBe(0);
      await expectNoSeriousAxeViolationsLightAndDark('the identity check');
    },
    STEP_TIMEOUT,
  );

  it(
    'refuses wrong details gently, and lets the right ones through',
    async () => {
      await page.getByLabel('First name').fill('Joan');
      await page.getByLabel('Year of birth').fill('1980');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('alert').getByText(/Those details do not match/).waitFor();

      await page.getByLabel('First name').fill('jane');
      await page.getByLabel('Year of birth').press('Enter');
      await heading('Check your camera, microphone and sound').waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'checks the devices: the camera preview plays, the microphone meter moves, the browser and the connection pass',
    async () => {
      await checkItem('Internet connection').getByRole('status').getByText('Working').waitFor();
      await checkItem('Browser').getByRole('status').getByText('Working').waitFor();

      await page.getByRole('button', { name: 'Test my camera and microphone' }).click();
      await checkItem('Camera').getByRole('status').getByText('Working').waitFor();
      await page.waitForFunction(() => {
        const video = document.querySelector<HTMLVideoElement>('video[aria-label="Your camera preview"]');
        return !!video && !video.paused && video.readyState >= 2 && video.videoWidth > 0;
      });
      // Chromium's fake microphone beeps: the meter must move off zero, and the check pass.
      await page.waitForFunction(() => Number(document.querySelector('[role="meter"]')?.getAttribute('aria-valuenow') ?? 0) > 0);
      await checkItem('Microphone').getByRole('status').getByText('Working').waitFor();

      await page.getByRole('button', { name: 'Play test sound' }).click();
      await page.getByRole('group', { name: 'Did you hear three beeps?' }).getByRole('button', { name: 'Yes, I heard them' }).click();
      await checkItem('Sound').getByRole('status').getByText('Working').waitFor();
      await page.getByText('Everything works. Check in to tell the clinic you are here.').waitFor();
      await expectNoSeriousAxeViolationsLightAndDark('the device check');
    },
    STEP_TIMEOUT,
  );

  it(
    'checks in and waits in the waiting room, live, readable on a 320 px screen',
    async () => {
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await heading('You are in the waiting room').waitFor();
      await page.getByText('Connected: this page updates by itself.').waitFor();
      // Whether the alert job has reached Dr Lee yet does not matter here: either line is right.
      await page.getByText(/^(We are letting Dr Lee know you are here|Dr Lee has been told you are here)\.$/).waitFor();
      // The camera and microphone are off again while the patient waits.
      expect(await page.locator('video').count()).toBe(0);

      const status = (await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, { authorization: `Bearer ${KEY}` })).json()) as { status: string };
      expect(status.status).toBe('waiting');

      await page.setViewportSize({ width: 320, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await expectNoSeriousAxeViolationsLightAndDark('the waiting room');
    },
    STEP_TIMEOUT,
  );

  it(
    'keeps the place through a reload: the server holds it',
    async () => {
      await page.reload();
      await heading('You are in the waiting room').waitFor();
      await page.getByText('Connected: this page updates by itself.').waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'reconnects by itself after the service restarts, still in the waiting room',
    async () => {
      const port = new URL(service.url).port;
      await service.close();
      await page.getByText('Connection lost. Reconnecting… You keep your place.').waitFor();
      service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY, ...NO_SANDBOX, DATA_DIR: dataDir, PORT: port });

      // EventSource retries every 2 s (the stream's `retry:`); the page also re-reads the view with backoff.
      await page.getByText('Connected: this page updates by itself.').waitFor({ timeout: 30_000 });
      await heading('You are in the waiting room').waitFor();
      await page.getByText(/^(We are letting Dr Lee know you are here|Dr Lee has been told you are here)\.$/).waitFor();
    },
    3 * STEP_TIMEOUT,
  );

  it(
    'shows the clinician’s message as it arrives',
    async () => {
      expect((await clickAsLee('visit.message', { visitId: visit.id, message: 'Running about 10 minutes late' })).status).toBe(200);

      const log = page.getByRole('log', { name: 'Messages with the clinic' });
      await log.getByText('Running about 10 minutes late').waitFor();
      expect(await log.getByRole('listitem').innerText()).toMatch(/Running about 10 minutes late\s+Dr Lee, \d{1,2}:\d{2}\s?[AP]M/);
    },
    STEP_TIMEOUT,
  );

  it(
    'sends the clinic a message from the phone after a reload (the ticket in its cookie), and shows it as the patient’s own',
    async () => {
      const field = page.getByLabel('Message the clinic');
      await field.fill('running 5 minutes late');
      await page.getByText('22 of 300 characters').waitFor();
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Sent. The clinic can see your message.').waitFor();

      const log = page.getByRole('log', { name: 'Messages with the clinic' });
      expect(await log.getByRole('listitem').last().innerText()).toMatch(/running 5 minutes late\s+You, \d{1,2}:\d{2}\s?[AP]M/);
      // The form fits the phone: nothing to scroll sideways.
      const box = await field.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      const lobby = (await (await api(service, 'GET', `/api/lobby/${tokenOfLink(visit.patientJoinUrl)}`)).json()) as { messages: { text: string; participant: string | null }[] };
      expect(lobby.messages.map((message) => [message.participant, message.text])).toEqual([
        [null, 'Running about 10 minutes late'],
        ['patient', 'running 5 minutes late'],
      ]);
      await expectNoSeriousAxeViolationsLightAndDark('the waiting room with a message sent');
    },
    STEP_TIMEOUT,
  );

  it(
    'shows an unknown link a friendly page with nothing about any visit',
    async () => {
      const stranger = await newPage();
      try {
        await stranger.goto(`${service.url}/lobby/${'A'.repeat(48)}`);
        await stranger.getByRole('heading', { level: 1, name: 'This link is not valid any more' }).waitFor();
        await stranger.getByText('Please use the newest message you received, or call the clinic.').waitFor();
        expect(await stranger.getByRole('main').innerText()).not.toMatch(/Dr Lee|Jane|minutes/);
        const blocking = seriousOrCritical(await axeViolations(stranger));
        expect(blocking).toEqual([]);
      } finally {
        await stranger.close();
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'goes straight into the visit when the clinician clicks Admit, carried by its live stream',
    async () => {
      // The built-in room is on PUBLIC_URL, which names port 0 in tests: a stand-in page answers there.
      await page.route(/\/rooms\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Visit room</title><h1>Visit room</h1>' }));
      const arrived = page.waitForRequest(/\/rooms\//);
      // The page asks for its view again only while its stream is down: none of these means the
      // admission came over the stream (how fast it came is for `npm run bench:lobby` to measure).
      const token = tokenOfLink(visit.patientJoinUrl);
      const refetches: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'GET' && new URL(request.url()).pathname === `/api/lobby/${token}`) refetches.push(request.url());
      });

      const answered = await clickAsLee('visit.admit', { visitId: visit.id });
      expect(answered.status).toBe(200);

      const request = await arrived;
      expect(request.url()).toMatch(/\/rooms\/[^?]+\?patient=/);
      expect(refetches).toEqual([]);
      await page.getByRole('heading', { level: 1, name: 'Visit room' }).waitFor();
    },
    STEP_TIMEOUT,
  );
});
