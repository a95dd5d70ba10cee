/**
 * Jest's transform for TypeScript (and jose's ES modules): esbuild strips the types, as ts-jest's
 * transpile-only mode did, at a small part of its CPU. With a cold cache (every clean clone, every CI
 * run) ts-jest compiled each file in each worker with TypeScript, some 20 ms a file. The type checks
 * are `npm test`'s own, before jest (scripts/checks.mjs).
 *
 * esbuild does not hoist `jest.mock` above the imports. A file that mocks a module goes to ts-jest,
 * which does, when the project names a tsconfig for it (the tab tests); elsewhere it fails here.
 */
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');

const OPTIONS = {
  format: 'cjs',
  target: 'es2022',
  platform: 'node',
  sourcemap: 'external',
  jsx: 'automatic',
  // import() becomes a require, as ts-jest compiled it: Jest loads an import()ed file as an ES module.
  supported: { 'dynamic-import': false },
  // As tsconfig.base.json compiles it (target ES2022): class fields are defined, not assigned.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};

const mocksModules = (source) => /\bjest\.(mock|doMock|unstable_mockModule)\(/.test(source);

/** @param {{ mockingTsconfig?: string }} options where a file that mocks modules is compiled by ts-jest */
function createTransformer(options = {}) {
  const tsJest = options.mockingTsconfig ? require('ts-jest').default.createTransformer({ tsconfig: options.mockingTsconfig }) : null;
  const key = `${version}${JSON.stringify(OPTIONS)}`;
  return {
    process(source, filename, transformOptions) {
      if (mocksModules(source)) {
        if (!tsJest) throw new Error(`${filename} mocks a module: only ts-jest hoists jest.mock above the imports (jest.config.js sets the transform per project).`);
        return tsJest.process(source, filename, transformOptions);
      }
      const { code, map } = transformSync(source, { ...OPTIONS, loader: /\.tsx$/.test(filename) ? 'tsx' : /\.ts$/.test(filename) ? 'ts' : 'js', sourcefile: filename });
      return { code, map };
    },
    getCacheKey(source, filename, transformOptions) {
      if (mocksModules(source) && tsJest) return tsJest.getCacheKey(source, filename, transformOptions);
      return createHash('sha256').update(key).update('\0').update(filename).update('\0').update(source).digest('hex');
    },
  };
}

module.exports = { createTransformer };
