/**
 * Guests in a real browser against the real service (dev mode): the patient and an interpreter each
 * open their own link on a phone-sized page, confirm who they are (the interpreter with their first
 * name and the code from their message), check in and wait; the clinician admits everyone from My
 * visits' API; both pages go to the visit's room.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { launchMediaChromium } from '../support/media-browser';
import { NO_SANDBOX, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';

const STEP_TIMEOUT = 60_000;
const KEY = 'integration-key-0123456789-abcdefghijklmnop';

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest({ INTEGRATION_API_KEY: KEY, ...NO_SANDBOX }), launchMediaChromium()]);
  context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(20_000);
  await context.addInitScript({ path: require.resolve('axe-core') });
}, STEP_TIMEOUT);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  // The room itself is another test's: here it only matters that each page goes there.
  await page.route(/\/rooms\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Visit room</title><h1>Visit room</h1>' }));
  return page;
}

const onService = (link: string) => `${service.url}${new URL(link).pathname}`;

async function checkInAnyway(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Check your camera, microphone and sound' }).waitFor();
  await page.getByRole('button', { name: 'Check in anyway' }).click();
  await page.getByRole('heading', { level: 1, name: 'You are in the waiting room' }).waitFor();
}

describe('a visit with a guest, in the browser', () => {
  it(
    'lets the patient and the interpreter check in on their own links, and into the room together on Admit everyone',
    async () => {
      const seeded = await seedVisit(service, {
        patient: { name: 'Margaret Okafor' },
        start: new Date(Date.now() + 10 * 60_000).toISOString(),
        guests: [{ name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: '+15550002222', email: null }],
      });
      const visit = (await (await api(service, 'GET', `/api/visits/${seeded.id}`, undefined, { authorization: `Bearer ${KEY}` })).json()) as {
        patientJoinUrl: string;
        guests: { joinUrl: string }[];
      };
      expect((await api(service, 'POST', `/api/me/visits/${seeded.id}/resend`)).status).toBe(200);
      await runJobsUntilIdle(service);
      const [sms] = await service.db.query<{ body: string }>("SELECT body FROM outbox_messages WHERE visit_id = $1 AND recipient = '+15550002222'", [seeded.id]);
      const code = /check-in code: (\d{6})/.exec(sms?.body ?? '')?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);

      const interpreter = await newPage();
      await interpreter.goto(onService(visit.guests[0]?.joinUrl ?? ''));
      await interpreter.getByRole('heading', { level: 1, name: 'Confirm who you are' }).waitFor();
      expect(await interpreter.getByRole('main').innerText()).not.toMatch(/Margaret|Okafor/);
      expect(seriousOrCritical(await axeViolations(interpreter))).toEqual([]);
      await interpreter.getByLabel('First name').fill('Luis');
      await interpreter.getByLabel('Code from your message').fill(code);
      await interpreter.getByRole('button', { name: 'Continue' }).click();
      await checkInAnyway(interpreter);

      // The patient's own link asks the patient's details (a seeded patient has none on file to compare).
      const patient = await newPage();
      await patient.goto(onService(visit.patientJoinUrl));
      await patient.getByRole('heading', { level: 1, name: 'Confirm who the visit is for' }).waitFor();
      await patient.getByLabel('First name').fill('Margaret');
      await patient.getByLabel('Year of birth').fill('1948');
      await patient.getByRole('button', { name: 'Continue' }).click();
      await checkInAnyway(patient);

      const arrived = [interpreter, patient].map((page) => page.waitForRequest(/\/rooms\//));
      expect((await api(service, 'POST', `/api/me/visits/${seeded.id}/admit`, { who: 'everyone' })).status).toBe(200);
      for (const request of await Promise.all(arrived)) expect(request.url()).toMatch(/\/rooms\/[^?]+\?patient=/);
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT * 2,
  );
});
