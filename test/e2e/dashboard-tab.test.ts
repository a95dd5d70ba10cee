/**
 * The personal tab "Dashboard" in a real browser against the real service (dev mode): a team's
 * figures for the last 30 days from seeded visits and their timeline, the charts drawn by the chart
 * library once it has loaded, the CSV export saved as a file, and axe-core on the page as shown.
 */
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { desktopPage, launchChromium, offlineContext } from '../support/browser';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { seedTimeline, seedVisit } from '../support/seed-visits';

const STEP_TIMEOUT = 60_000;
const team = { teamId: 'dev-team', channelId: 'dev-channel' };

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const minutesAgo = (base: Date, minutes: number) => new Date(base.getTime() - minutes * 60_000);

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest(NO_SANDBOX), launchChromium()]);
  // Two days ago and yesterday: inside the last 30 days in any zone.
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  const completed = await seedVisit(service, { patient: { name: 'Ada Lovelace' }, start: twoDaysAgo.toISOString(), status: 'completed', origin: team });
  await seedTimeline(service, completed.id, [
    ['device_check', minutesAgo(twoDaysAgo, 6), { failed: null, rttMs: 40 }],
    ['checked_in', minutesAgo(twoDaysAgo, 5)],
    ['admitted', minutesAgo(twoDaysAgo, 1)],
    ['ended', minutesAgo(twoDaysAgo, -19), { reason: 'clinician', lengthSeconds: 1200, admitted: true }],
  ]);
  const noShow = await seedVisit(service, { patient: { name: 'Grace Hopper' }, start: new Date(Date.now() - 86_400_000).toISOString(), status: 'no_show', origin: team });
  await seedTimeline(service, noShow.id, [['device_check', minutesAgo(new Date(Date.now() - 86_400_000), 3), { failed: 'camera', rttMs: null }]]);
  context = await offlineContext(browser);
  context.setDefaultTimeout(20_000);
  page = await desktopPage(context, pageErrors);
}, STEP_TIMEOUT);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** The visits chart's y-axis labels (d3 draws each tick as a <g class="tick"> with its <text>). */
function visitsAxisTicks(): Promise<string[]> {
  return page.getByRole('region', { name: /^Visits and completed per day/ }).evaluate((chart) =>
    [...chart.querySelectorAll('g.tick text')].map((text) => text.textContent ?? '').filter((label) => /^\d/.test(label) && !/[A-Za-z]/.test(label)),
  );
}

describe('Dashboard tab, as a clinician of the team uses it', () => {
  it(
    'shows the last 30 days’ figures, then the charts, and passes axe',
    async () => {
      await page.goto(`${service.url}/tabs/dashboard.html?teamId=${team.teamId}`);

      const table = page.getByRole('table', { name: 'Visit figures' });
      const period = table.getByRole('row').nth(1);
      await period.waitFor();
      await expect(period.getByRole('cell').allTextContents()).resolves.toEqual([
        expect.stringMatching(/^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/),
        '2',
        '1',
        '1',
        '0',
        '4.0 min',
        '4.0 min',
        '20.0 min',
        '50% (1 of 2)',
        'Not measured yet',
        '–',
      ]);
      // The chart library arrives after the figures and draws both charts.
      await page.getByRole('region', { name: /^Visits and completed per day\. Line chart with 2 lines/ }).waitFor();
      await page.getByRole('region', { name: /^Median wait per day\. Line chart with 1 lines/ }).waitFor();
      // Counts tick in whole visits.
      await expect(visitsAxisTicks()).resolves.toEqual(['0', '1', '2', '3', '4']);
      await expectNoSeriousAxeViolations(page, 'the dashboard with figures and charts');
    },
    STEP_TIMEOUT,
  );

  it(
    'saves the daily figures as a CSV file with a byte-order mark',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);

      expect(download.suggestedFilename()).toMatch(/^visit-figures-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
      // The shared chromium is reached over a connection: the file is copied here rather than read where it landed.
      const file = path.join(os.tmpdir(), `rounds-dashboard-${process.pid}.csv`);
      await download.saveAs(file);
      const bytes = await readFile(file);
      await rm(file, { force: true });
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
      // Header, 30 days, the period.
      expect(lines).toHaveLength(32);
      expect(lines[31]).toMatch(/^"\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}","2","1","1","0","4.0","4.0","20.0","2","1","50.0","0","0","0","0","","0"$/);
    },
    STEP_TIMEOUT,
  );
});
