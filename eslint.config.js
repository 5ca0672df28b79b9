import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** What the engine must never depend on: it runs unchanged in the worker, in Node and in tests. */
const engineForbiddenImports = [
  { group: ['svelte', 'svelte/*'], message: 'src/engine is pure: no Svelte.' },
  { group: ['dexie', 'dexie/*'], message: 'src/engine is pure: no Dexie (storage lives in src/data).' },
  { group: ['comlink'], message: 'src/engine is pure: no comlink (the worker wraps the engine).' },
  { group: ['papaparse'], message: 'src/engine is pure: no papaparse (files are read in src/io).' },
  { group: ['chart.js', 'chart.js/*'], message: 'src/engine is pure: no chart.js.' },
  { group: ['node:*', 'fs', 'path'], message: 'src/engine is pure: no Node APIs.' },
  { group: ['../io/*', '../data/*', '../ui/*', '../worker/*', '../cli/*', '../i18n/*'], message: 'src/engine imports nothing from the rest of the app.' },
];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'self', 'location', 'XMLHttpRequest']
  .map((name) => ({ name, message: 'src/engine is pure: no DOM or browser globals.' }));

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/e2e/screenshots/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    // src/io runs in the worker and in Node (the CLI): papaparse yes, DOM and UI no.
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...engineForbiddenImports.filter((p) => !p.group.includes('papaparse') && !p.group.includes('../io/*')),
            { group: ['../data/*', '../ui/*', '../worker/*', '../cli/*', '../i18n/*'], message: 'src/io imports only the engine and papaparse.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals.filter((g) => g.name !== 'self').map((g) => ({ ...g, message: 'src/io runs in the worker and in Node: no DOM globals.' }))],
    },
  },
  {
    // The UI reaches stored data only through the worker: no Dexie, no src/data but `storage.ts`
    // (quota and persistence, which exist on the page only).
    files: ['src/ui/**/*.ts', 'src/ui/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'dexie/*', '**/data/db', '**/data/*-repo', '**/data/backup', '**/data/dataset', '**/data/settings', '**/data/column-chunks', '**/data/index'],
              message: 'The UI reads and writes stored data through the worker (EngineApi); only src/data/storage.ts may be imported.',
            },
            { regex: '^(\\.\\./)+data$', message: 'The UI reads and writes stored data through the worker (EngineApi); only src/data/storage.ts may be imported.' },
          ],
        },
      ],
    },
  },
  {
    // src/data is the only code that touches IndexedDB; it knows nothing of screens or workers.
    files: ['src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*', 'chart.js', 'chart.js/*', 'comlink'], message: 'src/data holds no UI or worker code.' },
            { group: ['../ui/*', '../worker/*', '../cli/*'], message: 'src/data imports only the engine and io.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: engineForbiddenImports }],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
);
