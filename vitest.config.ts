import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Two projects: unit tests are fast and touch no network; integration tests start real
// OpenSSH test nodes (test/nodes) and are slower, so they run one file at a time.
// Node-side shell scripts (`.sh`) are imported as text, as esbuild's text loader does in the
// bundles (scripts/build.mjs).
const shellScriptsAsText: Plugin = {
  name: 'shell-scripts-as-text',
  transform(code, id) {
    return id.endsWith('.sh') ? { code: `export default ${JSON.stringify(code)};`, map: null } : null;
  },
};

export default defineConfig({
  test: {
    globalSetup: ['test/support/build-once.ts'],
    projects: [
      {
        plugins: [shellScriptsAsText],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [shellScriptsAsText],
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
