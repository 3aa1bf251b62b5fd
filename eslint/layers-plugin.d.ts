// Types of eslint/layers-plugin.js for the lint tests (test/unit/lint/layers.test.ts).
import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin;
export default plugin;
