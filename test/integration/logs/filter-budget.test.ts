/**
 * A catastrophic regex in the log filter, through the core as the UI calls it, on the Sandbox
 * node's real kubelet log: while the filter runs, the core keeps answering (app.info within
 * 200 ms), and the filter's answer says it was stopped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContractClient } from '../../../src-main/contract';
import type { LogFollowStatus } from '../../../src-main/contract/domain/logs';
import { createCore, SANDBOX_NODE_ID } from '../../../src-main/core/create-core';
import type { CoreApi } from '../../../src-main/core/handlers';
import { createInProcessClient } from '../../../src-main/core/in-process';
import { repoRoot } from '../../support/serve-process';

let core: CoreApi;
let client: ContractClient;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-filter-budget-'));
  core = await createCore({
    host: 'cli',
    dataDir,
    sandbox: { root: path.join(dataDir, 'sandbox-node'), bundleDir: path.join(repoRoot, 'out/sandbox') },
  });
  client = createInProcessClient(core);
  await client.call('nodes.connect', { id: SANDBOX_NODE_ID });
}, 60_000);

afterAll(async () => {
  client?.dispose('done');
  await core?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a catastrophic regex leaves app.info answering within 200 ms while it runs', async () => {
  const status = await new Promise<LogFollowStatus>((resolve) => {
    client.open(
      'logs.follow',
      { id: SANDBOX_NODE_ID, history: 1000, follow: true, capacity: 10_000 },
      {
        onEvent(event) {
          if (event.total >= 5) resolve(event);
        },
      },
    );
  });
  // `(?:.|.)*` tries 2^n ways over a line of n characters before `\d{50}` fails: a kubelet line
  // of a hundred characters is never done. No literal text for the filter to look for first.
  let settled = false;
  const filtered = client
    .call('logs.rows', {
      session: status.session,
      filter: { regex: '^(?:.|.)*\\d{50}' },
      start: 0,
      count: 100,
    })
    .finally(() => (settled = true));
  const latencies: number[] = [];
  while (!settled) {
    const started = performance.now();
    await client.call('app.info', {});
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await filtered;
  expect(latencies.length).toBeGreaterThan(5);
  expect(Math.max(...latencies)).toBeLessThan(200);
  expect(result.filterStopped).toMatch(/took more than \d+ s .* and was stopped/);
}, 60_000);
