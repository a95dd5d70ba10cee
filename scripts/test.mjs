// `npm test`: the checks (type checks and lint, scripts/checks.mjs) and the jest suite, side by side.
// Arguments go to jest (`npm test -- test/e2e/lobby-patient.test.ts`).
//
// Jest leaves part of both cores idle while its suites wait for chromium, PostgreSQL and their own
// services (about 300 s of CPU in 214 s on two cores); the checks, about 40 s on their own before jest
// began, run in that room instead. The checks print each one's output whole when it ends; the run
// fails when either fails, after both have ended.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The flags of package.json's test:* scripts, which run jest alone. */
const JEST_NODE_FLAGS = ['--max-semi-space-size=64', '--experimental-vm-modules', '--disable-warning=ExperimentalWarning', '--disable-warning=DEP0111'];

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const [checks, jest] = await Promise.all([
  run([path.join(root, 'scripts/checks.mjs')]),
  run([...JEST_NODE_FLAGS, path.join(root, 'node_modules/jest/bin/jest.js'), ...process.argv.slice(2)]),
]);
if (checks !== 0) process.stdout.write('--- the checks failed: see their output above\n');
process.exitCode = checks !== 0 || jest !== 0 ? 1 : 0;
