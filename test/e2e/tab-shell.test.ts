/**
 * The built tab pages in a real browser against the real service, outside Teams (dev mode):
 * what a developer sees after `npm start`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { launchChromium, offlineContext } from '../support/browser';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  service = await startRoundsForTest(NO_SANDBOX);
  browser = await launchChromium();
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

beforeEach(async () => {
  context = await offlineContext(browser);
  page = await context.newPage();
  pageErrors.length = 0;
  page.on('pageerror', (error) => pageErrors.push(error.name));
});

afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

const channel = 'teamId=team-e2e&channelId=chan-e2e';

it('configures a channel as manual mode and the Patients tab then shows it', async () => {
  await page.goto(`${service.url}/tabs/patients-config.html?${channel}`);
  await expect(page.getByTestId('dev-banner').textContent()).resolves.toMatch(/outside Microsoft Teams/);

  await page.getByRole('radio', { name: /Manual/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved').waitFor();

  await page.goto(`${service.url}/tabs/patients.html?${channel}`);
  await page.getByText(/Patients come from: Manual/).waitFor();
  await page.getByText('No rounding lists yet').waitFor();
});

it('tells the user a channel is not configured yet', async () => {
  await page.goto(`${service.url}/tabs/patients.html?teamId=team-e2e&channelId=never-configured`);

  await page.getByText(/not configured yet/).waitFor();
});

it('shows My visits for the dev clinician, with the warning that the API does not check who you are', async () => {
  await page.goto(`${service.url}/tabs/my-visits.html`);

  await page.getByText('No visits today or in the next 7 days').waitFor();
  await expect(page.getByTestId('api-dev-mode-banner').textContent()).resolves.toMatch(/does not check who you are/);
});

it('follows the Teams theme: dark renders light text on a dark background', async () => {
  /** Whether the page's background luminance (0 black, 1 white) is on the `side` of `threshold`. */
  const backgroundIs = ({ side, threshold }: { side: 'above' | 'below'; threshold: number }) => {
    const root = document.querySelector('.fui-FluentProvider');
    if (!root) return false;
    const [r = 0, g = 0, b = 0] = (getComputedStyle(root).backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    return side === 'above' ? luminance > threshold : luminance < threshold;
  };

  await page.goto(`${service.url}/tabs/my-visits.html`);
  await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
  expect(await page.evaluate(backgroundIs, { side: 'above' as const, threshold: 0.8 })).toBe(true);

  await page.goto(`${service.url}/tabs/my-visits.html?theme=dark`);
  await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
  // The dark theme is loaded on first use: the page may show in the light one until it arrives.
  await page.waitForFunction(backgroundIs, { side: 'below' as const, threshold: 0.3 });
});
