/**
 * Rounds in a real Teams-like client: the Microsoft 365 Agents Playground (what `npm run playground`
 * starts) connected to the real service, driven in Debian chromium like a person would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { RoundsService } from '../../bot/src/rounds-service';
import { launchChromium, offlineContext } from '../support/browser';
import { startRoundsForTest } from '../support/rounds-under-test';

const repoRoot = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function startPlayground(botEndpoint: string, port: number): Promise<ChildProcess> {
  const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  // It reads .m365agentsplayground.yml (the mock care team) from its working directory.
  const child = spawn(process.execPath, [cli, 'start', '-e', botEndpoint, '-c', 'msteams', '--dt', '-p', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(`Listening on ${port}`)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`playground exited with ${code}`)));
  });
}

let service: RoundsService;
let playground: ChildProcess;
let playgroundUrl: string;
let browser: Browser;

beforeAll(async () => {
  service = await startRoundsForTest();
  const port = await freePort();
  playground = await startPlayground(`${service.url}/api/messages`, port);
  playgroundUrl = `http://127.0.0.1:${port}/`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  playground?.kill();
  await service?.close();
});

it('answers "help" typed in the Playground’s personal chat with the help card', async () => {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  await page.goto(playgroundUrl);

  await page.getByRole('textbox').first().fill('help');
  await page.getByRole('button', { name: 'Send Message' }).click();

  await page.locator('p', { hasText: 'What Rounds can do' }).last().waitFor({ timeout: 15_000 });
  await context.close();
});
