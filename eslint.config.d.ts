// Types for the parts of eslint.config.js the lint tests use (test/unit/lint/layers.test.ts).
import type { Linter } from 'eslint';

export declare const srcMainLayers: string[][];
export declare const srcMainOnly: Record<string, string[]>;
export declare function layerRules(root: string): Record<string, ['error', Record<string, unknown>]>;
declare const config: Linter.Config[];
export default config;
