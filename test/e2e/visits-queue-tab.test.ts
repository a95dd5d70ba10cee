/**
 * The channel tab "Visits" (the care team's queue) in a real browser against the real service (dev
 * mode): added from Rounds' tab settings page, it lists today's visits of the channel, and without a
 * reload shows the patient who checks in (device check, wait), their message from the waiting room,
 * and the admission made from it; axe-core scans of the queue as it was used.
 *
 * The steps run in order on one page and build on each other.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { desktopPage, launchChromium, offlineContext } from '../support/browser';
import { aZoneWhereItIsDay } from '../support/day-zone';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { checkInWith, patientTokenOf, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const STEP_TIMEOUT = 60_000;
const colleague = { aadObjectId: '7c0e1d2a-0000-4000-8000-000000000007', name: 'Dr Okafor', email: null };
const ward = { teamId: 'team-e2e', channelId: 'chan-e2e' };
const devicesOk = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 40, userAgent: null } as const;

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
let margaret: { id: string; token: string; cookie: string };

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest(NO_SANDBOX), launchChromium()]);
  // The page reads "today" in the browser's zone: one where a visit in five minutes is today.
  context = await offlineContext(browser, { timezoneId: aZoneWhereItIsDay() });
  context.setDefaultTimeout(20_000);
  page = await desktopPage(context, pageErrors);
  // Run by a colleague: the dev clinician acts on it as a member of the team.
  const inFive = new Date(Date.now() + 5 * 60_000).toISOString();
  const visit = await seedVisit(service, { patient: { name: 'Margaret Okafor' }, start: inFive, clinicians: [colleague], origin: ward, reason: 'Wound check' });
  await seedVisit(service, { patient: { name: 'Other Ward Patient' }, start: inFive, origin: { teamId: ward.teamId, channelId: 'chan-other' } });
  margaret = { id: visit.id, token: await patientTokenOf(service, visit.id), cookie: '' };
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function expectNoSeriousAxeViolations(where: string): Promise<void> {
  const blocking = seriousOrCritical(await axeViolations(page));
  expect({ where, violations: blocking }).toEqual({ where, violations: [] });
}

const section = (name: string): Locator => page.getByRole('region', { name });
const visitIn = (where: Locator, patientName: string): Locator => where.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(patientName) }) });

describe('Visits channel tab, as a care team uses it', () => {
  it(
    'is added from the tab settings page, for this channel, and lists its visits of today only',
    async () => {
      await page.goto(`${service.url}/tabs/patients-config.html?teamId=${ward.teamId}&channelId=${ward.channelId}`);
      await page.getByRole('radio', { name: /^Visits/ }).check();
      await page.getByRole('radio', { name: /This channel’s visits/ }).check();
      await page.getByRole('link', { name: 'open the Visits tab' }).click();

      await page.waitForURL(/\/tabs\/visits-queue\.html\?/);
      await visitIn(section('Later today'), 'Margaret Okafor').waitFor();
      await page.getByRole('status').filter({ hasText: /visits? today/ }).getByText('1 visit today', { exact: true }).waitFor();
      expect(await page.getByText('Other Ward Patient').count()).toBe(0);
      expect(await visitIn(section('Later today'), 'Margaret Okafor').getByRole('button', { name: /Cancel visit/ }).count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the patient who checks in, with their device check and wait, without a reload',
    async () => {
      margaret.cookie = await checkInWith(service, margaret.token, { deviceCheck: devicesOk });

      const row = visitIn(section('Waiting'), 'Margaret Okafor');
      await row.waitFor();
      await row.getByText('Devices OK').waitFor();
      await row.getByRole('timer').getByText('Waiting · under 1 min').waitFor();
      await page.getByRole('status').getByText('1 waiting · 1 visit today').waitFor();
      await expectNoSeriousAxeViolations('the queue with a patient waiting');
    },
    STEP_TIMEOUT,
  );

  it(
    'shows a message from the waiting room as it is sent',
    async () => {
      const sent = await api(service, 'POST', `/api/lobby/${margaret.token}/message`, { text: 'My camera is slow to start' }, { cookie: margaret.cookie });
      expect(sent.status).toBeLessThan(300);

      await visitIn(section('Waiting'), 'Margaret Okafor').getByRole('list', { name: 'Messages with Margaret Okafor' }).getByText('My camera is slow to start').waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'admits the patient from the queue: the row moves to In visit and the patient is let in',
    async () => {
      await visitIn(section('Waiting'), 'Margaret Okafor').getByRole('button', { name: 'Admit Margaret Okafor' }).click();

      const row = visitIn(section('In visit'), 'Margaret Okafor');
      await row.getByText(/Admitted by Dev Clinician/).waitFor();
      expect(await section('Waiting').count()).toBe(0);
      const patient = (await (await api(service, 'GET', `/api/lobby/${margaret.token}`)).json()) as { phase: string };
      expect(patient.phase).toBe('admitted');
      await expectNoSeriousAxeViolations('the queue after an admission');
    },
    STEP_TIMEOUT,
  );

  it(
    'lists the whole team’s visits with the team setting, and says what to do in a channel with none',
    async () => {
      await page.goto(`${service.url}/tabs/visits-queue.html?scope=team&teamId=${ward.teamId}&channelId=${ward.channelId}`);
      await visitIn(section('Later today'), 'Other Ward Patient').waitFor();
      await visitIn(section('In visit'), 'Margaret Okafor').waitFor();

      await page.goto(`${service.url}/tabs/visits-queue.html?scope=channel&teamId=${ward.teamId}&channelId=chan-quiet`);
      await page.getByText('No visits today in this channel').waitFor();
      await page.getByText(/choose the whole team/).waitFor();
    },
    STEP_TIMEOUT,
  );
});
