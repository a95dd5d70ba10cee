/** Two projects: the Node service (and scripts, integration tests) and the React tabs (jsdom). */
const tsJest = (tsconfig) => ['ts-jest', { tsconfig, diagnostics: { warnOnly: false } }];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'bot',
      testEnvironment: 'node',
      roots: ['<rootDir>/bot/src', '<rootDir>/test', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      // jose is ESM-only: ts-jest (allowJs) compiles it to CommonJS like our own files.
      transform: { '^.+\\.[tj]s$': tsJest('<rootDir>/tsconfig.test.json') },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      displayName: 'tabs',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tabs/src'],
      testMatch: ['**/*.test.tsx', '**/*.test.ts'],
      setupFiles: ['<rootDir>/tabs/jest.setup-env.js'],
      setupFilesAfterEnv: ['<rootDir>/tabs/jest.setup.ts'],
      transform: { '^.+\\.tsx?$': tsJest('<rootDir>/tabs/tsconfig.json') },
    },
  ],
};
