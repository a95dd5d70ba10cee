/**
 * The built-in video room in real browsers against the real service (dev mode): a patient checks in
 * through the public lobby API, a clinician admits them over HTTP, then the clinician's page and the
 * patient's page (two browser contexts, Chromium's fake camera and microphone) connect over WebRTC
 * with Rounds as the signalling server, and each sees the other's video. Also: the controls, leaving
 * and rejoining, an axe scan, and the refusals (not admitted yet, a room that is not the link's).
 *
 * The visit is seeded with the dev clinician on it: the integration API takes clinicians by Entra id
 * only, and dev mode's identity is "dev-user". The steps run in order and build on each other.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { launchMediaChromium } from '../support/media-browser';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { patientTokenOf, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const STEP_TIMEOUT = 60_000;
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 5, userAgent: 'e2e' };

let service: RoundsService;
let browser: Browser;
const contexts: BrowserContext[] = [];
let clinician: Page;
let patient: Page;
const problems: string[] = [];

let visitId: string;
let roomId: string;
let token: string;

/** A context of its own (no shared cookies or storage), allowed to use the fake camera and microphone. */
async function newPage(who: string): Promise<Page> {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  contexts.push(context);
  // teams-js (loaded for clinicians) asks Microsoft's CDN for its list of Teams origins.
  await context.route('**/validDomains.json', (route) => route.fulfill({ json: { validOrigins: [] } }));
  // axe-core from the page's own origin: the room's CSP rightly refuses the inline script axe would be otherwise.
  await context.route('**/__axe-core.js', (route) => route.fulfill({ path: require.resolve('axe-core/axe.min.js'), contentType: 'text/javascript' }));
  await context.grantPermissions(['camera', 'microphone'], { origin: service.url });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${who}: ${error.name}: ${error.message}`));
  // CSP violations and failed loads land in the console, not in pageerror.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${who} console: ${message.text()}`);
  });
  return page;
}

/** Both ends report a connected RTCPeerConnection, and the other side's video has frames. */
async function expectConnected(page: Page): Promise<void> {
  await page.locator('.room[data-state="connected"]').waitFor();
  await page.locator('[data-peer-state="connected"]').waitFor();
  await page.waitForFunction(() => {
    const video = document.querySelector<HTMLVideoElement>('video[data-remote="true"]');
    return video !== null && video.videoWidth > 0 && video.readyState >= 2;
  });
  await expectStatus(page, 'Connected');
}

async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest(NO_SANDBOX), launchMediaChromium()]);
  const visit = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: new Date(Date.now() + 5 * 60_000).toISOString() });
  visitId = visit.id;
  roomId = visit.meeting!.meetingId;
  token = await patientTokenOf(service, visitId);
  clinician = await newPage('clinician');
  patient = await newPage('patient');
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(problems).toEqual([]);
});

describe('a video visit in the built-in room', () => {
  it(
    'keeps the patient out until admitted, and sends them back to the waiting room',
    async () => {
      const identify = await api(service, 'POST', `/api/lobby/${token}/identify`, {});
      const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect((await api(service, 'POST', `/api/lobby/${token}/device-check`, OK_DEVICES, { cookie })).status).toBe(200);
      expect((await api(service, 'POST', `/api/lobby/${token}/check-in`, {}, { cookie })).status).toBe(200);

      // Straight to the room with the link, before anyone let them in.
      await patient.goto(`${service.url}/rooms/${roomId}?patient=${token}`);
      await patient.getByText('Your clinician has not let you in yet').waitFor();
      expect(await patient.getByRole('link', { name: 'Back to the waiting room' }).getAttribute('href')).toBe(`/lobby/${token}`);
      // The camera was never turned on for a patient who may not enter.
      expect(await patient.locator('video').count()).toBe(0);
      // The refusal is an expected 403: the browser logs the failed request; nothing else may.
      problems.splice(0, problems.length, ...problems.filter((problem) => !/status of 403/.test(problem)));
    },
    STEP_TIMEOUT,
  );

  it(
    'connects the clinician and the admitted patient over WebRTC, each seeing the other',
    async () => {
      await clinician.goto(`${service.url}/rooms/${roomId}`);
      await expectStatus(clinician, 'Waiting for the patient to join');
      await clinician.getByRole('figure').filter({ hasText: 'You' }).waitFor();

      expect((await api(service, 'POST', `/api/me/visits/${visitId}/admit`)).status).toBe(200);
      const view = (await (await api(service, 'GET', `/api/lobby/${token}`)).json()) as { phase: string; joinUrl: string };
      expect(view.phase).toBe('admitted');
      const joinUrl = new URL(view.joinUrl);
      expect(joinUrl.pathname).toBe(`/rooms/${roomId}`);
      // PUBLIC_URL names port 0 in tests: the same address on the service's real port.
      await patient.goto(`${service.url}${joinUrl.pathname}${joinUrl.search}`);

      await Promise.all([expectConnected(clinician), expectConnected(patient)]);
      await patient.getByRole('heading', { name: 'Your video visit' }).waitFor();
      await patient.getByText('the clinician', { exact: true }).waitFor();
      await clinician.getByText('the patient', { exact: true }).waitFor();
      expect(await clinician.evaluate(() => document.querySelector<HTMLVideoElement>('video[aria-label="Your camera"]')?.videoWidth)).toBeGreaterThan(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'mutes the microphone and turns the camera off and on again, without dropping the call',
    async () => {
      const mute = patient.getByRole('button', { name: 'Mute microphone' });
      const camera = patient.getByRole('button', { name: 'Turn camera off' });
      expect(await mute.getAttribute('aria-pressed')).toBe('false');
      await mute.click();
      expect(await mute.getAttribute('aria-pressed')).toBe('true');
      await camera.click();
      expect(await camera.getAttribute('aria-pressed')).toBe('true');
      await patient.getByRole('figure').filter({ hasText: 'Camera off' }).waitFor();
      expect(await patient.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('video[aria-label="Your camera"]');
        const stream = video?.srcObject as MediaStream | null;
        return stream?.getTracks().map((track) => `${track.kind}:${track.enabled}`).sort();
      })).toEqual(['audio:false', 'video:false']);
      await mute.click();
      await camera.click();
      expect(await mute.getAttribute('aria-pressed')).toBe('false');
      await expectStatus(clinician, 'Connected');
    },
    STEP_TIMEOUT,
  );

  it(
    'has no serious accessibility problems on either page',
    async () => {
      for (const page of [patient, clinician]) {
        await page.addScriptTag({ url: `${service.url}/__axe-core.js` });
        const blocking = seriousOrCritical(await axeViolations(page));
        expect(blocking).toEqual([]);
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'tells the clinician at once when the patient leaves, and connects again when they rejoin',
    async () => {
      await patient.getByRole('button', { name: 'Leave the visit' }).click();
      await expectStatus(patient, 'You left the visit.');
      expect(await patient.locator('video').count()).toBe(0);
      await expectStatus(clinician, 'Waiting for the patient to join');
      expect(await clinician.locator('[data-peer-state]').count()).toBe(0);

      await patient.getByRole('button', { name: 'Rejoin' }).click();
      await Promise.all([expectConnected(clinician), expectConnected(patient)]);
      expect(await clinician.locator('[data-peer-state]').count()).toBe(1);
    },
    STEP_TIMEOUT,
  );

  it(
    'connects even when the offer is lost on the way: the page that got no answer offers again',
    async () => {
      await patient.getByRole('button', { name: 'Leave the visit' }).click();
      await expectStatus(clinician, 'Waiting for the patient to join');
      // The rejoining page's first offer is answered as delivered but never reaches Rounds, as when
      // the service could not hand it on: neither browser hears from the other until one tries again.
      let lost = 0;
      await patient.route('**/api/rooms/*/signal', async (route) => {
        if (lost === 0 && (route.request().postDataJSON() as { type: string }).type === 'offer') {
          lost += 1;
          return route.fulfill({ status: 204 });
        }
        return route.fallback();
      });
      await patient.getByRole('button', { name: 'Rejoin' }).click();
      await Promise.all([expectConnected(clinician), expectConnected(patient)]);
      expect(lost).toBe(1);
      await patient.unroute('**/api/rooms/*/signal');
    },
    STEP_TIMEOUT,
  );

  it(
    'ends the visit when the clinician clicks End visit: both calls end, and neither page offers to rejoin',
    async () => {
      await patient.getByRole('button', { name: 'Rejoin' }).waitFor({ state: 'detached' });
      expect(await patient.getByRole('button', { name: 'End visit' }).count()).toBe(0);
      await clinician.getByRole('button', { name: 'End visit' }).click();

      await expectStatus(clinician, 'The visit has ended.');
      await expectStatus(patient, 'The visit has ended.');
      await patient.getByText('The visit has ended. Thank you. You can close this page now.').waitFor();
      for (const page of [patient, clinician]) {
        expect(await page.locator('video').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
      }
      const visit = (await (await fetch(`${service.url}/api/me/visits/${visitId}/lobby`)).json()) as { status: string };
      expect(visit.status).toBe('completed');
      // A signal the patient's page sent before the end reached it is refused (409, the visit is over),
      // and the browser logs that failed request; the page showed the end all the same (above).
      problems.splice(0, problems.length, ...problems.filter((problem) => !/^patient console: .*status of 409/.test(problem)));
    },
    STEP_TIMEOUT,
  );

  it(
    "refuses the patient's link in a room that is not its visit's, saying nothing about either",
    async () => {
      const other = await seedVisit(service, { patient: { name: 'Other Patient' }, start: new Date(Date.now() + 65 * 60_000).toISOString() });
      const stranger = await newPage('stranger');
      await stranger.goto(`${service.url}/rooms/${other.meeting!.meetingId}?patient=${token}`);
      await stranger.getByText('This video room is not available').waitFor();
      expect(await stranger.locator('body').innerText()).not.toMatch(/Jane|Other Patient|Dev Clinician/);
      problems.splice(0, problems.length, ...problems.filter((problem) => !/status of 404/.test(problem)));
    },
    STEP_TIMEOUT,
  );
});
