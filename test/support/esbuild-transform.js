/**
 * Jest's transform for the service's TypeScript (and jose's ES modules): esbuild strips the types, as
 * ts-jest's transpile-only mode did, for a small part of the CPU: a cold cache (every clean clone,
 * CI's every run) transformed each file in each worker with TypeScript, some 20 ms a file. The type
 * checks are `npm test`'s own, before jest (scripts/checks.mjs).
 *
 * It does not hoist `jest.mock` above the imports, as ts-jest does; the service's tests mock no
 * module, and a file that starts to fails here, with what to do. The tab tests, which do, keep ts-jest.
 */
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');

const OPTIONS = {
  format: 'cjs',
  target: 'es2022',
  platform: 'node',
  sourcemap: 'external',
  // As tsconfig.base.json compiles it (target ES2022): class fields are defined, not assigned.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};
const KEY = `${version}${JSON.stringify(OPTIONS)}`;

module.exports = {
  process(source, filename) {
    if (/\bjest\.(mock|doMock|unstable_mockModule)\(/.test(source)) {
      throw new Error(`${filename} mocks a module: only ts-jest hoists jest.mock above the imports (jest.config.js sets the transform per project).`);
    }
    const { code, map } = transformSync(source, { ...OPTIONS, loader: /\.tsx?$/.test(filename) ? 'ts' : 'js', sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(KEY).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
