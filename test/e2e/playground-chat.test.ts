/**
 * Rounds in a real Teams-like client: the Microsoft 365 Agents Playground (what `npm run playground`
 * starts) connected to the real service in dev mode, driven in Debian chromium like a person would,
 * with a patient on a phone-sized page in a second chromium with fake camera and microphone. The
 * Playground refuses what Teams refuses differently (a 1:1 chat created for an Entra id takes no
 * message), so this is where Rounds must show that it degrades visibly.
 *
 * The steps run in order and build on each other, as the README's "try a visit without Teams" does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { launchChromium, offlineContext } from '../support/browser';
import { launchMediaChromium } from '../support/media-browser';
import { type CapturedLogs, freePort, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const repoRoot = path.resolve(__dirname, '..', '..');
const STEP_TIMEOUT = 150_000;
/**
 * A limit for an answer (or a page) that never comes, not a speed: alone, each comes within a few
 * seconds, but the whole suite on two busy cores slows the Playground, chromium and the service together.
 */
const CHAT_WAIT = 60_000;

function startPlayground(botEndpoint: string, port: number): Promise<ChildProcess> {
  const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  // It reads .m365agentsplayground.yml (the mock care team) from its working directory.
  const child = spawn(process.execPath, [cli, 'start', '-e', botEndpoint, '-c', 'msteams', '--dt', '-p', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Both pipes are read to the end: the Playground writes to them synchronously, so a full pipe (64 KB
  // unread) would stop it mid-conversation.
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(`Listening on ${port}`)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`playground exited with ${code}: ${stderrTail}`)));
  });
}

let service: RoundsService;
let playground: ChildProcess;
let playgroundUrl: string;
let browser: Browser;
let phoneBrowser: Browser;
let chatContext: BrowserContext;
let chat: Page;
let phone: Page;
let patientLink = '';
let patient = { firstName: '', birthYear: '' };

/** The service's log, for a failure to show what Rounds did (the tests' people are synthetic). */
const serviceLogs: CapturedLogs = { lines: [] };

beforeAll(async () => {
  // The patient's links and the built-in room live at PUBLIC_URL: the service's own address here.
  const port = await freePort();
  // The dev user is the Playground's (the repository's .m365agentsplayground.yml), as with `npm start`.
  service = await startRoundsForTest({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DEV_USER_FILE: path.join(repoRoot, '.m365agentsplayground.yml') }, serviceLogs);
  const playgroundPort = await freePort();
  playground = await startPlayground(`${service.url}/api/messages`, playgroundPort);
  playgroundUrl = `http://127.0.0.1:${playgroundPort}/`;
  [browser, phoneBrowser] = await Promise.all([launchChromium(), launchMediaChromium()]);
  chatContext = await offlineContext(browser);
  chat = await chatContext.newPage();
  await chat.setViewportSize({ width: 1400, height: 1000 });
  await chat.goto(playgroundUrl);
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await phoneBrowser?.close();
  playground?.kill();
  await service?.close();
});

async function say(text: string): Promise<void> {
  await chat.getByRole('textbox').first().fill(text);
  await chat.getByRole('button', { name: 'Send Message' }).click();
}

/** A new post in the open channel that @mentions Rounds, picked from the composer's suggestions as a person does: only those reach the bot. */
async function postMentioningRounds(text: string): Promise<void> {
  await chat.getByRole('textbox').first().click();
  await chat.keyboard.type('@Ro');
  const suggestion = chat.getByRole('menuitem', { name: 'Rounds' });
  await suggestion.click();
  // The mention is in once the suggestions close: text typed before that is not part of the post.
  await suggestion.waitFor({ state: 'hidden' });
  await chat.keyboard.type(` ${text}`);
  await chat.getByRole('button', { name: 'Post' }).click();
}

/** The newest card in the open conversation whose text matches. */
const cardWith = (text: RegExp) => chat.locator('.ac-adaptiveCard', { hasText: text }).last();

/** The service's newest jobs, a line each: whether a card update or an alert ran, is running, waits for a retry or failed. */
async function lastJobs(): Promise<string> {
  const rows = await service.db
    .query<{ kind: string; attempts: number; state: string; last_error: string | null; age_s: number }>(
      `SELECT kind, attempts, last_error, extract(epoch FROM now() - created_at)::int AS age_s,
              CASE WHEN done_at IS NOT NULL THEN 'done' WHEN failed_at IS NOT NULL THEN 'failed'
                   WHEN locked_until > now() THEN 'running' WHEN run_at > now() THEN 'waiting' ELSE 'due' END AS state
       FROM jobs ORDER BY id DESC LIMIT 8`,
    )
    .catch((error: unknown) => [{ kind: `(jobs not readable: ${String(error)})`, attempts: 0, state: '', last_error: null, age_s: 0 }]);
  return rows.map((job) => `${job.kind} ${job.state} after ${job.attempts} attempt(s), enqueued ${job.age_s} s ago${job.last_error ? `, last error ${job.last_error}` : ''}`).join('\n');
}

/**
 * Waits for an answer in the chat. When none comes, the failure shows the page's last cards, the
 * Playground's detail of the last activity Rounds sent, and what the service logged last: whether
 * the message reached Rounds, and what it did.
 */
async function waitForAnswer(answer: Locator): Promise<void> {
  try {
    await answer.waitFor({ timeout: CHAT_WAIT });
  } catch (error) {
    const cards = await chat
      .locator('.ac-adaptiveCard')
      .evaluateAll((all) => all.slice(-3).map((card) => `[${card.checkVisibility() ? 'visible' : 'hidden'}] ${(card as HTMLElement).innerText.slice(0, 300)}`))
      .catch(() => []);
    // The Playground's log panel shows each activity Rounds sent when its line is clicked.
    await chat.getByText(/User Application -> Microsoft 365 Agents Playground message 201/).last().click({ timeout: 5_000 }).catch(() => undefined);
    const shown = (await chat.locator('body').innerText().catch(() => '')).slice(-3000);
    // The pages' own reads (tabs, room, lobby events) would crowd out what the bot did.
    const logged = serviceLogs.lines
      .filter((line) => !line.includes('"method":"GET"'))
      .slice(-12)
      .map((line) => line.slice(0, 300))
      .join('');
    // Last, as the part of a long failure a shortened CI log keeps: whether Rounds sent it at all.
    throw new Error(
      `${(error as Error).message}\n--- the last cards in the page:\n${cards.join('\n')}\n--- the page ends with:\n${shown}\n--- the service logged last:\n${logged}\n--- the service's last jobs:\n${await lastJobs()}`,
    );
  }
}

it('answers "help" typed in the Playground’s personal chat with the help card', async () => {
  await say('help');
  await waitForAnswer(chat.locator('p', { hasText: 'What Rounds can do' }).last());
});

it(
  'schedules a visit from the personal chat: the confirm card names the patient in words, never by id',
  async () => {
    await say('schedule a visit with Margaret Okafor in 10 minutes');
    const confirm = cardWith(/Check and confirm the visit/);
    await waitForAnswer(confirm);
    const named = await confirm.getByText(/Margaret .*Okafor · MRN \d+ · born \d{4}-\d\d-\d\d/).innerText();
    const [, given = '', year = ''] = /^(\w+).*born (\d{4})/.exec(named) ?? [];
    patient = { firstName: given, birthYear: year };
    expect(await confirm.innerText()).not.toMatch(/pat-\d+/);
    // In a personal chat the requester is the clinician, on the card where it can be changed.
    expect(await confirm.getByLabel('Clinicians').inputValue()).toBe('Dr Sam Kim');

    await confirm.getByRole('button', { name: 'Schedule visit' }).click();
    const visitCard = cardWith(/Video visit/);
    await waitForAnswer(visitCard);
    expect(await visitCard.innerText()).toMatch(/Visit time zone\s*\w{3} \d+ \w{3}, \d+:\d\d [AP]M UTC/);
    await visitCard.getByRole('button', { name: 'Copy patient link' }).click();
    patientLink = (await visitCard.getByText(/\/lobby\//).innerText()).trim();
    expect(patientLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lobby\/[\w-]+$/);
  },
  STEP_TIMEOUT,
);

it(
  'lets the patient check in on a phone; the card in the chat shows them waiting with Admit within seconds',
  async () => {
    const context = await phoneBrowser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: 'reduce', timezoneId: 'UTC' });
    context.setDefaultTimeout(CHAT_WAIT);
    phone = await context.newPage();
    await phone.goto(patientLink);
    const heading = (name: string) => phone.getByRole('heading', { level: 1, name });
    await heading('Confirm who the visit is for').waitFor();
    await phone.getByLabel('First name').fill(patient.firstName);
    await phone.getByLabel('Year of birth').fill(patient.birthYear);
    await phone.getByRole('button', { name: 'Continue' }).click();
    await heading('Check your camera, microphone and sound').waitFor();
    await phone.getByRole('button', { name: 'Test my camera and microphone' }).click();
    await phone.getByRole('listitem', { name: 'Microphone' }).getByRole('status').getByText('Working').waitFor({ timeout: CHAT_WAIT });
    await phone.getByRole('button', { name: 'Play test sound' }).click();
    await phone.getByRole('group', { name: 'Did you hear three beeps?' }).getByRole('button', { name: 'Yes, I heard them' }).click();
    await phone.getByRole('button', { name: 'Check in', exact: true }).click();
    await heading('You are in the waiting room').waitFor();

    // Whatever becomes of the 1:1 alert, the visit's card where it was booked says so, with Admit.
    const waiting = cardWith(/Margaret O\. waiting · devices OK/);
    await waitForAnswer(waiting);
    await waiting.getByRole('button', { name: 'Admit' }).waitFor();

    // My visits acts as the same person the Playground chats as: the visit is theirs, with its lobby.
    const tab = await chatContext.newPage();
    await tab.goto(`${service.url}/tabs/my-visits.html`);
    const row = tab.getByRole('listitem').filter({ has: tab.getByRole('heading', { level: 3, name: /Margaret/ }) });
    await row.getByRole('button', { name: /^Admit Margaret/ }).waitFor();
    await tab.close();
  },
  STEP_TIMEOUT,
);

it(
  'admits from the card in the chat: the patient’s page goes into the visit room',
  async () => {
    await cardWith(/Margaret O\. waiting · devices OK/).getByRole('button', { name: 'Admit' }).click();
    await phone.waitForURL(/\/rooms\/[^?]+\?patient=/, { timeout: CHAT_WAIT });
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await waitForAnswer(cardWith(/Admitted by Dr Sam Kim/));
  },
  STEP_TIMEOUT,
);

it(
  'schedules from a team channel with the requester as the clinician',
  async () => {
    await chat.getByRole('treeitem', { name: /Care coordination/ }).click();
    // The channel's composer (Post), not the personal chat's (Send Message) it replaces.
    await chat.getByRole('button', { name: 'Post' }).waitFor();
    await postMentioningRounds('schedule a visit with Beatrice Garcia in 2 hours');
    const confirm = cardWith(/Check and confirm the visit/);
    await waitForAnswer(confirm);
    expect(await confirm.getByLabel('Clinicians').inputValue()).toBe('Dr Sam Kim');
    await confirm.getByRole('button', { name: 'Schedule visit' }).click();
    const visitCard = cardWith(/Video visit/);
    await waitForAnswer(visitCard);
    expect(await visitCard.innerText()).toMatch(/Clinicians\s*Dr Sam Kim/);
  },
  STEP_TIMEOUT,
);

it(
  'sends a clinician message whose sender card leaves "Sending…": delivered, or why not and what to do',
  async () => {
    // In the care team's channel, where Dr Alex Lee is a member.
    await postMentioningRounds('message Dr Alex Lee about Margaret Okafor: K+ 6.1 please review');
    const sender = cardWith(/K\+ 6\.1 please review/);
    await waitForAnswer(sender);
    // The Playground takes no message in a chat created for someone it knows only by Entra id: the card must say so.
    await waitForAnswer(cardWith(/(Delivered at|Not delivered: .* Call them)/));
    expect(await cardWith(/K\+ 6\.1 please review/).innerText()).not.toMatch(/Sending…/);
  },
  STEP_TIMEOUT,
);
