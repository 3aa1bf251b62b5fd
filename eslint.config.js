// Lint for the whole project. The rule that matters most: the renderer imports nothing from
// Node, Electron or ssh2, and from src-main only the contract (docs/architecture.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export const rendererImportRule = [
  'error',
  {
    patterns: [
      { regex: '^node:', message: 'The renderer cannot use Node builtins; call the contract instead.' },
      {
        regex:
          '^(fs|path|os|child_process|net|tls|http|https|crypto|stream|util|worker_threads|module|process|buffer|events|url|zlib|dgram|dns|readline|vm)(/.*)?$',
        message: 'The renderer cannot use Node builtins; call the contract instead.',
      },
      {
        regex: '^electron(/.*)?$',
        message: 'The renderer cannot import Electron; the preload exposes the contract only.',
      },
      {
        regex: '^(ssh2|ssh-config|node-pty|ws)(/.*)?$',
        message: 'SSH, PTYs and servers live in the core (src-main), not the renderer.',
      },
      { regex: 'src-main/(?!contract(/|$))', message: 'The renderer may import only src-main/contract.' },
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.test-nodes/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': rendererImportRule },
  },
  {
    // The contract crosses to the renderer: it must stay free of Node, Electron and ssh2 too.
    files: ['src-main/contract/**/*.ts'],
    rules: { 'no-restricted-imports': rendererImportRule },
  },
);
