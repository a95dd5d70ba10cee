/**
 * Three projects, selectable with `--selectProjects`:
 * - `unit`: the tests beside the code (bot/src, scripts, tabs/src): no service, no database server,
 *   no browser. Two entries share the name because the tab tests run in jsdom with the tabs' tsconfig.
 * - `integration`: test/ except test/e2e (the service over real HTTP, storage, security, architecture).
 * - `e2e`: test/e2e, the pages in Debian's chromium; one chromium serves the whole run (globalSetup).
 */
const tsJest = (tsconfig) => ['ts-jest', { tsconfig, diagnostics: { warnOnly: false } }];

const node = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  // jose is ESM-only: ts-jest (allowJs) compiles it to CommonJS like our own files.
  transform: { '^.+\\.[tj]s$': tsJest('<rootDir>/tsconfig.test.json') },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is cores - 1, which on the 2-core machine runs one file at a time. Two workers keep
  // both cores busy (most suites wait on I/O: HTTP, the database, chromium); more only add memory and
  // contention, since each worker holds its own copy of the FHIR definitions and a chromium context.
  maxWorkers: 2,
  // Per test (and hook): a limit for a test that hangs, not a speed requirement. On a machine whose
  // cores other jobs keep busy, a many-step test of a Fluent page in jsdom has taken over 30 s; hooks
  // that start the service, a database or chromium set SERVICE_START_TIMEOUT_MS.
  testTimeout: 60000,
  projects: [
    { ...node, displayName: 'unit', roots: ['<rootDir>/bot/src', '<rootDir>/scripts'] },
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tabs/src'],
      testMatch: ['**/*.test.tsx', '**/*.test.ts'],
      setupFiles: ['<rootDir>/tabs/jest.setup-env.js'],
      setupFilesAfterEnv: ['<rootDir>/tabs/jest.setup.ts'],
      // Loads each icon, and each Fluent component package, on first use instead of all of them per
      // file (tabs/jest.react-icons.js, tabs/jest.react-components.js).
      moduleNameMapper: {
        '^@fluentui/react-icons$': '<rootDir>/tabs/jest.react-icons.js',
        '^@fluentui/react-components$': '<rootDir>/tabs/jest.react-components.js',
      },
      transform: { '^.+\\.tsx?$': tsJest('<rootDir>/tabs/tsconfig.json') },
    },
    { ...node, displayName: 'integration', roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'] },
    {
      ...node,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      globalSetup: '<rootDir>/test/support/shared-browser-setup.ts',
      globalTeardown: '<rootDir>/test/support/shared-browser-teardown.ts',
    },
  ],
};
