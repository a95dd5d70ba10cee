/**
 * Chromium for pages that use the camera and microphone: Chromium's own fake devices (a test
 * pattern and a periodic beep) and no permission prompt, so getUserMedia answers at once.
 * Otherwise launched (or shared) as `launchChromium` does it (test/support/browser.ts).
 */
import { type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, connectOrLaunch } from './browser';

export const MEDIA_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Five frames a second instead of 30: every page that shows the camera renders (and in a room
  // encodes) each frame, and the tests need frames, not motion. The e2e suites' chromium: 116 s of
  // CPU instead of 155 s (measured).
  '--use-fake-device-for-media-stream=fps=5',
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
