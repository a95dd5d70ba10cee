/** Jest globalTeardown of the e2e project: closes the chromium that shared-browser-setup launched. */
import { type BrowserServer } from 'playwright-core';
import { SHARED_CHROMIUM_ENV } from './browser';
import { SHARED_MEDIA_CHROMIUM_ENV } from './media-browser';
import { SHARED_SERVERS } from './shared-browser-setup';

export default async function closeSharedChromium(): Promise<void> {
  const servers = (globalThis as Record<symbol, BrowserServer[] | undefined>)[SHARED_SERVERS] ?? [];
  await Promise.all(servers.map((server) => server.close()));
  delete process.env[SHARED_CHROMIUM_ENV];
  delete process.env[SHARED_MEDIA_CHROMIUM_ENV];
}
