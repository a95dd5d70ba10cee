// Lint: type-aware rules that catch real bugs, and import zones that keep the architecture's rule
// "dependencies point inward" true (docs/architecture.md).
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layers from './architecture-layers.json' with { type: 'json' };

// Every folder of the service is in one layer (architecture-layers.json, kept whole by a test).
const { adapters: ADAPTERS, edges: EDGES } = layers;

const zones = [
  // The domain core knows nothing of adapters or edges.
  { target: './bot/src/domain', from: './bot/src', except: ['./domain'], message: 'The domain imports nothing from adapters or edges.' },
  // Contracts are shared with the browser: zod only.
  { target: './bot/src/contracts', from: './bot/src', except: ['./contracts'], message: 'Contracts are pure schemas shared with tabs/.' },
  // Adapters never reach up into the edges.
  { target: ADAPTERS, from: EDGES, message: 'Adapters do not import edges.' },
  // The composition root (composition/, rounds-service.ts, main.ts) assembles everything; nothing below imports it.
  {
    target: [...ADAPTERS, ...EDGES, ...layers.domain, ...layers.contracts, './bot/src/config.ts', './bot/src/dev-user.ts', './bot/src/logging.ts', './bot/src/version.ts'],
    from: [...layers.composition, './bot/src/rounds-service.ts', './bot/src/main.ts'],
    message: 'Only main.ts, tests and scripts import the composition root.',
  },
  // The tabs may use the service's contracts, nothing else of it.
  { target: './tabs/src', from: './bot/src', except: ['./contracts'], message: 'tabs/ may import only bot/src/contracts.' },
  // Production code never imports tests.
  { target: ['./bot/src', './tabs/src', './scripts'], from: './test', message: 'Production code does not import test/.' },
  // The in-memory twins stand in for stores in the domain's own tests, so they are as pure as the domain.
  {
    target: './bot/src/storage/memory',
    from: './bot/src',
    // Two ports live with the adapter that uses them: the signing keys' (secrets/) and the webhook cursor's (webhooks/).
    except: ['./domain', './storage/memory', './storage/is-uuid.ts', './storage/contract-suites', './secrets/fhir-signing-keys.ts', './webhooks/webhook-cursor.ts'],
    message: 'The in-memory twins import only the domain.',
  },
];

// A domain test may wire its service with the in-memory twins; the domain's code itself may not.
const domainTestZones = zones.map((zone) => (zone.target === './bot/src/domain' ? { ...zone, except: [...zone.except, './storage/memory'] } : zone));

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'appPackage/build/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./bot/tsconfig.json', './tabs/tsconfig.json', './tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // teams-ai and restify take async callbacks by contract even when one needs no await.
      '@typescript-eslint/require-await': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    files: ['bot/src/domain/**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: domainTestZones }] },
  },
  {
    files: ['bot/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(botbuilder|@microsoft/|restify|pg|@electric-sql/|pino|node:)', message: 'The domain is pure TypeScript.' }] },
      ],
    },
  },
  {
    // The patient's pages run on any phone, outside Teams: no teams-js, no Fluent (the room loads
    // teams-js on demand, with import(), for a clinician signing in from Teams).
    files: ['tabs/src/lobby/**', 'tabs/src/room/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@microsoft/teams-js', message: 'The patient pages do not load teams-js.' },
            { regex: '^@fluentui/', message: 'The patient pages stay small: plain React and their own stylesheet.' },
            { regex: 'shared/teams-host$', message: 'Load teams-host with import() for clinicians only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tabs/src/**/*.tsx', 'tabs/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests and command-line scripts talk to the console and use jest's loose matchers.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'scripts/**/*.ts', 'tabs/src/test-support/**', 'bot/src/storage/contract-suites/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
