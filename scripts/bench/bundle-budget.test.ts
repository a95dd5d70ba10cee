/**
 * The tab pages' initial JavaScript stays within its budget (npm test builds the pages first). The
 * patient's pages are opened on phones over mobile data: under 100 KB. The clinicians' pages show their
 * frame after 150 KB at most: each page's own code, the dark and high-contrast themes load after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pageWeights } from './bundle-size';

const dist = path.resolve(__dirname, '..', '..', 'tabs', 'dist');

const BUDGET_KB: Record<string, number> = {
  lobby: 100,
  room: 100,
  'patients-config': 150,
  'my-visits': 150,
  'visits-queue': 150,
  'on-call': 150,
  dashboard: 150,
  patients: 150,
  templates: 150,
};

it('keeps every built page’s initial JavaScript within its budget', () => {
  expect(fs.existsSync(path.join(dist, 'patients.html'))).toBe(true);
  const weights = pageWeights(dist);
  expect(weights.map((weight) => weight.page).sort()).toEqual(Object.keys(BUDGET_KB).sort());
  for (const { page, initialJsGzipKb } of weights) {
    expect({ page, initialJsGzipKb, within: initialJsGzipKb <= (BUDGET_KB[page] ?? 0) }).toEqual({ page, initialJsGzipKb, within: true });
  }
});
