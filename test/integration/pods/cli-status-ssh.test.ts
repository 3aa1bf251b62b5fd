import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import { repoRoot } from '../../support/serve-process';
import { makeSshHome } from '../../support/ssh-home';

// Issue 6 acceptance, over SSH as a user types it: `kubelet-studio status controlplane` (an
// alias of ~/.ssh/config) with the test node's API server down still lists every static pod
// from crictl and the manifests and says why the mirror pods are missing.
let nodes: TestNodeSet;
let home: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-status-ssh-'));

beforeAll(async () => {
  nodes = await startTestNodes({ count: 1 });
  await nodes.controlPlane.waitForApiServer();
  home = makeSshHome(nodes, { user: 'ks-admin' });
});

afterAll(async () => {
  await nodes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

function status(...extra: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bin/kubelet-studio.mjs'), 'status', 'controlplane', ...extra],
    {
      env: { ...process.env, HOME: home, KUBELET_STUDIO_DATA_DIR: dataDir, CI: 'true', SSH_AUTH_SOCK: '' },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kubelet-studio status over SSH', () => {
  it('exits 0 on the healthy control plane', () => {
    const run = status();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kube-scheduler-controlplane\s+static/);
  }, 120_000);

  it('with the API server down: every static pod from crictl and the manifests, and why the mirrors are missing', async () => {
    const file = nodes.controlPlane.hostPath('/etc/kubernetes/manifests/kube-apiserver.yaml');
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n  bad: [unclosed\n`);
    // The broken file keeps the old pod until the next 20 s re-list (docs/kubelet.md §1.7).
    let run = status();
    const deadline = Date.now() + 60_000;
    while (!/refused the connection/.test(run.stdout) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      run = status();
    }
    expect(run.code).toBe(1);
    for (const name of [
      'etcd-controlplane',
      'kube-controller-manager-controlplane',
      'kube-scheduler-controlplane',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`${name}\\s+static\\s+\\S+\\.yaml\\s+Running`));
    }
    expect(run.stdout).toMatch(/kube-apiserver\.yaml\s+no sandbox/);
    expect(run.stdout).toMatch(/The API server refused the connection/);
  }, 180_000);
});
