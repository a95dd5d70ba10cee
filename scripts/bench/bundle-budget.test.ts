/**
 * The tab pages' initial JavaScript stays within its budget (npm test builds the pages first). The
 * patient's pages are opened on phones over mobile data: under 100 KB. The clinicians' pages are held
 * at today's size until the split issue 14 asks for brings the Patients page to 150 KB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pageWeights } from './bundle-size';

const dist = path.resolve(__dirname, '..', '..', 'tabs', 'dist');

const BUDGET_KB: Record<string, number> = {
  lobby: 100,
  room: 100,
  'patients-config': 160,
  'my-visits': 200,
  'on-call': 215,
  patients: 275,
};

it('keeps every built page’s initial JavaScript within its budget', () => {
  expect(fs.existsSync(path.join(dist, 'patients.html'))).toBe(true);
  const weights = pageWeights(dist);
  expect(weights.map((weight) => weight.page).sort()).toEqual(Object.keys(BUDGET_KB).sort());
  for (const { page, initialJsGzipKb } of weights) {
    expect({ page, initialJsGzipKb, within: initialJsGzipKb <= (BUDGET_KB[page] ?? 0) }).toEqual({ page, initialJsGzipKb, within: true });
  }
});
