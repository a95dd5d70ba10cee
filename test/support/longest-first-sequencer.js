/**
 * Jest's own order, with a head start for a clean clone.
 *
 * Jest starts the files that took longest in the last run first, so that the run does not end with
 * one long file running alone. Without its timing cache (a clean clone, as in CI) it orders by file
 * size, and the fuzz suite, a short file and the longest to run, started near the end and finished
 * the run alone. The files below were the longest in a whole `npm test` on the 2-core machine
 * (each with its seconds, four workers, 2026-12-08): those jest has no time for go first, in this
 * order. After one run jest's times take over; a file missing here is only ordered as jest would.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST = [
  'test/security/fuzz-routes.test.ts', // 88
  'test/e2e/patients-tab.test.ts', // 58
  'test/e2e/playground-chat.test.ts', // 55
  'test/e2e/family-visit.test.ts', // 47
  'test/integration/delivery-in-each-client.test.ts', // 32
  'test/integration/storage.test.ts', // 29
  'test/integration/visits-lifecycle.test.ts', // 26
  'test/integration/visits-bot.test.ts', // 23
  'tabs/src/patients/board/patients-board.test.tsx', // 21
  'test/integration/clinician-messages-bot.test.ts', // 21
  'test/e2e/lobby-patient.test.ts', // 21
  'test/integration/lobby-admit.test.ts', // 17
].map((file) => path.join(__dirname, '..', '..', file));

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    // Jest's sort also sets each test's duration from its cache: undefined when it has none.
    const ordered = super.sort(tests);
    const rank = (test) => (test.duration === undefined ? LONGEST.indexOf(test.path) : -1);
    const ahead = ordered.filter((test) => rank(test) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...ahead, ...ordered.filter((test) => rank(test) < 0)];
  }
}

module.exports = LongestFirstSequencer;
