// ESLint (flat config): the usual TypeScript and React-hooks rules, the Office.js rules of the add-in field, and the
// import boundaries that keep the architecture visible (a pure core, adapters behind the workbook interface, shells
// at the edge). Formatting is Prettier's (eslint-config-prettier turns the style rules off).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';
import prettier from 'eslint-config-prettier';

/** no-restricted-imports patterns: each a regular expression of import paths a folder must not use, and why. */
const forbid = (...rules) => ['error', { patterns: rules.map(([regex, message]) => ({ regex, message })) }];

const SHELLS = '(^|/)(taskpane|commands|cli)(/|$)';
const OFFICE_ADAPTER = '(^|/)(workbook/adapters/officeJs|host/excelHost)$';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'out/**', 'coverage/**', 'node_modules/**', 'test/fixtures/**', 'seeds/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Untrusted text is cleaned of control characters on purpose (XML forbids them).
      'no-control-regex': 'off',
      // Chinese documents use the ideographic space (U+3000) in texts, e.g. a date to fill in by hand.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // CommonJS files run by node and jest as they are.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        structuredClone: 'readonly',
        console: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Office.js habits the field checks for: load before read, sync after load, no sync in a loop.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'warn',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // Below the shells nothing imports a shell.
    files: ['src/**'],
    ignores: ['src/taskpane/**', 'src/commands/**', 'src/cli/**', 'src/bench/**'],
    rules: { 'no-restricted-imports': forbid([SHELLS, 'Only the shells (taskpane, commands, cli) import shells: move what both need below them.']) },
  },
  {
    // The core is pure (after the rule above: the last block that sets a rule wins): it imports only the core (no Office.js, DOM, files, libraries).
    files: ['src/core/**'],
    rules: { 'no-restricted-imports': forbid(['^(?!\\./)', 'src/core imports only src/core (./…): it is the pure domain, no adapters, shells or packages.']) },
  },
  {
    // …and its subfolders (the message catalogue) may reach the rest of the core one level up, nothing beyond.
    files: ['src/core/*/**'],
    rules: {
      'no-restricted-imports': forbid([
        '^(?!\\./|\\.\\./(?!\\.\\./))',
        'src/core imports only src/core: it is the pure domain, no adapters, shells or packages.',
      ]),
    },
  },
  {
    // The CLI works on files: never the Office.js adapter or the Excel host.
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': forbid(
        [OFFICE_ADAPTER, 'The CLI works on workbook files: it must not import the Office.js adapter or the Excel host.'],
        ['(^|/)(taskpane|commands)(/|$)', 'The CLI must not import another shell.'],
      ),
    },
  },
  {
    // The task pane reaches the workbook only through a host (src/host), never an adapter directly.
    files: ['src/taskpane/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['(^|/)workbook/adapters/', 'The task pane reaches the workbook through its host (src/host), not an adapter.'],
        ['(^|/)(cli|commands)(/|$)', 'The task pane must not import another shell.'],
      ),
    },
  },
  prettier,
);
