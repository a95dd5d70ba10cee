/**
 * Chromium for pages that use the camera and microphone: Chromium's own fake devices (a test
 * pattern and a periodic beep) and no permission prompt, so getUserMedia answers at once.
 * Otherwise launched (or shared) as `launchChromium` does it (test/support/browser.ts).
 */
import { type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, connectOrLaunch } from './browser';

export const MEDIA_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // The speaker check plays its beeps without waiting for a gesture Chromium would count.
  '--autoplay-policy=no-user-gesture-required',
];

/** Where the e2e project's globalSetup publishes its shared media chromium. */
export const SHARED_MEDIA_CHROMIUM_ENV = 'ROUNDS_TEST_MEDIA_CHROMIUM_WS';

/** The run's shared media chromium, or one of the suite's own when run alone (see `launchChromium`). */
export function launchMediaChromium(): Promise<Browser> {
  return connectOrLaunch(SHARED_MEDIA_CHROMIUM_ENV, MEDIA_CHROMIUM_ARGS);
}
