import { defineConfig } from 'vitest/config';

// Two projects: unit tests are fast and touch no network; integration tests start real
// OpenSSH test nodes (test/nodes) and are slower, so they run one file at a time.
export default defineConfig({
  test: {
    globalSetup: ['test/support/build-once.ts', 'test/support/sandbox-daemons.ts'],
    projects: [
      {
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
