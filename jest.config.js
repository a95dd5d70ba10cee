/**
 * Three projects, selectable with `--selectProjects`:
 * - `unit`: the tests beside the code (bot/src, scripts, tabs/src): no service, no database server,
 *   no browser. Three entries share the name: the service's and scripts' tests, the tabs' logic in
 *   Node, and the tabs' components in jsdom.
 * - `integration`: test/ except test/e2e (the service over real HTTP, storage, security, architecture).
 * - `e2e`: test/e2e, the pages in Debian's chromium; one chromium serves the whole run (globalSetup).
 */
const node = {
  testEnvironment: 'node',
  // Shares V8's compiled code across a worker's files, and ends each file's AsyncLocalStorage when the
  // file does (test/support/worker-runtime.js).
  runtime: '<rootDir>/test/support/worker-runtime.js',
  testMatch: ['**/*.test.ts'],
  // esbuild strips the types (test/support/esbuild-transform.js); jose is ESM-only, so it is compiled
  // to CommonJS like our own files.
  transform: { '^.+\\.[tj]s$': '<rootDir>/test/support/esbuild-transform.js' },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

/**
 * The suites that start the service: the Bot Framework, Teams AI and Medplum packages are loaded
 * once per worker rather than once per file (test/support/worker-modules-environment.js).
 */
const service = {
  ...node,
  testEnvironment: '<rootDir>/test/support/worker-modules-environment.js',
  moduleNameMapper: {
    '^@microsoft/teams-ai$': '<rootDir>/test/support/worker-modules/teams-ai.js',
    '^botbuilder$': '<rootDir>/test/support/worker-modules/botbuilder.js',
    // Medplum keeps the FHIR definitions it has indexed (the sandbox's start) in its module.
    '^@medplum/(core|fhir-router|definitions)$': '<rootDir>/test/support/worker-modules/medplum-$1.js',
  },
};

/** The tabs' files; those that mock a module go to ts-jest, which hoists jest.mock (test/support/esbuild-transform.js). */
const tabsTransform = { '^.+\\.tsx?$': ['<rootDir>/test/support/esbuild-transform.js', { mockingTsconfig: '<rootDir>/tabs/tsconfig.json' }] };

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is cores - 1, which on the 2-core machine runs one file at a time. The service,
  // database and browser suites spend much of their time waiting (HTTP, PostgreSQL, chromium, a job's
  // pass), so four workers keep both cores busy: measured, 401 s against 488 s with two. The tab tests
  // in jsdom only compute, so `npm run test:unit` runs them on two (three took 45 s against 37 s).
  // Each worker starts with `--max-semi-space-size=64` (package.json): module loading allocates
  // heavily, and a larger young generation cut about 8 % of the suites' CPU in garbage collection.
  maxWorkers: 4,
  // Per test (and hook): a limit for a test that hangs, not a speed requirement. On a machine whose
  // cores other jobs keep busy, a many-step test of a Fluent page in jsdom has taken over 30 s; hooks
  // that start the service, a database or chromium set SERVICE_START_TIMEOUT_MS.
  testTimeout: 120000,
  // The longest files first, also on a clean clone, which has no timing cache (test/support/longest-first-sequencer.js).
  testSequencer: '<rootDir>/test/support/longest-first-sequencer.js',
  // One temp folder for the run, removed at its end (test/support/test-temp.ts).
  globalSetup: '<rootDir>/test/support/test-temp-setup.ts',
  globalTeardown: '<rootDir>/test/support/test-temp-teardown.ts',
  projects: [
    { ...node, displayName: 'unit', roots: ['<rootDir>/bot/src', '<rootDir>/scripts'] },
    // The tabs' logic (*.test.ts) runs in Node, without a DOM or the testing libraries to load for each
    // file; a file that needs a DOM says `@jest-environment jsdom` in its first comment.
    { ...node, displayName: 'unit', roots: ['<rootDir>/tabs/src'], transform: tabsTransform },
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      runtime: node.runtime,
      roots: ['<rootDir>/tabs/src'],
      testMatch: ['**/*.test.tsx'],
      setupFiles: ['<rootDir>/tabs/jest.setup-env.js'],
      setupFilesAfterEnv: ['<rootDir>/tabs/jest.setup.ts'],
      // Loads each icon, and each Fluent component package, on first use instead of all of them per
      // file (tabs/jest.react-icons.js, tabs/jest.react-components.js).
      moduleNameMapper: {
        '^@fluentui/react-icons$': '<rootDir>/tabs/jest.react-icons.js',
        '^@fluentui/react-components$': '<rootDir>/tabs/jest.react-components.js',
      },
      transform: tabsTransform,
    },
    { ...service, displayName: 'integration', roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'] },
    {
      ...service,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      globalSetup: '<rootDir>/test/support/shared-browser-setup.ts',
      globalTeardown: '<rootDir>/test/support/shared-browser-teardown.ts',
    },
  ],
};
