/**
 * Jest's module runtime, with V8's code cache kept for the life of the worker (the `runtime` of every
 * project in jest.config.js).
 *
 * Jest gives each test file its own module registry, so every file compiles React DOM, zod, Fluent,
 * the testing libraries and our own modules again from their source: about 4 MB per tab test file,
 * and 13 % of the tab tests' CPU. The first file to compile a source keeps V8's compiled code for it;
 * the worker's later files start from that code instead of parsing again (measured on the tab tests in
 * one process: 4.6 s of compiling down to 1.5 s). Each file still runs every module afresh in its own
 * context: only the parse is shared, never a module's objects or state.
 *
 * Jest's runtime reads `vm.compileFunction` when it first compiles, so the worker's `vm` is given the
 * caching version before that. The cache is keyed by file and a hash of the exact source, and V8
 * refuses (cachedDataRejected) code made by another V8 or for other flags; then the source is compiled
 * as Jest would. Modules that use import() are always compiled as Jest would (see below).
 */
const crypto = require('node:crypto');
const vm = require('node:vm');

const compileFunction = vm.compileFunction;
const compiled = new Map();
const DYNAMIC_IMPORT = /\bimport\s*\(/;

vm.compileFunction = function compileFunctionWithCodeCache(code, params, options = {}) {
  // Code that comes from the cache loses its import() callback (Node 20 then throws
  // ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so modules that call import() are compiled every time.
  if (DYNAMIC_IMPORT.test(code)) return compileFunction(code, params, options);
  const key = `${options.filename}\0${crypto.hash('sha1', code)}`;
  const cachedData = compiled.get(key);
  if (cachedData) {
    const fn = compileFunction(code, params, { ...options, cachedData });
    if (!fn.cachedDataRejected) return fn;
  }
  const fn = compileFunction(code, params, { ...options, produceCachedData: true });
  if (fn.cachedData) compiled.set(key, fn.cachedData);
  return fn;
};

module.exports = require('jest-runtime');
