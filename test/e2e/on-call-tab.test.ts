/**
 * The personal tab "On call" in a real browser against the real service (dev mode): a clinician adds
 * a shift through the form (role, person found through the people search, dates and times in the
 * browser's zone), is told what the API refuses under the field it is about, sees the person on duty
 * now, and removes the shift again; axe-core scans the page as it was used, in light, dark and high
 * contrast. The steps run in order on one page and build on each other.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { desktopPage, launchChromium, offlineContext } from '../support/browser';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const STEP_TIMEOUT = 60_000;

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest(NO_SANDBOX), launchChromium()]);
  context = await offlineContext(browser);
  context.setDefaultTimeout(20_000);
  page = await desktopPage(context, pageErrors);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** Wall-clock dates and times in the browser's zone, as its date and time inputs take them. */
function localInputs(offsetHours: number): Promise<{ date: string; time: string }> {
  return page.evaluate((hours) => {
    const at = new Date(Date.now() + hours * 3_600_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
  }, offsetHours);
}

const dialog = (): Locator => page.getByRole('dialog', { name: 'Add a shift' });
const onDutyRow = (role: string): Locator => page.getByRole('row').filter({ has: page.getByRole('cell', { name: role, exact: true }) });

async function fillWhen(label: 'Starts' | 'Ends', value: { date: string; time: string }): Promise<void> {
  await dialog().getByLabel(`${label} (date)`).fill(value.date);
  await dialog().getByLabel(`${label} (time)`).fill(value.time);
}

describe('On call tab, as a clinician uses it', () => {
  it(
    'starts with an empty roster that says what to do',
    async () => {
      await page.goto(`${service.url}/tabs/on-call.html`);
      await page.getByRole('heading', { level: 2, name: 'On duty now' }).waitFor();
      await page.getByText('Nobody is on the roster yet', { exact: false }).waitFor();
      await page.getByText('No shifts this week').waitFor();
      await expectNoSeriousAxeViolations(page, 'the empty roster');
    },
    STEP_TIMEOUT,
  );

  it(
    'adds a shift through the form, shows what the API refuses at its field, and puts the person on duty now',
    async () => {
      await page.getByRole('button', { name: 'Add shift' }).first().click();
      await dialog().waitFor();
      await dialog().getByRole('combobox', { name: /^Role/ }).fill('Cardiology on call');
      // The people search: in dev mode, with Rounds in no team yet, the dev identity is who there is.
      await dialog().getByRole('combobox', { name: /^On call/ }).fill('dev cl');
      await page.getByRole('option', { name: /Dev Clinician/ }).click();
      await fillWhen('Starts', await localInputs(-1));
      await fillWhen('Ends', await localInputs(-2));
      await expectNoSeriousAxeViolations(page, 'the shift form');

      await dialog().getByRole('button', { name: 'Add shift' }).click();
      await dialog().getByText('The shift must end after it starts.').waitFor();
      expect(await dialog().getByLabel('Ends (date)').getAttribute('aria-invalid')).toBe('true');

      // From the keyboard this time: a new end, then Enter submits the form.
      await fillWhen('Ends', await localInputs(8));
      await dialog().getByLabel('Ends (time)').press('Enter');
      await dialog().waitFor({ state: 'hidden' });

      await onDutyRow('Cardiology on call').getByRole('cell', { name: 'Dev Clinician' }).waitFor();
      expect(await onDutyRow('Cardiology on call').getByRole('cell').allTextContents()).toEqual(['Cardiology on call', 'Dev Clinician', 'None', expect.stringMatching(/\d/)]);
      const shift = page.getByRole('listitem').filter({ hasText: 'Cardiology on call' });
      await shift.getByText('On duty now').waitFor();
      await expectNoSeriousAxeViolations(page, 'the roster with a shift on duty');
    },
    STEP_TIMEOUT,
  );

  it(
    'reads well in the dark and high-contrast Teams themes',
    async () => {
      for (const theme of ['dark', 'contrast']) {
        await page.goto(`${service.url}/tabs/on-call.html?theme=${theme}`);
        await onDutyRow('Cardiology on call').waitFor();
        await expectNoSeriousAxeViolations(page, `the ${theme} theme`);
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'removes the shift after asking, from the keyboard',
    async () => {
      await page.getByRole('button', { name: /^Remove Cardiology on call shift of Dev Clinician/ }).focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('alertdialog', { name: 'Remove this shift?' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Remove shift' }).click();
      await confirm.waitFor({ state: 'hidden' });

      await page.getByText('No shifts this week').waitFor();
      await page.getByText('Nobody is on the roster yet', { exact: false }).waitFor();
      // The page is back in the accessibility tree: no aria-hidden left behind by the dialog.
      await page.getByRole('button', { name: 'Refresh' }).waitFor();
      await expectNoSeriousAxeViolations(page, 'the roster after a removal');
    },
    STEP_TIMEOUT,
  );
});
