import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './build/eslint/layers.js';

const root = import.meta.dirname;
const TEST_PACKAGES = ['vitest', 'fast-check'];

/** Which npm packages (`packages`) and Node built-ins (`node`) each layer may use; our own modules: .dependency-cruiser.cjs. */
const LAYERS = {
  shared: { packages: ['zod'], testPackages: TEST_PACKAGES, node: false },
  renderer: { packages: ['react', 'react-dom', 'i18next', 'react-i18next', 'qrcode', 'zod', 'echarts', 'signature_pad', 'react-image-crop'], testPackages: TEST_PACKAGES, node: false },
  db: { packages: ['better-sqlite3-multiple-ciphers'], testPackages: TEST_PACKAGES, node: true },
  core: { packages: ['better-sqlite3-multiple-ciphers', 'zod', 'pinyin-pro', 'exceljs'], testPackages: TEST_PACKAGES, node: true },
  central: { packages: ['fastify', 'pg', 'better-sqlite3', 'zod', 'yaml'], testPackages: TEST_PACKAGES, node: true },
  'electron/main': { packages: ['electron'], testPackages: ['vitest', 'playwright-core'], node: true },
  'electron/preload': { packages: ['electron'], node: false },
  bench: { packages: ['*'], forbid: ['electron'], node: true },
  e2e: { packages: ['*'], forbid: ['electron'], node: true },
  tests: { packages: ['*'], forbid: ['electron'], node: true },
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
    // Plain CommonJS the core runs as a worker thread (core/features/backup/snapshot-worker.cjs).
    files: ['core/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['build/**/*.{js,mjs}', '*.config.{js,ts}', 'eslint.config.js', '.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node },
  },
);
