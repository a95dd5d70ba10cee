/**
 * A family call scheduled from a Patients row, in a real browser against the real service (dev mode,
 * the local FHIR sandbox as the EHR): the row's menu opens the dialog (loaded on first use) with the
 * patient's mobile from the EHR's Patient.telecom, a guest whose mobile is refused at that guest's
 * field (the dialog then scanned by axe-core), then booked with the guest's email; the page offers the
 * bedside link, and the patient's panel lists the visit with it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RoundingList } from '../../bot/src/contracts/lists-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SANDBOX_FIXTURES } from '../../bot/src/sandbox/sandbox-fixtures';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { desktopPage, launchChromium, offlineContext } from '../support/browser';
import { startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const channel = { teamId: 'team-family', channelId: 'chan-family-ward' };
const patient = SANDBOX_FIXTURES.first;
const STEP_TIMEOUT = 90_000;

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let list: RoundingList;
let entryId: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest(), launchChromium()]);
  expect((await api(service, 'PUT', '/api/patients/config', { ...channel, mode: 'ehr' })).status).toBe(200);
  list = (await (await api(service, 'POST', '/api/lists', { ...channel, name: 'Ward 3A' })).json()) as RoundingList;
  entryId = ((await (await api(service, 'POST', `/api/lists/${list.id}/patients`, { patientId: patient.id })).json()) as { entryId: string }).entryId;
  context = await offlineContext(browser);
  context.setDefaultTimeout(30_000);
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

/** Tomorrow's date in the browser's zone (UTC here), as a date input takes it. */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

it(
  'schedules a family call with one relative from the patient’s row and offers the bedside link',
  async () => {
    await page.goto(`${service.url}/tabs/patients.html?teamId=${channel.teamId}&channelId=${channel.channelId}`);
    const row = page.getByRole('row').filter({ hasText: patient.family ?? '' });
    await row.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Family call…' }).click();

    const dialog = page.getByRole('dialog', { name: /^Family call with / });
    await dialog.getByLabel(/^Date/).waitFor();
    await dialog.getByLabel(/^Date/).fill(tomorrow());
    await dialog.getByLabel(/^Time/).fill('15:30');
    const guest = dialog.getByRole('group', { name: 'Guest 1' });
    await guest.getByLabel('Guest 1 name').fill('Ada Okafor');
    await guest.getByLabel('Relationship').fill('daughter');
    await guest.getByLabel('Mobile').fill('12345');
    await dialog.getByRole('button', { name: 'Schedule' }).click();

    // The API refuses the number; the dialog says so at the guest, and books nothing.
    await guest.getByText(/international format/).waitFor();
    expect(await service.db.query('SELECT id FROM visits')).toEqual([]);
    expect(seriousOrCritical(await axeViolations(page))).toEqual([]);

    await guest.getByLabel('Mobile').fill('');
    await guest.getByLabel('Email').fill('ada@example.org');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const notice = page.getByRole('status').filter({ hasText: /Family call with .* booked for/ });
    const bedside = notice.getByRole('link', { name: 'Open bedside link' });
    await bedside.waitFor();
    const bedsideHref = await bedside.getAttribute('href');
    expect(bedsideHref).toMatch(/\/lobby\/[\w.-]+$/);

    const [visit] = await service.db.query<{ visit_type: string; list_entry_id: string; guests: { name: string; email: string }[]; duration_minutes: number; patient: { fhirId: string } }>(
      'SELECT visit_type, list_entry_id, guests, duration_minutes, patient FROM visits',
    );
    expect(visit).toMatchObject({ visit_type: 'family-call', list_entry_id: entryId, duration_minutes: 30, patient: { fhirId: patient.id } });
    expect(visit?.guests).toEqual([expect.objectContaining({ name: 'Ada Okafor', email: 'ada@example.org' })]);

    // The row's "Visits and bedside link" opens the patient's panel (a modal drawer: the page behind it
    // leaves the accessibility tree) at the visit, with the same link.
    await row.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Visits and bedside link' }).click();
    const visits = page.getByRole('region', { name: 'Visits' });
    const panelLink = visits.getByRole('link', { name: 'Open bedside link' });
    await panelLink.waitFor();
    expect(await visits.evaluate((section) => section === document.activeElement)).toBe(true);
    expect(await panelLink.getAttribute('href')).toBe(bedsideHref);
    await visits.getByText(/Family call · .* · 30 min · Ada Okafor/).waitFor();

    // A follow-up starts from the patient's mobile and email in the EHR's Patient.telecom.
    await visits.getByRole('button', { name: 'Follow-up' }).click();
    const followUp = page.getByRole('dialog', { name: /^Follow-up with / });
    await followUp.getByLabel(/^Date/).waitFor();
    expect(await followUp.getByLabel('Patient’s mobile').inputValue()).toBe('+12025550100');
    expect(await followUp.getByLabel('Patient’s email').inputValue()).toBe(`${patient.id}@example.org`);
  },
  STEP_TIMEOUT,
);
