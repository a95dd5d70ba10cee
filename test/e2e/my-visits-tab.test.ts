/**
 * The personal tab "My visits" in a real browser against the real service (dev mode): the visits a
 * clinician runs or scheduled, by day in the browser's time zone; the date, status and patient
 * filters; copying a patient link; cancelling a visit; and axe-core scans of the page as it was used.
 *
 * The steps run in order on one page and build on each other.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { instantOf, wallClockOf } from '../../bot/src/domain/visits/zoned-time';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { desktopPage, launchChromium, offlineContext } from '../support/browser';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { seedVisit, type VisitSeed } from '../support/seed-visits';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const STEP_TIMEOUT = 60_000;
const colleague = { aadObjectId: '7c0e1d2a-0000-4000-8000-000000000007', name: 'Dr Okafor', email: null };

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** A day (offset from today) and time in the browser's time zone, as an ISO instant. */
let at: (dayOffset: number, time: string) => string;

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest(NO_SANDBOX), launchChromium()]);
  context = await offlineContext(browser);
  context.setDefaultTimeout(20_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
  page = await desktopPage(context, pageErrors);

  // Seed in the zone the page will read its days in, so "today" means the same to both.
  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const today = wallClockOf(new Date(), timeZone).date;
  at = (dayOffset, time) => {
    const day = new Date(`${today}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + dayOffset);
    const instant = instantOf({ date: day.toISOString().slice(0, 10), time }, timeZone);
    if (!instant) throw new Error(`no instant for ${time} in ${timeZone}`);
    return instant.toISOString();
  };
  const byColleague = { clinicians: [colleague], createdBy: { id: colleague.aadObjectId, name: colleague.name } };
  const seeds: VisitSeed[] = [
    { patient: { name: 'Ada Lovelace', mrn: 'MRN-1815' }, start: at(0, '12:00'), reason: 'Post-op wound check', notify: ['email'] },
    { patient: { name: 'Grace Hopper', mrn: 'MRN-1906' }, start: at(1, '09:00'), ...byColleague, clinicians: [colleague, { aadObjectId: 'dev-user', name: 'Dev Clinician', email: null }] },
    { patient: { name: 'Someone Else' }, start: at(0, '13:00'), ...byColleague },
    { patient: { name: 'Past Patient' }, start: at(-3, '10:00'), status: 'completed' },
    { patient: { name: 'Cancelled Carl' }, start: at(0, '15:00'), status: 'cancelled' },
  ];
  for (const seed of seeds) await seedVisit(service, seed);
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

const visit = (patientName: string): Locator => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(patientName) }) });
const shownPatients = async () => (await page.getByRole('heading', { level: 3 }).allTextContents()).map((text) => text.split(' · ')[1]);

describe('My visits tab, as a clinician uses it', () => {
  it(
    'lists my visits of today and the next 7 days by day, and not a colleague’s or cancelled ones',
    async () => {
      await page.goto(`${service.url}/tabs/my-visits.html`);
      await page.getByRole('heading', { level: 2, name: /^Today, / }).waitFor();

      expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([expect.stringMatching(/^Today, /), expect.stringMatching(/^Tomorrow, /)]);
      expect(await shownPatients()).toEqual(['Ada Lovelace', 'Grace Hopper']);
      await expect(visit('Ada Lovelace').textContent()).resolves.toMatch(/Ada Lovelace.*Scheduled.*MRN MRN-1815.*With Dev Clinician.*Reason: Post-op wound check/);
      const join = visit('Ada Lovelace').getByRole('link', { name: 'Join visit with Ada Lovelace' });
      expect(await join.getAttribute('href')).toMatch(new RegExp(`^${service.url}/rooms/`));
      expect(await join.getAttribute('target')).toBe('_blank');
      await expectNoSeriousAxeViolations('the list of my visits');
    },
    STEP_TIMEOUT,
  );

  it(
    'filters by dates, status and patient',
    async () => {
      await page.getByRole('radio', { name: 'Today' }).check();
      await page.getByText('1 visit', { exact: true }).waitFor();
      expect(await shownPatients()).toEqual(['Ada Lovelace']);

      await page.getByRole('radio', { name: 'Past 7 days' }).check();
      await page.getByRole('heading', { level: 3, name: /Past Patient/ }).waitFor();
      expect(await shownPatients()).toEqual(['Ada Lovelace', 'Past Patient']);
      expect(await visit('Past Patient').getByRole('button').count()).toBe(0);

      await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Cancelled' });
      await page.getByRole('heading', { level: 3, name: /Cancelled Carl/ }).waitFor();
      expect(await shownPatients()).toEqual(['Cancelled Carl']);

      await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'All but cancelled' });
      await page.getByRole('radio', { name: 'Next 7 days' }).check();
      await page.getByText('2 visits', { exact: true }).waitFor();
      await page.getByRole('searchbox', { name: 'Patient name or MRN' }).fill('1906');
      await page.getByText('Showing 1 of 2 visits').waitFor();
      expect(await shownPatients()).toEqual(['Grace Hopper']);
      await page.getByRole('searchbox', { name: 'Patient name or MRN' }).fill('');
      await page.getByText('2 visits', { exact: true }).waitFor();
      await expectNoSeriousAxeViolations('the filtered list');
    },
    STEP_TIMEOUT,
  );

  it(
    'copies a patient link to the clipboard and says so',
    async () => {
      await visit('Ada Lovelace').getByRole('button', { name: 'Copy patient link for Ada Lovelace' }).click();

      await visit('Ada Lovelace').getByRole('status').getByText('Copied').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^http:\/\/localhost:\d+\/lobby\/\S+$/);
    },
    STEP_TIMEOUT,
  );

  it(
    'cancels a visit after asking, from the keyboard',
    async () => {
      const cancelButton = visit('Ada Lovelace').getByRole('button', { name: 'Cancel visit with Ada Lovelace' });
      const dialog = page.getByRole('alertdialog', { name: 'Cancel the visit with Ada Lovelace?' });
      await cancelButton.focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await expectNoSeriousAxeViolations('the cancel dialog');
      // Changing one's mind first: Escape keeps the visit, and the page is usable again.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 3, name: /Grace Hopper/ }).waitFor();
      expect(await shownPatients()).toEqual(['Ada Lovelace', 'Grace Hopper']);

      await cancelButton.focus();
      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: 'Cancel visit' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The list is back in the accessibility tree (no aria-hidden left by the modal), with the new status.
      await visit('Ada Lovelace').getByText('Cancelled', { exact: true }).waitFor();
      expect(await visit('Ada Lovelace').getByRole('button').count()).toBe(0);
      await expectNoSeriousAxeViolations('the list after a cancellation');

      // Saved: after a reload it is gone from the default list and listed under Cancelled.
      await page.reload();
      await page.getByText('1 visit', { exact: true }).waitFor();
      expect(await shownPatients()).toEqual(['Grace Hopper']);
      await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Cancelled' });
      await page.getByRole('heading', { level: 3, name: /Ada Lovelace/ }).waitFor();
      expect(await shownPatients()).toEqual(['Ada Lovelace', 'Cancelled Carl']);
    },
    STEP_TIMEOUT,
  );
});
