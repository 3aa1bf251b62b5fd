// `node --import tsx --import ./scripts/text-imports.mjs file.ts`: `.sh` files imported as text,
// as the bundles (esbuild's text loader) and vitest (vitest.config.ts) import them.
import { register } from 'node:module';

register('./text-import-hooks.mjs', import.meta.url);
