/** Runs axe-core (the npm package, injected from disk: no CDN) in a Playwright page. */
import fs from 'node:fs';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_PATH = require.resolve('axe-core');

/** WCAG 2.x A and AA only; the default (no options) runs those and axe's best practices too. */
export const WCAG_AA: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };

export interface AxeFinding {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/**
 * Fluent UI's focus manager (tabster) puts `<i tabindex="0" aria-hidden="true" data-tabster-dummy>`
 * around toolbars, grids and dialogs: focus landing on one is moved on at once, and they are hidden
 * so screen readers do not announce them. axe's aria-hidden-focus flags them anyway; tabster's
 * maintainers call it a false positive (microsoft/tabster#288), Accessibility Insights ignores them.
 * Only these nodes, for only that rule, are left out.
 */
const TABSTER_DUMMY = /^<[a-z]+\b[^>]*\sdata-tabster-dummy\b/;

/** The violations axe finds in the page as it is now, shaped to read well in a failing assertion. */
export async function axeViolations(page: Page, options: RunOptions = {}): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol, as an extension would: the pages' CSP allows no inline <script>.
  if (!loaded) await page.evaluate(`${fs.readFileSync(AXE_PATH, 'utf8')}\n;undefined`);
  // Only violations are read: axe then builds selectors for one node per passing rule, not for all (axe's documented `resultTypes`).
  const results = await page.evaluate(
    (runOptions) => (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe.run(document, runOptions),
    { resultTypes: ['violations'], ...options } satisfies RunOptions,
  );
  return results.violations.flatMap((violation) => {
    const nodes = violation.nodes.filter((node) => !(violation.id === 'aria-hidden-focus' && TABSTER_DUMMY.test(node.html)));
    if (nodes.length === 0) return [];
    return [
      {
        id: violation.id,
        impact: violation.impact ?? undefined,
        help: violation.help,
        nodes: nodes.map((node) => ({
          target: node.target.map(String).join(' '),
          html: node.html.slice(0, 200),
          summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
        })),
      },
    ];
  });
}

/** Only what blocks or badly hinders someone using assistive technology. */
export function seriousOrCritical(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** axe-core's findings on the page as it is now: none may be serious or critical (named by `where` when some are). */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const blocking = seriousOrCritical(await axeViolations(page));
  // The findings themselves in the failure message: rule, impact, and the elements at fault.
  expect({ where, violations: blocking }).toEqual({ where, violations: [] });
}
