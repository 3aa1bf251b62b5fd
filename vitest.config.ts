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
  // Also at the root: the global setup (test/support/sandbox-daemons.ts) loads the Sandbox
  // node's code, which imports its scripts.
  plugins: [shellScriptsAsText],
  test: {
    globalSetup: ['test/support/build-once.ts', 'test/support/sandbox-daemons.ts'],
    projects: [
      {
        plugins: [shellScriptsAsText],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Not vitest's 5 s: some unit tests start real processes (shells, the simulated
          // commands), which on a loaded 2-core machine took 5–7 s and failed by timeout alone.
          testTimeout: 30_000,
          // The same for set-up hooks (ssh-keygen making RSA and ECDSA keys took over 10 s there).
          hookTimeout: 30_000,
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
