import { register } from 'node:module';
import { defineConfig } from '@playwright/test';

// Node-side scripts are `.sh` files imported as text (scripts/text-imports.mjs), also by the code
// the global setup and the specs import: the hook for this process, NODE_OPTIONS for the workers.
const TEXT_IMPORTS = new URL('./scripts/text-imports.mjs', import.meta.url).href;
register('./scripts/text-import-hooks.mjs', import.meta.url);
if (!(process.env.NODE_OPTIONS ?? '').includes(TEXT_IMPORTS))
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${TEXT_IMPORTS}`.trim();

// Debian's Chromium, never a downloaded browser (none can be fetched on these machines). As
// root it needs --no-sandbox; the other flags keep it off the network it cannot reach.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  // Reports (and stops) Sandbox node daemons a test left running (test/support/sandbox-daemons.ts).
  globalSetup: './test/support/sandbox-daemons.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: { trace: 'retain-on-failure', viewport: { width: 1400, height: 860 } },
  projects: [
    {
      name: 'browser',
      testIgnore: /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
