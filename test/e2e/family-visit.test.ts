/**
 * Issue 15's "done when", end to end in real browsers against the real service (dev mode): a visit
 * booked through the integration API with a family guest and an interpreter; the patient and both
 * guests each open their own link on a phone-sized page, confirm who they are (a guest with the code
 * from their message in the outbox), pass the device check with Chromium's fake camera and
 * microphone, and wait; the clinician clicks "Admit everyone" in My visits; all three are connected
 * with the clinician in the built-in video room; the clinician ends the visit; the Dashboard shows
 * the visit with its wait, length and call quality.
 *
 * Every step waits for a state the product shows (a heading, a connected peer, a measured call, a
 * timeline line), never for time. The steps run in order and build on each other.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { launchMediaChromium } from '../support/media-browser';
import { NO_SANDBOX, freePort, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const STEP_TIMEOUT = 120_000;
const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const integration = { authorization: `Bearer ${KEY}` };
/** The tab pages' dev identity, named as the visit's clinician through the integration API (which takes Entra ids). */
const CLINICIAN = { aadObjectId: '3d9a6c1e-5b7f-4a2d-9e8c-1f0b2a3c4d5e', name: 'Dr Sam Kim' };
const TEAM = 'dev-team';
const PATIENT = { name: 'Margaret Okafor', birthDate: '1948-03-02', firstName: 'Margaret', birthYear: '1948' };
const DAUGHTER = { name: 'Ada Okafor', relationship: 'daughter', phone: '+15550001111' };
const INTERPRETER = { name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: '+15550002222' };

interface BookedVisit {
  id: string;
  start: string;
  patientJoinUrl: string;
  clinicianJoinUrl: string;
  guests: { id: string; name: string; joinUrl: string }[];
}

interface Phone {
  who: string;
  page: Page;
}

let service: RoundsService;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
/** What the pages warned about (a signal not delivered, a connection not updated), for a failure to show. */
const pageWarnings: string[] = [];
let visit: BookedVisit;
let phones: Phone[];
let clinician: Page;

async function contextFor(options: { phone: boolean }): Promise<BrowserContext> {
  // Every page reads its days in UTC, as the figures are asked for below.
  const context = await browser.newContext({ reducedMotion: 'reduce', timezoneId: 'UTC', viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
  contexts.push(context);
  // The room page loads teams-js for a clinician, which asks Microsoft's CDN for its Teams origins.
  await context.route('**/validDomains.json', (route) => route.fulfill({ json: { validOrigins: [] } }));
  await context.grantPermissions(['camera', 'microphone'], { origin: service.url });
  context.setDefaultTimeout(60_000);
  return context;
}

async function pageOf(who: string, context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') pageWarnings.push(`${who}: ${message.text().slice(0, 300)}`);
  });
  return page;
}

/** The 6-digit code the guest's SMS carried, from the outbox (where messages stay in dev mode). */
async function codeSentTo(phone: string): Promise<string> {
  await runJobsUntilIdle(service);
  const [sms] = await service.db.query<{ body: string }>('SELECT body FROM outbox_messages WHERE visit_id = $1 AND recipient = $2', [visit.id, phone]);
  const code = /check-in code: (\d{6})/.exec(sms?.body ?? '')?.[1];
  if (!code) throw new Error('no check-in code was sent');
  return code;
}

/** The device check as a person does it: camera and microphone, then the three beeps. */
async function passDeviceCheck(page: Page): Promise<void> {
  const item = (name: string) => page.getByRole('listitem', { name }).getByRole('status').getByText('Working');
  await page.getByRole('heading', { level: 1, name: 'Check your camera, microphone and sound' }).waitFor();
  await page.getByRole('button', { name: 'Test my camera and microphone' }).click();
  await item('Camera').waitFor();
  await item('Microphone').waitFor();
  await page.getByRole('button', { name: 'Play test sound' }).click();
  await page.getByRole('group', { name: 'Did you hear three beeps?' }).getByRole('button', { name: 'Yes, I heard them' }).click();
  await item('Sound').waitFor();
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'You are in the waiting room' }).waitFor();
}

/**
 * The room page shows `count` other people, each with a connected call. When it does not, the failure
 * says where every page in the room stands (its room state and each peer's call state).
 */
async function connectedTo(page: Page, count: number): Promise<void> {
  try {
    await page.waitForFunction((n) => document.querySelectorAll('[data-peer-state="connected"]').length === n, count);
    await page.locator('.room[data-state="connected"]').waitFor();
  } catch (error) {
    const where = [{ who: 'clinician', page: clinician }, ...phones].map(async ({ who, page: other }) => {
      const state = await other.evaluate(() => ({
        room: document.querySelector('.room')?.getAttribute('data-state') ?? 'no room',
        peers: [...document.querySelectorAll('[data-peer-state]')].map((peer) => peer.getAttribute('data-peer-state')),
      }));
      return `${who}: room ${state.room}, peers [${state.peers.join(', ')}]`;
    });
    throw new Error(`${(error as Error).message}\n${(await Promise.all(where)).join('\n')}\n--- the pages warned:\n${pageWarnings.slice(-20).join('\n')}`);
  }
}

const lobbyOf = async () =>
  (await (await api(service, 'GET', `/api/me/visits/${visit.id}/lobby`)).json()) as { status: string; timeline: { kind: string; at: string; actor: string; detail: Record<string, unknown> }[] };

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  // The patient's links and the built-in room live at PUBLIC_URL: the service's own address here.
  const port = await freePort();
  [service, browser] = await Promise.all([
    startRoundsForTest({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      INTEGRATION_API_KEY: KEY,
      DEV_USER_ID: CLINICIAN.aadObjectId,
      DEV_USER_NAME: CLINICIAN.name,
      ...NO_SANDBOX,
    }),
    launchMediaChromium(),
  ]);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('a family visit with an interpreter, from booking to the Dashboard', () => {
  it(
    'books the visit with a family guest and an interpreter through the integration API',
    async () => {
      const response = await api(
        service,
        'POST',
        '/api/visits',
        {
          patient: { name: PATIENT.name, birthDate: PATIENT.birthDate },
          start: new Date(Date.now() + 5 * 60_000).toISOString(),
          durationMinutes: 30,
          clinicians: [CLINICIAN],
          reason: 'Discharge follow-up',
          patientContact: { phone: '+15550009999' },
          guests: [DAUGHTER, INTERPRETER],
          teamId: TEAM,
        },
        integration,
      );
      expect(response.status).toBe(201);
      visit = (await response.json()) as BookedVisit;
      expect(visit.guests.map((guest) => guest.name)).toEqual([DAUGHTER.name, INTERPRETER.name]);
      expect(new Set([visit.patientJoinUrl, ...visit.guests.map((guest) => guest.joinUrl)]).size).toBe(3);
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the patient and both guests check in on their own phones, and wait',
    async () => {
      const [daughterCode, interpreterCode] = [await codeSentTo(DAUGHTER.phone), await codeSentTo(INTERPRETER.phone)];
      const links = [
        { who: 'patient', link: visit.patientJoinUrl, identity: { 'First name': PATIENT.firstName, 'Year of birth': PATIENT.birthYear }, heading: 'Confirm who the visit is for' },
        { who: 'daughter', link: visit.guests[0]!.joinUrl, identity: { 'First name': 'Ada', 'Code from your message': daughterCode }, heading: 'Confirm who you are' },
        { who: 'interpreter', link: visit.guests[1]!.joinUrl, identity: { 'First name': 'Luis', 'Code from your message': interpreterCode }, heading: 'Confirm who you are' },
      ];
      phones = [];
      for (const { who, link, identity, heading } of links) {
        const page = await pageOf(who, await contextFor({ phone: true }));
        phones.push({ who, page });
        await page.goto(link);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        for (const [label, value] of Object.entries(identity)) await page.getByLabel(label).fill(value);
        await page.getByRole('button', { name: 'Continue' }).click();
        await passDeviceCheck(page);
      }
      const lobby = await lobbyOf();
      expect(lobby.status).toBe('waiting');
      expect(lobby.timeline.filter((event) => event.kind === 'checked_in').map((event) => event.actor).sort()).toEqual(['patient', ...visit.guests.map((guest) => `guest:${guest.id}`)].sort());
    },
    STEP_TIMEOUT,
  );

  it(
    'admits everyone from My visits, and all three are in the room with the clinician',
    async () => {
      clinician = await pageOf('clinician', await contextFor({ phone: false }));
      await clinician.goto(`${service.url}/tabs/my-visits.html`);
      const item = clinician.getByRole('listitem').filter({ has: clinician.getByRole('heading', { level: 3, name: new RegExp(PATIENT.name) }) });
      await item.getByText(/^Margaret O\. and 2 guests waiting$/).waitFor();
      const admitEveryone = item.getByRole('button', { name: `Admit everyone (3) waiting for the visit with ${PATIENT.name}` });
      await admitEveryone.click();
      // Each phone goes from its waiting room into the visit's room by itself.
      for (const { page } of phones) await page.getByRole('heading', { name: 'Your video visit' }).waitFor();

      const join = await item.getByRole('link', { name: `Join visit with ${PATIENT.name}` }).getAttribute('href');
      expect(join).toBe(visit.clinicianJoinUrl);
      await clinician.goto(visit.clinicianJoinUrl);
      await connectedTo(clinician, 3);
      const others = clinician.getByRole('region', { name: 'Other participants' }).locator('figcaption');
      expect((await others.allTextContents()).sort()).toEqual(['a guest', 'a guest', 'the patient']);
      for (const { page } of phones) await connectedTo(page, 3);
    },
    STEP_TIMEOUT,
  );

  it(
    'ends the visit from the room once every call was measured, and records its length and quality',
    async () => {
      // A page reports its call as it leaves; it has something to report from its first sample.
      for (const page of [clinician, ...phones.map((phone) => phone.page)]) {
        await page.waitForFunction(() => Number(document.querySelector('.room')?.getAttribute('data-call-samples') ?? 0) > 0);
      }
      await clinician.getByRole('button', { name: 'End visit' }).click();
      for (const page of [clinician, ...phones.map((phone) => phone.page)]) await page.getByRole('status').filter({ hasText: 'The visit has ended.' }).waitFor();

      const lobby = await until('the ended line, after the four calls', lobbyOf, ({ timeline }) => timeline.some((event) => event.kind === 'ended'));
      const calls = lobby.timeline.filter((event) => event.kind === 'call_quality');
      expect(calls.map((event) => event.actor).sort()).toEqual([CLINICIAN.aadObjectId, 'patient', ...visit.guests.map((guest) => `guest:${guest.id}`)].sort());
      const ended = lobby.timeline.find((event) => event.kind === 'ended')!;
      expect(ended.detail).toMatchObject({ reason: 'clinician', admitted: true, quality: { grade: expect.stringMatching(/^(good|fair|poor)$/), participants: 4 } });
      const booked = (await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, integration)).json()) as { status: string; lengthSeconds: number; quality: unknown };
      expect(booked).toMatchObject({ status: 'completed', lengthSeconds: ended.detail.lengthSeconds, quality: ended.detail.quality });
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the visit on the Dashboard with its wait, length and call quality',
    async () => {
      const { timeline } = await lobbyOf();
      const admittedAt = Date.parse(timeline.find((event) => event.kind === 'admitted')!.at);
      const lastCheckIn = Math.max(...timeline.filter((event) => event.kind === 'checked_in' && Date.parse(event.at) <= admittedAt).map((event) => Date.parse(event.at)));
      const ended = timeline.find((event) => event.kind === 'ended')!.detail as { lengthSeconds: number; quality: { grade: string } };
      const minutes = (seconds: number) => `${(seconds / 60).toFixed(1)} min`;
      const waitSeconds = Math.round((admittedAt - lastCheckIn) / 1000);
      const grades = ['good', 'fair', 'poor'].map((grade) => `${grade === ended.quality.grade ? 1 : 0} ${grade}`).join(', ');

      const day = visit.start.slice(0, 10);
      const stats = (await (await api(service, 'GET', `/api/teams/${TEAM}/visit-stats?from=${day}&to=${day}&timeZone=UTC`)).json()) as {
        totals: { medianWaitSeconds: number; medianLengthSeconds: number; callQuality: { measuredVisits: number } };
      };
      expect(stats.totals).toMatchObject({ medianLengthSeconds: ended.lengthSeconds, callQuality: { measuredVisits: 1 } });
      expect(Math.abs(stats.totals.medianWaitSeconds - waitSeconds)).toBeLessThanOrEqual(1);

      const page = await pageOf('dashboard', await contextFor({ phone: false }));
      await page.goto(`${service.url}/tabs/dashboard.html?teamId=${TEAM}`);
      // The visit's day in the page's zone (UTC here) ends the range, also when the test runs just before midnight.
      await page.getByLabel('To', { exact: true }).fill(day);
      const period = page.getByRole('table', { name: 'Visit figures' }).getByRole('row').nth(1);
      await period.getByRole('cell').nth(7).filter({ hasText: minutes(ended.lengthSeconds) }).waitFor();
      const cells = await period.getByRole('cell').allTextContents();
      expect(cells.slice(1)).toEqual(['1', '1', '0', '0', minutes(stats.totals.medianWaitSeconds), minutes(stats.totals.medianWaitSeconds), minutes(ended.lengthSeconds), '0% (0 of 1)', grades, '–']);
    },
    STEP_TIMEOUT,
  );
});
