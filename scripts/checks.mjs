// The checks `npm test` runs before jest: the type checks of `npm run typecheck` and the rules of
// `npm run lint` (eslint.config.mjs), in two processes side by side.
//
// Lint's type-aware rules need a TypeScript program, and `eslint .` builds one per tsconfig, then
// checks types again inside its rules. Here a check builds each program once, reports its type errors,
// and lints its files against that same program (typescript-eslint's `programs` option), so the rules
// reuse the type checker's work. Measured on this machine: 37 s and 68 s of CPU, against 54 s and
// 95 s for `npm run typecheck` and `npm run lint` side by side.
//
// Each check's output is printed whole when it ends, so the two never interleave; any failure fails
// the run. `node scripts/checks.mjs <check>` runs one check alone.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Longest first, so the two processes end close together. `lint` lists the folders whose files the
 * program covers; between them the linted checks cover every file `eslint .` lints. The service's own
 * tsconfig (no jest types, no tests) and the domain's (no Node types) are type checks only: their
 * files are linted with the tests' program, which includes them.
 */
const CHECKS = {
  service: { tsconfig: 'tsconfig.test.json', lint: { files: ['.'], ignore: ['tabs/**'] } },
  tabs: { tsconfig: 'tabs/tsconfig.json', lint: { files: ['tabs'], ignore: [] } },
  'service-build': { tsconfig: 'bot/tsconfig.json' },
  domain: { tsconfig: 'bot/src/domain/tsconfig.json' },
};

const PARALLEL = 2;

const only = process.argv[2];
if (only) {
  process.exitCode = (await runCheck(only)) ? 0 : 1;
} else {
  const queue = Object.keys(CHECKS);
  const results = await Promise.all(Array.from({ length: PARALLEL }, () => drain(queue)));
  process.exitCode = results.flat().every(Boolean) ? 0 : 1;
}

/** Runs checks from the shared queue, one at a time, each in its own process. */
async function drain(queue) {
  const passed = [];
  for (let name = queue.shift(); name; name = queue.shift()) passed.push(await runInChild(name));
  return passed;
}

function runInChild(name) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), name], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`--- check ${name}: ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    });
  });
}

async function runCheck(name) {
  const check = CHECKS[name];
  if (!check) throw new Error(`No check named ${name}: one of ${Object.keys(CHECKS).join(', ')}`);
  const { default: ts } = await import('typescript');
  const program = createProgram(ts, path.join(root, check.tsconfig));
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    process.stdout.write(
      ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }),
    );
  }
  if (!check.lint) return diagnostics.length === 0;

  const { ESLint } = await import('eslint');
  const eslint = new ESLint({
    cwd: root,
    ignorePatterns: check.lint.ignore,
    overrideConfig: { languageOptions: { parserOptions: { project: null, programs: [program] } } },
  });
  const results = await eslint.lintFiles(check.lint.files);
  const formatted = await (await eslint.loadFormatter('stylish')).format(results);
  if (formatted) process.stdout.write(formatted);
  return diagnostics.length === 0 && results.every((result) => result.errorCount === 0);
}

function createProgram(ts, configPath) {
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config.errors.length > 0) throw new Error(config.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')).join('\n'));
  return ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true }, projectReferences: config.projectReferences });
}
