/**
 * The axe-core scan the page tests rely on (test/support/axe.ts) reports what it finds: every page
 * test asserts an empty list, which a scan that found nothing would pass as well.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { axeViolations, seriousOrCritical } from '../support/axe';
import { launchChromium, offlineContext } from '../support/browser';

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await offlineContext(browser);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

it('names a serious violation and the element at fault, and nothing on a page without one', async () => {
  const page = await context.newPage();
  await page.setContent('<!doctype html><html lang="en"><title>Scan</title><main><button id="nameless"></button><button>Admit</button></main></html>');

  const findings = seriousOrCritical(await axeViolations(page));
  expect(findings.map((finding) => finding.id)).toContain('button-name');
  expect(findings.find((finding) => finding.id === 'button-name')?.nodes.map((node) => node.target)).toEqual(['#nameless']);

  await page.setContent('<!doctype html><html lang="en"><title>Scan</title><main><button>Admit</button></main></html>');
  expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
});
