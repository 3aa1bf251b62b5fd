import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../nodes';
import { repoRoot } from '../../support/serve-process';
import { makeSshHome } from '../../support/ssh-home';

// Three kubeadm control planes over real OpenSSH (each with its own name and address in its
// manifests), one of them drifted: `kubelet-studio drift` names it, and `kubelet-studio check`
// reports every node, an unreachable one included, as JSON and as JUnit XML.
let nodes: TestNodeSet;
let home: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-cluster-cli-'));
const CONTROL_PLANES = ['controlplane', 'node01', 'node02'];
/** Nothing listens on port 1 of 127.0.0.1: the connection is refused. */
const UNREACHABLE = 'ks-admin@127.0.0.1:1';

beforeAll(async () => {
  nodes = await startTestNodes({ count: 3, controlPlanes: 3 });
  home = makeSshHome(nodes, { user: 'ks-admin' });
  const file = nodes.node('node02').hostPath('/etc/kubernetes/manifests/kube-apiserver.yaml');
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('--audit-log-maxage=30');
  fs.writeFileSync(file, text.replace('--audit-log-maxage=30', '--audit-log-maxage=7'));
}, 120_000);

afterAll(async () => {
  await nodes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/kubelet-studio.mjs'), ...args], {
    env: { ...process.env, HOME: home, KUBELET_STUDIO_DATA_DIR: dataDir, CI: 'true', SSH_AUTH_SOCK: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface DriftJson {
  nodes: Array<{ name: string; read: boolean; maskedAddresses: string[] }>;
  pods: Array<{
    pod: string;
    status: string;
    differences: Array<{ field: string; odd: string[]; values: unknown[] }>;
  }>;
}

describe('a cluster of three control planes over SSH', () => {
  it('drift names node02 and its --audit-log-maxage; the per-node names and addresses are no drift', () => {
    const run = cli('drift', ...CONTROL_PLANES, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DriftJson;
    expect(report.nodes.map((n) => [n.name, n.read])).toEqual(CONTROL_PLANES.map((n) => [n, true]));
    // Each node's own address (from its kubelet's --node-ip and its manifests) was masked.
    for (const n of report.nodes) {
      const ip = nodes.info.nodes.find((i) => i.name === n.name)?.nodeIp;
      expect(n.maskedAddresses).toContain(ip);
    }
    expect(report.pods.map((p) => [p.pod, p.status])).toEqual([
      ['kube-system/etcd', 'same'],
      ['kube-system/kube-apiserver', 'differs'],
      ['kube-system/kube-controller-manager', 'same'],
      ['kube-system/kube-scheduler', 'same'],
      ['kubelet (command line)', 'same'],
    ]);
    expect(report.pods[1]?.differences).toEqual([
      expect.objectContaining({
        field: '--audit-log-maxage',
        odd: ['node02'],
        values: [
          { value: '30', nodes: ['controlplane', 'node01'] },
          { value: '7', nodes: ['node02'] },
        ],
      }),
    ]);
    const text = cli('drift', ...CONTROL_PLANES);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/kube-system\/kube-apiserver\s+differs on node02/);
    expect(text.stdout).toMatch(/7: node02 {2}<- differs/);
  }, 180_000);

  it('check: every node a result, the unreachable one too, as JSON and JUnit; exit 1', () => {
    const json = cli('check', ...CONTROL_PLANES, UNREACHABLE, '--concurrency', '2', '--format', 'json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      summary: { nodes: number; unreachable: number };
      results: Array<{ target: string; reachable: boolean; error?: string }>;
    };
    expect(report.summary).toMatchObject({ nodes: 4, unreachable: 1 });
    expect(report.results.map((r) => [r.target, r.reachable])).toEqual([
      ...CONTROL_PLANES.map((n) => [n, true]),
      [UNREACHABLE, false],
    ]);
    expect(report.results[3]?.error).toMatch(/refused/i);

    const junit = cli('check', ...CONTROL_PLANES, UNREACHABLE, '--format', 'junit');
    expect(junit.code).toBe(1);
    const file = path.join(dataDir, 'check.xml');
    fs.writeFileSync(file, junit.stdout);
    const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(4);
    expect(junit.stdout).toMatch(
      /<testcase name="ks-admin@127\.0\.0\.1:1"[^>]*>\s*<error [^>]*type="unreachable"/,
    );
  }, 240_000);
});
