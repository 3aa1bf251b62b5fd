import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { repoRoot } from '../../support/serve-process';
import {
  isRunning,
  SANDBOX_STARTED_NOTE,
  sandboxDaemonPid,
  stopSandboxDaemon,
} from '../../support/sandbox-daemons';

// Issue 6 acceptance: `kubelet-studio status` with the simulated API server down still lists
// every static pod from crictl and the manifests, says why the mirror pods are missing, and
// exits 1 because a finding is an error.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-status-'));
afterAll(async () => {
  // The CLI leaves the Sandbox node running for the next command: stop it (by its recorded pid).
  await stopSandboxDaemon(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/kubelet-studio.mjs'), ...args], {
    env: { ...process.env, KUBELET_STUDIO_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kubelet-studio status', () => {
  it('exits 0 on a healthy node and prints the joined table', () => {
    const run = cli('status', 'sandbox');
    // The one line on stderr of a successful run: the node it started keeps running.
    expect(run.stderr).toBe(SANDBOX_STARTED_NOTE);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /kube-system\s+kube-apiserver-controlplane\s+static\s+kube-apiserver\.yaml\s+Running\s+1\/1\s+0\s+\S+\s+[0-9a-f]{13}\s+Running\s+1\/1/,
    );
  }, 120_000);

  it('reuses the running node on the next run; sandbox status shows it and sandbox stop stops it', () => {
    const daemon = sandboxDaemonPid(dataDir);
    expect(daemon).not.toBeNull();
    const again = cli('status', 'sandbox');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(sandboxDaemonPid(dataDir)).toBe(daemon);
    const status = JSON.parse(cli('sandbox', 'status', '--json').stdout) as { running: boolean; pid: number };
    expect(status).toMatchObject({ running: true, pid: daemon });

    const stop = cli('sandbox', 'stop');
    expect(stop.stdout).toBe(`Stopped the Sandbox node (daemon pid ${daemon} and its kubelet).\n`);
    expect(sandboxDaemonPid(dataDir)).toBeNull();
    expect(isRunning(daemon!)).toBe(false);
    expect(cli('sandbox', 'stop').stdout).toBe('The Sandbox node was not running.\n');
    expect(cli('sandbox', 'status').stdout).toMatch(/^The Sandbox node is not running/);
  }, 120_000);

  it('with the API server down: every static pod, why the mirrors are missing, exit 1; --json gives the snapshot', () => {
    // A node booting with the broken file (the previous test stopped it): a running kubelet
    // keeps the old pod until its next re-list (docs/kubelet.md §1.7).
    expect(sandboxDaemonPid(dataDir)).toBeNull();
    const file = path.join(dataDir, 'sandbox-node/etc/kubernetes/manifests/kube-apiserver.yaml');
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n  bad: [unclosed\n`);
    const run = cli('status', 'sandbox');
    expect(run.code).toBe(1);
    for (const name of [
      'etcd-controlplane',
      'kube-controller-manager-controlplane',
      'kube-scheduler-controlplane',
    ]) {
      expect(run.stdout).toMatch(
        new RegExp(`kube-system\\s+${name}\\s+static\\s+\\S+\\.yaml\\s+Running\\s+1/1.*no mirror`),
      );
    }
    expect(run.stdout).toMatch(/kube-apiserver\.yaml\s+no sandbox/);
    // The tool as discovery found it is named in brackets: its path (and version when it says).
    expect(run.stdout).toMatch(
      /kubectl \(on the node\) \[[^\]]+\]: unavailable: The API server refused the connection/,
    );
    expect(run.stdout).toContain('ERROR: kube-apiserver.yaml: manifest present but no pod sandbox');
    // One cause first (kubectl's own words), the findings it explains indented under it.
    expect(run.stdout).toMatch(/^CAUSE: The API server at \S+:6443 does not answer$/m);
    expect(run.stdout).toMatch(/^ {2}> kubectl: The connection to the server \S+:6443 was refused/m);
    expect(run.stdout).toMatch(/^ {4}ERROR: kube-apiserver\.yaml: manifest present but no pod sandbox$/m);
    expect(run.stdout).toMatch(/^ {4}WARNING: No mirror pod for etcd-controlplane$/m);
    expect(run.stdout.indexOf('CAUSE:')).toBeLessThan(run.stdout.indexOf('WARNING:'));
    const json = cli('status', 'sandbox', '--json');
    expect(json.code).toBe(1);
    const snapshot = JSON.parse(json.stdout) as NodePodsSnapshot;
    expect(snapshot.api.available).toBe(false);
    expect(snapshot.findings.some((f) => f.severity === 'error')).toBe(true);
  }, 240_000);
});
