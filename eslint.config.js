// Lint for the whole project. The rules that matter most are the walls (docs/architecture.md):
// the renderer imports nothing from Node, Electron or ssh2, and from src-main only the contract;
// inside src-main each top folder imports only the layers below it, and no import cycles.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layersPlugin from './eslint/layers-plugin.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * src-main's layers, lowest first. A folder imports only folders of lower layers, never one
 * beside it in its own layer (eslint/layers-plugin.js):
 *  - contract: the operations, events and errors every host and the renderer share;
 *  - kubelet: the kubelet's own rules (manifest decoding, static pod naming and UID,
 *    validation), pure, so the app's checks and the simulation share one copy;
 *  - ssh: connections, the one place an argv becomes a command string, sudo;
 *  - node, terminal: commands on one node and the parsers of their output; a shell on a node;
 *  - inspect, logs, store, sandbox: what the core wires together: joining and judging what a
 *    node says, kubelet log sessions, the app's own saved data, the simulated node;
 *  - core: everything behind the contract, one instance per host;
 *  - hosts: Electron, browser mode, the CLI.
 */
export const srcMainLayers = [
  ['contract'],
  ['kubelet'],
  ['ssh'],
  ['node', 'terminal'],
  ['inspect', 'logs', 'store', 'sandbox'],
  ['core'],
  ['hosts'],
];

/**
 * Narrower than its layer: the simulated node depends on nothing the app uses to inspect
 * nodes, so a test of the app against it is a test against an independent implementation
 * (only the contract's types and the kubelet model are shared).
 */
export const srcMainOnly = { sandbox: ['contract', 'kubelet'] };

/** The wall rules for a tree laid out as src-main (the lint tests run them on fixtures). */
export function layerRules(root) {
  return {
    'layers/layers': ['error', { root, layers: srcMainLayers, only: srcMainOnly }],
    'layers/no-cycle': ['error', { root }],
  };
}

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
    files: ['src-main/**/*.{ts,tsx}'],
    plugins: { layers: layersPlugin },
    rules: layerRules(path.join(here, 'src-main')),
  },
  {
    // The contract crosses to the renderer: it must stay free of Node, Electron and ssh2 too.
    files: ['src-main/contract/**/*.ts'],
    rules: { 'no-restricted-imports': rendererImportRule },
  },
);
