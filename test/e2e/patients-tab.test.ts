/**
 * A care team's first morning with the Patients tab, in a real browser against the real service
 * (dev mode, the local FHIR sandbox as the organisation's EHR), done the way a clinician does it:
 * channel A reads its patients from the EHR (connection tested, list created, three patients found
 * by name and by MRN, a note added), channel B enters them by hand and messages the on-call
 * cardiologist about its patient from her row. Then what the service kept (the audit log) and what it
 * must not have written down (patient names, the note and the message in its logs), and axe-core
 * scans of the pages as they were used.
 *
 * The steps run in order on one page and build on each other, like the morning they describe.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { ListView, RoundingList } from '../../bot/src/contracts/lists-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SANDBOX_FIXTURES, type FixturePatient } from '../../bot/src/sandbox/sandbox-fixtures';
import { patientId } from '../../bot/src/sandbox/synthetic-ids';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { desktopPage, launchChromium, offlineContext } from '../support/browser';
import { type CapturedLogs, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

/** Per step: generous for a loaded 2-core machine (the first step also waits for the page's first load). */
const STEP_TIMEOUT = 60_000;

interface Channel {
  teamId: string;
  channelId: string;
}
const channelA: Channel = { teamId: 'team-ward7', channelId: 'chan-a-ward7-rounds' };
const channelB: Channel = { teamId: 'team-ward7', channelId: 'chan-b-clinic' };
const channelQuery = (channel: Channel) => `teamId=${encodeURIComponent(channel.teamId)}&channelId=${encodeURIComponent(channel.channelId)}`;

/** Found by typing the family name; the other two by typing their MRN. */
const byName = SANDBOX_FIXTURES.first;
const byMrn = [SANDBOX_FIXTURES.nonAscii, SANDBOX_FIXTURES.mrnNotFirst];
const ehrPatients: readonly FixturePatient[] = [byName, ...byMrn];
const manualPatient = { name: 'Theodora Quillfeather', mrn: 'CLN-552019', birthDate: '1971-04-12', location: 'Clinic 2, room 5' };
const NOTE = 'Recheck K+ at 14:00';
const MESSAGE = 'New AF on the monitor, rate 140: please review before noon';
const cardiologist = { aadObjectId: 'lee-oid', name: 'Dr Lee' };
const LIST_A = 'Ward 7 rounds';
const LIST_B = 'Clinic follow-ups';

let service: RoundsService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const logs: CapturedLogs = { lines: [] };
const pageErrors: string[] = [];

beforeAll(async () => {
  [service, browser] = await Promise.all([startRoundsForTest({}, logs), launchChromium()]);
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

function family(patient: FixturePatient): string {
  if (!patient.family) throw new Error(`fixture ${patient.id} has no family name`);
  return patient.family;
}

/** axe-core's findings on the page as it is now: none may be serious or critical. */
async function expectNoSeriousAxeViolations(where: string): Promise<void> {
  const blocking = seriousOrCritical(await axeViolations(page));
  // The findings themselves in the failure message: rule, impact, and the elements at fault.
  expect({ where, violations: blocking }).toEqual({ where, violations: [] });
}

const toolbar = () => page.getByRole('toolbar', { name: 'Rounding list actions' });
const grid = (listName: string) => page.getByRole('grid', { name: `Patients on ${listName}` });
/** A grid row, found by the button that opens the patient (exactly their name). */
const rowOf = (listName: string, patientName: string): Locator =>
  grid(listName).getByRole('row').filter({ has: page.getByRole('button', { name: patientName, exact: true }) });

async function configure(channel: Channel, mode: RegExp): Promise<void> {
  await page.goto(`${service.url}/tabs/patients-config.html?${channelQuery(channel)}`);
  await page.getByRole('radiogroup', { name: /How does this channel get its patients\?/ }).waitFor();
  await page.getByRole('radio', { name: mode }).check();
}

async function save(): Promise<void> {
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved').waitFor();
}

/** Opens the channel's Patients tab and creates its first list from the empty state. */
async function createFirstList(channel: Channel, mode: RegExp, listName: string): Promise<void> {
  await page.goto(`${service.url}/tabs/patients.html?${channelQuery(channel)}`);
  await page.getByText(mode).waitFor();
  await page.getByText('No rounding lists yet').waitFor();
  await page.getByRole('button', { name: 'Create your first rounding list' }).click();
  const dialog = page.getByRole('dialog', { name: 'New rounding list' });
  await dialog.getByRole('textbox', { name: 'List name' }).fill(listName);
  await dialog.getByRole('button', { name: 'Create list' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await toolbar().getByRole('combobox', { name: 'Rounding list' }).filter({ hasText: listName }).waitFor();
  await page.getByText(`No patients on ${listName} yet`).waitFor();
}

/** The list as the API has it, to know the exact strings the grid must show. */
async function listViewOf(channel: Channel, listName: string): Promise<ListView> {
  const lists = (await (await api(service, 'GET', `/api/lists?${channelQuery(channel)}`)).json()) as { lists: RoundingList[] };
  const list = lists.lists.find((candidate) => candidate.name === listName);
  if (!list) throw new Error(`no list named ${listName} in ${channel.channelId}`);
  const response = await api(service, 'GET', `/api/lists/${encodeURIComponent(list.id)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ListView;
}

describe('Patients tab, as a care team uses it', () => {
  let view: ListView;

  it("configures channel A for the EHR with the organisation's connection, after testing it", async () => {
    await configure(channelA, /^EHR/);
    const organisation = page.getByRole('radio', { name: /^Use the organisation's connection/ });
    expect(await organisation.isChecked()).toBe(true);


    await page.getByRole('button', { name: 'Test connection' }).click();
    // A message bar titled with the verdict, then the server's account of what it checked.
    const verdict = page.getByRole('group', { name: 'Connection works' });
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/token OK/);

    await save();
    await expectNoSeriousAxeViolations('config page, EHR mode, connection tested and saved');

    // A channel's own connection signs client assertions by default: the form shows the JWKS URL to register
    // (looked at, not saved).
    await page.getByRole('radio', { name: 'Use a connection for this channel' }).check();
    expect(await page.getByRole('combobox', { name: 'Authentication' }).inputValue()).toBe('private_key_jwt');
    expect(await page.getByRole('textbox', { name: /JWKS URL to register with the EHR/ }).inputValue()).toMatch(/\/\.well-known\/jwks\.json$/);
    expect(await page.getByLabel(/Client secret/).count()).toBe(0);
    await expectNoSeriousAxeViolations('config page, a channel connection with private_key_jwt');
  }, STEP_TIMEOUT);

  it('opens the Patients tab of channel A and creates its first rounding list', async () => {
    await createFirstList(channelA, /Patients come from: EHR/, LIST_A);
  }, STEP_TIMEOUT);

  it('adds three EHR patients, found by family name and by MRN', async () => {
    await toolbar().getByRole('button', { name: 'Add patient' }).click();
    const dialog = page.getByRole('dialog', { name: `Add a patient to ${LIST_A}` });
    const search = dialog.getByRole('combobox', { name: 'Find a patient' });
    await search.waitFor();

    const searches: [string, FixturePatient][] = [[family(byName), byName], ...byMrn.map((patient): [string, FixturePatient] => [patient.mrn, patient])];
    for (const [typed, patient] of searches) {
      await search.fill(typed);
      // The options' details carry the MRN, which tells namesakes apart.
      const option = page.getByRole('option').filter({ hasText: family(patient) }).filter({ hasText: patient.mrn });
      await option.waitFor();
      if (patient === byName) await expectNoSeriousAxeViolations('add patient from the EHR, search results open');
      await option.click();
      await dialog.getByText(new RegExp(`^Added .*${family(patient)}`)).waitFor();
    }

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }, STEP_TIMEOUT);

  it('shows the three patients in the grid, with location and vitals from the EHR', async () => {
    view = await listViewOf(channelA, LIST_A);
    expect(view.rows.map((row) => row.summary.patient.id).sort()).toEqual(ehrPatients.map((patient) => patient.id).sort());

    for (const row of view.rows) {
      const { patient } = row.summary;
      const onScreen = rowOf(LIST_A, patient.name);
      await onScreen.waitFor();
      expect(await onScreen.textContent()).toContain(patient.mrn);
    }
    expect(await grid(LIST_A).getByRole('row').count()).toBe(1 + ehrPatients.length);

    // Margaret Okafor is admitted with vitals: her bed and her heart rate are in her row.
    const okafor = view.rows.find((row) => row.summary.patient.id === byName.id)!;
    const { encounter, vitals } = okafor.summary;
    if (encounter.status !== 'ok' || !encounter.value?.location) throw new Error(`no location for ${byName.id}: ${JSON.stringify(encounter)}`);
    if (vitals.status !== 'ok') throw new Error(`no vitals for ${byName.id}: ${JSON.stringify(vitals)}`);
    const heartRate = vitals.value.find((vital) => vital.code === 'heartRate');
    if (!heartRate) throw new Error(`no heart rate for ${byName.id}`);
    const okaforRow = rowOf(LIST_A, okafor.summary.patient.name);
    const text = (await okaforRow.textContent()) ?? '';
    expect(text).toContain(encounter.value.location);
    expect(text).toContain('HR');
    expect(text).toContain(heartRate.display);

    await expectNoSeriousAxeViolations('Patients tab, EHR list with three rows');
  }, STEP_TIMEOUT);

  it('opens Margaret Okafor and adds a note, signed by the clinician', async () => {
    const okafor = view.rows.find((row) => row.summary.patient.id === byName.id)!.summary.patient;
    await grid(LIST_A).getByRole('button', { name: okafor.name, exact: true }).click();
    const panel = page.getByRole('dialog', { name: `Patient ${okafor.name}` });
    await panel.waitFor();
    await panel.getByText('No notes yet.').waitFor();

    await panel.getByRole('textbox', { name: 'New note' }).fill(NOTE);
    await panel.getByRole('button', { name: 'Add note' }).click();
    const note = panel.getByRole('list', { name: 'Notes, newest first' }).getByRole('listitem').filter({ hasText: NOTE });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Dev Clinician · /);
    expect(await panel.getByRole('textbox', { name: 'New note' }).inputValue()).toBe('');

    await expectNoSeriousAxeViolations('patient panel with a note');
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'hidden' });
  }, STEP_TIMEOUT);

  it('configures channel B for patients entered by hand and adds one', async () => {
    await configure(channelB, /^Manual/);
    await save();
    await createFirstList(channelB, /Patients come from: Manual/, LIST_B);

    await toolbar().getByRole('button', { name: 'Add patient' }).click();
    const dialog = page.getByRole('dialog', { name: `Add a patient to ${LIST_B}` });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(manualPatient.name);
    await dialog.getByLabel('MRN').fill(manualPatient.mrn);
    await dialog.getByLabel('Date of birth').fill(manualPatient.birthDate);
    await dialog.getByLabel('Location').fill(manualPatient.location);
    await expectNoSeriousAxeViolations('add patient by hand dialog, filled in');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = rowOf(LIST_B, manualPatient.name);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(manualPatient.mrn);
    expect(text).toContain(manualPatient.location);
    expect(await grid(LIST_B).getByRole('row').count()).toBe(2);
    await expectNoSeriousAxeViolations('Patients tab, manual list with one row');
  }, STEP_TIMEOUT);

  it("messages the on-call cardiologist about the patient from her row, and reads the thread in her panel", async () => {
    const hour = 3_600_000;
    const shift = { role: 'Cardiology on call', person: cardiologist, backup: null, start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + 8 * hour).toISOString() };
    expect((await api(service, 'POST', '/api/roster/shifts', shift)).status).toBe(201);

    await rowOf(LIST_B, manualPatient.name).getByRole('button', { name: `Actions for ${manualPatient.name}` }).click();
    await page.getByRole('menuitem', { name: 'Message…' }).click();
    const dialog = page.getByRole('dialog', { name: `Message about ${manualPatient.name}` });
    await dialog.getByRole('radio', { name: 'An on-call role' }).check();
    await dialog.getByRole('combobox', { name: 'On-call role' }).click();
    await page.getByRole('option', { name: /Cardiology on call/ }).click();
    await dialog.getByText('On duty now: Dr Lee').waitFor();
    await dialog.getByRole('radio', { name: 'Urgent' }).check();
    await dialog.getByRole('textbox', { name: 'Message' }).fill(MESSAGE);
    await expectNoSeriousAxeViolations('message dialog, filled in');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByText(`Message sent to Dr Lee about ${manualPatient.name}.`).waitFor();
    await page.getByRole('button', { name: 'Open messages' }).click();
    const panel = page.getByRole('dialog', { name: `Patient ${manualPatient.name}` });
    const thread = panel.getByRole('region', { name: 'Messages' }).getByRole('article', { name: 'Message from Dev Clinician' });
    await thread.getByText(MESSAGE).waitFor();
    const text = (await thread.textContent()) ?? '';
    expect(text).toContain('Dev Clinician → Cardiology on call (Dr Lee)');
    expect(text).toContain('Urgent');
    await expectNoSeriousAxeViolations('patient panel with a message thread');
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'hidden' });
  }, STEP_TIMEOUT);

  it("opens the patient's messages from a link, as the message card's Open patient button does", async () => {
    const [row] = (await listViewOf(channelB, LIST_B)).rows;
    if (!row) throw new Error(`no patient on ${LIST_B}`);
    // Outside Teams `?patient=<ref>` stands for the link's subEntityId `patient:<ref>`.
    await page.goto(`${service.url}/tabs/patients.html?${channelQuery(channelB)}&patient=${encodeURIComponent(row.entryId)}`);

    const messages = page.getByRole('dialog', { name: `Patient ${manualPatient.name}` }).getByRole('region', { name: 'Messages' });
    await messages.getByText(MESSAGE).waitFor();
    // The reader lands on the messages (the section takes focus once they are in).
    await page.waitForFunction((section) => section === document.activeElement, await messages.elementHandle());
  }, STEP_TIMEOUT);

  it('kept an audit trail of who did what to which patient, per channel', async () => {
    const auditOf = async (channel: Channel) =>
      service.db.query<{ action: string; patient_ref: string | null }>('SELECT action, patient_ref FROM audit_log WHERE channel_id = $1', [channel.channelId]);
    const actions = (rows: { action: string }[]) => new Set(rows.map((row) => row.action));
    const refsOf = (rows: { action: string; patient_ref: string | null }[], action: string) =>
      rows
        .filter((row) => row.action === action)
        .map((row) => row.patient_ref)
        .sort();

    const a = await auditOf(channelA);
    expect([...actions(a)]).toEqual(expect.arrayContaining(['connection.set', 'list.create', 'patient.search', 'patient.add', 'list.view', 'note.add']));
    expect(refsOf(a, 'patient.add')).toEqual(ehrPatients.map((patient) => patient.id).sort());
    expect(refsOf(a, 'note.add')).toEqual([byName.id]);
    expect(a.filter((row) => row.action === 'patient.search').length).toBeGreaterThanOrEqual(ehrPatients.length);

    const b = await auditOf(channelB);
    expect([...actions(b)]).toEqual(expect.arrayContaining(['connection.set', 'list.create', 'patient.add', 'message.send', 'message.thread']));
    expect(b.filter((row) => row.action === 'patient.add')).toHaveLength(1);
    expect(actions(b).has('patient.search')).toBe(false);
  }, STEP_TIMEOUT);

  it("wrote no patient's name (nor the note, nor the message) into the service's logs", () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    const secrets = [...ehrPatients.map(family), ...manualPatient.name.split(' '), NOTE, MESSAGE];
    const leaks = logs.lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });

  it('holds a ward of 20 on one 800 px screen in compact rows, remembered, with the name column pinned', async () => {
    const view = await listViewOf(channelA, LIST_A);
    const listed = new Set(view.rows.map((row) => row.summary.patient.id));
    const more = Array.from({ length: 40 }, (_, index) => patientId(index + 1)).filter((id) => !listed.has(id)).slice(0, 20 - listed.size);
    for (const id of more) expect((await api(service, 'POST', `/api/lists/${encodeURIComponent(view.list.id)}/patients`, { patientId: id })).status).toBe(201);

    await page.goto(`${service.url}/tabs/patients.html?${channelQuery(channelA)}`);
    const bodyRows = grid(LIST_A).locator('[role="rowgroup"]').last().getByRole('row');
    await bodyRows.nth(19).waitFor();
    await toolbar().getByRole('button', { name: 'Compact rows' }).click();
    await toolbar().getByRole('button', { name: 'Compact rows', pressed: true }).waitFor();

    expect(page.viewportSize()?.height).toBe(800);
    const bottoms = await bodyRows.evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().bottom));
    expect(bottoms.filter((bottom) => bottom <= 800).length).toBeGreaterThanOrEqual(12);

    // A personal choice, kept on this device.
    await page.reload();
    await bodyRows.nth(19).waitFor();
    await toolbar().getByRole('button', { name: 'Compact rows', pressed: true }).waitFor();

    // On a narrower screen the columns scroll sideways under the pinned name.
    await page.setViewportSize({ width: 760, height: 800 });
    const cells = bodyRows.first().getByRole('gridcell');
    const before = { name: await cells.first().boundingBox(), last: await cells.last().boundingBox() };
    await grid(LIST_A).evaluate((element) => {
      const scroller = element.parentElement;
      if (scroller) scroller.scrollLeft = scroller.scrollWidth;
    });
    const after = { name: await cells.first().boundingBox(), last: await cells.last().boundingBox() };
    expect(after.last?.x).toBeLessThan(before.last?.x ?? 0);
    expect(after.name?.x).toBe(before.name?.x);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, STEP_TIMEOUT);
});
