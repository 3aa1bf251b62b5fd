import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import { repoRoot } from '../../support/serve-process';
import { makeSshHome } from '../../support/ssh-home';

// Issue 4 point 8: the CLI takes the same targets as the app and, when it cannot ask (CI=true,
// no terminal), fails at once with a clear one-line error instead of hanging or guessing.
let nodes: TestNodeSet;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-cli-ci-'));

beforeAll(async () => {
  nodes = await startTestNodes({ count: 1 });
});

afterAll(async () => {
  await nodes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function cli(home: string, target: string) {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bin/kubelet-studio.mjs'), 'status', target],
    {
      env: {
        ...process.env,
        HOME: home,
        KUBELET_STUDIO_DATA_DIR: fs.mkdtempSync(path.join(dataDir, 'data-')),
        CI: 'true',
        SSH_AUTH_SOCK: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: result.status, stderr: result.stderr };
}

describe('the CLI without a terminal', () => {
  it('refuses an unknown host key under CI=true, naming the host and its fingerprint', () => {
    const run = cli(makeSshHome(nodes, { trust: false }), 'controlplane');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^kubelet-studio: .*127\.0\.0\.1/);
    const fingerprints = nodes.controlPlane.info.hostKeys.map((k) => k.fingerprint);
    expect(fingerprints.some((f) => run.stderr.includes(f))).toBe(true);
  });

  it('fails once, clearly, when a password would be needed', () => {
    const home = makeSshHome(nodes, { user: 'ks-sudo' });
    fs.rmSync(path.join(home, '.ssh', 'config'));
    const run = cli(home, `ks-sudo@127.0.0.1:${nodes.controlPlane.port}`);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^kubelet-studio: /);
  });
});
