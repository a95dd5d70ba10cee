/**
 * Jest globalSetup of the e2e project: one chromium (and one with fake camera and microphone) for the
 * whole run instead of one per suite. Suites connect to it through `launchChromium()` /
 * `launchMediaChromium()`, which find its endpoint in the environment the workers inherit.
 */
import { chromium, type BrowserServer } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_ARGS, SHARED_CHROMIUM_ENV } from './browser';
import { MEDIA_CHROMIUM_ARGS, SHARED_MEDIA_CHROMIUM_ENV } from './media-browser';

/** Read by the globalTeardown, which jest runs in this same process. */
export const SHARED_SERVERS = Symbol.for('rounds.sharedChromiumServers');

export default async function launchSharedChromium(): Promise<void> {
  const [plain, media] = await Promise.all([
    chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    chromium.launchServer({ executablePath: CHROMIUM_PATH, args: MEDIA_CHROMIUM_ARGS }),
  ]);
  process.env[SHARED_CHROMIUM_ENV] = plain.wsEndpoint();
  process.env[SHARED_MEDIA_CHROMIUM_ENV] = media.wsEndpoint();
  (globalThis as Record<symbol, BrowserServer[]>)[SHARED_SERVERS] = [plain, media];
}
