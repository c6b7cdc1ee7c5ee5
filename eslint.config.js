import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './build/eslint/layers.js';

const root = import.meta.dirname;
const TEST_PACKAGES = ['vitest', 'fast-check'];

/** Who may import what (DESIGN.md). `areas`: our folders; `packages`: npm packages; `node`: Node built-ins. */
const LAYERS = {
  shared: { areas: [], packages: ['zod'], testPackages: TEST_PACKAGES, node: false },
  renderer: { areas: ['shared'], packages: ['react', 'react-dom', 'i18next', 'react-i18next', 'qrcode', 'zod'], testPackages: [...TEST_PACKAGES, '@testing-library/react'], node: false },
  db: { areas: ['shared'], packages: ['better-sqlite3'], testPackages: TEST_PACKAGES, node: true },
  core: { areas: ['db', 'shared'], packages: ['better-sqlite3', 'zod', 'pinyin-pro', 'qrcode'], testPackages: TEST_PACKAGES, node: true },
  central: { areas: ['shared'], packages: ['fastify', 'pg', 'better-sqlite3', 'zod'], testPackages: TEST_PACKAGES, node: true },
  'electron/main': { areas: ['shared'], files: ['core/electron-entry'], packages: ['electron'], testPackages: ['vitest', 'playwright-core'], node: true },
  'electron/preload': { areas: [], packages: ['electron'], node: false },
  bench: { areas: ['shared', 'db', 'core', 'central'], packages: ['*'], forbid: ['electron'], node: true },
  e2e: { areas: ['shared', 'core'], packages: ['*'], forbid: ['electron'], node: true },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.scratch/**', 'e2e/artifacts/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    plugins: { local: layers },
    rules: {
      'local/layers': ['error', { root, layers: LAYERS }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='electron']:not([importKind='type'])", message: "only electron/main and electron/preload import 'electron'" }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      // No DOM or Node globals in the pure domain code.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname', 'setImmediate'],
    },
  },
  {
    files: ['build/**/*.{js,mjs}', '*.config.{js,ts}', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
);
