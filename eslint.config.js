// Lint config. The layering rule of ARCHITECTURE.md lives here: imports point into shared/ and nowhere else.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';
import local from './eslint-rules/index.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)].filter(
  (name) => !name.startsWith('_'),
);

const nodeBuiltinRule = {
  group: ['node:*'],
  message: 'Node built-ins are not available in this layer (see ARCHITECTURE.md, Layers).',
};

/**
 * No user-visible text outside the message catalogue (README, Languages). JSX text and the attributes a person reads
 * or hears go through eslint-plugin-i18next; plain objects that carry text (menu labels, toasts, prompts) through
 * our own local/no-user-text-property. Symbols, URLs, all-caps tokens and the product's name are not text.
 */
const userTextRule = [
  'error',
  {
    mode: 'jsx-only',
    'jsx-attributes': {
      include: ['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label', 'submitLabel'],
    },
    'object-properties': { exclude: ['[A-Z_-]+', 'kind', 'type', 'role', 'className', 'key', 'id', 'value', 'href', 'src', 'lang', 'dir'] },
    words: {
      exclude: ['[0-9!-/:-@[-`{-~]+', '[A-Z_-]+', '[^A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u1FFF\u3040-\u9FFF\uAC00-\uD7AF]*', 'https?://.*', 'Broadsheet'],
    },
    'should-validate-template': true,
  },
];

/** Build a no-restricted-imports rule for one layer. */
function layerRule({ paths, patterns }) {
  return ['error', { paths, patterns }];
}

const forbidNode = nodeBuiltins
  .filter((name) => !name.startsWith('node:'))
  .map((name) => ({ name, message: 'Node built-ins are not available in this layer (see ARCHITECTURE.md).' }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Feed and OPML parsers strip control characters on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': layerRule({
        paths: [
          ...forbidNode,
          { name: 'electron', message: 'shared/ is pure TypeScript: no Electron.' },
          { name: 'react', message: 'shared/ is pure TypeScript: no React.' },
          { name: 'react-dom', message: 'shared/ is pure TypeScript: no React.' },
          { name: 'dexie-react-hooks', message: 'shared/ is pure TypeScript: no React.' },
        ],
        patterns: [
          nodeBuiltinRule,
          { group: ['react-dom/*', 'electron/*'], message: 'shared/ is pure TypeScript.' },
          { group: ['**/renderer', '**/renderer/**', '**/electron', '**/electron/**'], message: 'shared/ may not import renderer/ or electron/.' },
          { group: ['**/tests/**'], message: 'shared/ may not import tests/.' },
        ],
      }),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'Buffer', 'process', 'require', '__dirname'].map(
          (name) => ({ name, message: `shared/ runs in Node and Chromium alike: no \`${name}\`.` }),
        ),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': layerRule({
        paths: [...forbidNode, { name: 'electron', message: 'The renderer reaches the main process only through the Host contract.' }],
        patterns: [
          nodeBuiltinRule,
          { group: ['electron/*'], message: 'The renderer may not import Electron.' },
          { group: ['**/electron', '**/electron/**'], message: 'renderer/ may not import electron/: use the Host contract in shared/host.ts.' },
          { group: ['**/tests/**'], message: 'renderer/ may not import tests/.' },
        ],
      }),
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'require', '__dirname'].map((name) => ({ name, message: `No Node globals in the renderer: \`${name}\`.` })),
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule({
        paths: [],
        patterns: [
          { group: ['**/renderer', '**/renderer/**'], message: 'electron/ may not import renderer/: use the Host contract in shared/host.ts.' },
          { group: ['**/tests/**'], message: 'electron/ may not import tests/.' },
        ],
      }),
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': userTextRule },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'electron/**/*.ts', 'shared/menu-template.ts', 'shared/notifications.ts', 'shared/welcome.ts'],
    plugins: { local },
    rules: { 'local/no-user-text-property': 'error' },
  },
);
