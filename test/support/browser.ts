/** Debian's chromium driven by playwright-core (no browser download), as CI installs it. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's `chromium-headless-shell` when installed: the same Blink and V8 as `chromium`, without the
 * desktop browser around them (Playwright's own default for headless runs). The e2e project on it:
 * 66 s and 61 s of chromium CPU against 89 s and 98 s on the full browser (measured). Without it,
 * the full `chromium`.
 */
const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : '/usr/bin/chromium');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where the e2e project's globalSetup publishes its shared chromium (test/support/shared-browser-setup.ts). */
export const SHARED_CHROMIUM_ENV = 'ROUNDS_TEST_CHROMIUM_WS';

/**
 * The run's shared chromium when there is one, else a chromium of the suite's own (a suite run alone
 * outside the e2e project). Either way `browser.close()` is right: on a connected browser it closes
 * this suite's contexts and disconnects, leaving the shared chromium to the other suites.
 */
export function launchChromium(): Promise<Browser> {
  return connectOrLaunch(SHARED_CHROMIUM_ENV, CHROMIUM_ARGS);
}

export function connectOrLaunch(endpointEnv: string, args: string[]): Promise<Browser> {
  const wsEndpoint = process.env[endpointEnv];
  return wsEndpoint ? chromium.connect(wsEndpoint) : chromium.launch({ executablePath: CHROMIUM_PATH, args });
}

/** A page context that never reaches the internet: teams-js fetches validDomains.json from Microsoft's CDN at import. */
export async function offlineContext(browser: Browser, options: { colorScheme?: 'light' | 'dark'; timezoneId?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  // Every wait is for a state; a busy machine (four jest workers and chromium on two cores) slows it.
  context.setDefaultTimeout(60_000);
  await context.route('**/validDomains.json', (route) => route.fulfill({ json: { validOrigins: [] } }));
  return context;
}

/** A desktop-sized tab page whose uncaught errors are collected in `errors` (tests assert there are none). */
export async function desktopPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  return page;
}
