/**
 * Jest's module runtime (the `runtime` of every project in jest.config.js), adjusted for a worker that
 * runs one test file after another. Each file still gets its own module registry and context; only
 * what Jest would otherwise repeat or pile up across files changes.
 *
 * 1. V8's code cache, kept for the life of the worker. Jest compiles every module again for each file:
 *    React DOM, zod, Fluent, the testing libraries and our own modules, about 4 MB of source per tab
 *    test file and 13 % of the tab tests' CPU. The first file to compile a source keeps V8's compiled
 *    code; later files start from it instead of parsing again (the tab tests in one process: 4.6 s of
 *    compiling down to 1.5 s). Only the parse is shared, never a module's objects or state. V8 refuses
 *    (cachedDataRejected) code made for another V8 or other flags, and then the source is compiled as
 *    Jest would.
 * 2. Each file's AsyncLocalStorage instances are disabled when the file ends. Jest's test runner
 *    (jest-circus) makes one per file, and Node runs every enabled instance's hook on every promise
 *    the process creates: the worker's hundredth file paid for the 99 before it.
 */
const asyncHooks = require('node:async_hooks');
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

const compileFunction = vm.compileFunction;
/** File name → its source and V8's code for it. */
const compiled = new Map();

// Jest's runtime reads `vm.compileFunction` when it first compiles, after this module has loaded.
vm.compileFunction = function compileFunctionWithCodeCache(code, params, options = {}) {
  const known = compiled.get(options.filename);
  if (known?.code === code) {
    const fn = compileFunction(code, params, { ...options, cachedData: known.cachedData });
    if (!fn.cachedDataRejected) return fn;
  }
  // Code that comes from the cache loses its import() callback (Node 20 then throws
  // ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so modules that call import() are never cached.
  if (code.includes('import(') || code.includes('import (')) return compileFunction(code, params, options);
  const fn = compileFunction(code, params, { ...options, produceCachedData: true });
  if (fn.cachedData) compiled.set(options.filename, { code, cachedData: fn.cachedData });
  return fn;
};

/** The instances made since the worker's last file ended: a worker runs one file at a time. */
const storagesOfThisFile = new Set();
asyncHooks.AsyncLocalStorage = class FileAsyncLocalStorage extends asyncHooks.AsyncLocalStorage {
  constructor() {
    super();
    storagesOfThisFile.add(this);
  }
};

class WorkerRuntime extends Runtime {
  teardown() {
    super.teardown();
    for (const storage of storagesOfThisFile) storage.disable();
    storagesOfThisFile.clear();
  }
}

module.exports = WorkerRuntime;
