/**
 * Chromium for pages that use the camera and microphone: Chromium's own fake devices (a test
 * pattern and a periodic beep) and no permission prompt, so getUserMedia answers at once.
 * Otherwise launched as `launchChromium` launches it (test/support/browser.ts).
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './browser';

export function launchMediaChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      // The speaker check plays its beeps without waiting for a gesture Chromium would count.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
