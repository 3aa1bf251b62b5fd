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

/**
 * The break-glass bundle of the three control planes (docs/doctor.md "Bundle"): every listed part
 * from each node, and none of the secrets planted on them — a token in a flag, a password in env,
 * a private key, a bearer value in the kubelet's log, and the admin kubeconfig's client key —
 * raw, base64 or hex. The positive control: a harmless value planted beside each secret does reach
 * the archive, so the files that held the secrets were in it.
 */
describe('the bundle of the three control planes', () => {
  const PARTS = [
    'doctor.json',
    'findings.txt',
    'certificates.json',
    'kubelet.log',
    'kubelet-flags.txt',
    'pods.json',
  ];
  const planted = new Map<string, { secrets: string[]; marker: string }>();
  let privateKey = '';

  beforeAll(async () => {
    privateKey = spawnSync('openssl', ['genpkey', '-algorithm', 'ed25519'], { encoding: 'utf8' }).stdout;
    expect(privateKey).toContain('PRIVATE KEY');
    for (const name of CONTROL_PLANES) {
      const tag = name.replace(/\W/g, '');
      const token = `flagtoken${tag}7f3a9c`;
      const password = `envpassword${tag}51d0e2`;
      const marker = `visible-marker-${tag}`;
      const manifest = [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: secret-app',
        '  namespace: kube-system',
        'spec:',
        '  containers:',
        '  - name: app',
        '    image: registry.k8s.io/pause:3.10',
        `    args: ["--api-token=${token}", "--label=${marker}"]`,
        '    env:',
        '    - name: DB_PASSWORD',
        `      value: ${password}`,
        '    - name: TLS_KEY',
        '      value: |',
        ...privateKey
          .trim()
          .split('\n')
          .map((l) => `        ${l}`),
        '    - name: GREETING',
        `      value: ${marker}`,
        '',
      ].join('\n');
      fs.writeFileSync(nodes.node(name).hostPath('/etc/kubernetes/manifests/secret-app.yaml'), manifest, {
        mode: 0o600,
      });
      const bearer = `bearer${tag}c0ffee1234`;
      await nodes.node(name).emitKubeletLog([`request with header "Authorization: Bearer ${bearer}" failed`]);
      planted.set(name, { secrets: [token, password, bearer], marker });
    }
  }, 60_000);

  it('holds every part from each node and no planted secret, raw, base64 or hex', () => {
    // The node list has the three (drift and check above add what they are given); add any missing.
    const listed = JSON.parse(cli('call', 'nodes.list', '{}').stdout) as Array<{ name: string }>;
    for (const name of CONTROL_PLANES.filter((n) => !listed.some((l) => l.name === n)))
      expect(cli('call', 'nodes.add', JSON.stringify({ target: name })).code).toBe(0);
    const archive = path.join(dataDir, 'bundle.tar.gz');
    const run = cli('bundle', 'cluster', '--output', archive, '--json');
    expect(run.code).toBe(0);
    // Only the unreachable node of the check above is left out, and said to be.
    for (const line of run.stderr.split('\n').filter(Boolean))
      expect(line).toMatch(/127\.0\.0\.1:1 left out/);
    const result = JSON.parse(run.stdout) as { nodes: Array<{ name: string }>; redactions: number };
    expect(result.nodes.map((n) => n.name).sort()).toEqual([...CONTROL_PLANES].sort());
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

    const out = fs.mkdtempSync(path.join(dataDir, 'bundle-'));
    expect(spawnSync('tar', ['-xzf', archive, '-C', out]).status).toBe(0);
    const [top] = fs.readdirSync(out);
    const root = path.join(out, top!);
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
      fs.statSync(path.join(root, f)).isFile(),
    );
    expect(files).toContain('timeline.txt');
    for (const name of CONTROL_PLANES) {
      for (const part of PARTS) expect(files, `${name}/${part}`).toContain(`${name}/${part}`);
      expect(files).toContain(`${name}/manifests/secret-app.yaml`);
      expect(files.some((f) => f.startsWith(`${name}/manifests/kube-apiserver`))).toBe(true);
    }
    const all = files.map((f) => fs.readFileSync(path.join(root, f))).join('\n');

    // The admin kubeconfig's client key, as it sits on the node (base64 of a PEM key).
    const adminConf = fs.readFileSync(nodes.controlPlane.hostPath('/etc/kubernetes/admin.conf'), 'utf8');
    const clientKeyData = /client-key-data:\s*(\S+)/.exec(adminConf)?.[1] ?? '';
    expect(clientKeyData.length).toBeGreaterThan(40);
    const clientKeyPem = Buffer.from(clientKeyData, 'base64').toString('utf8');
    const pemBody = (pem: string) =>
      pem
        .split('\n')
        .filter((l) => l && !l.startsWith('-----'))
        .join('');
    const secrets = [
      ...[...planted.values()].flatMap((p) => p.secrets),
      pemBody(privateKey),
      clientKeyData,
      pemBody(clientKeyPem),
    ];
    const forms = (s: string) => [
      s,
      Buffer.from(s).toString('base64'),
      Buffer.from(s).toString('hex'),
      // A PEM body also as its DER bytes in hex.
      ...(/^[A-Za-z0-9+/=]+$/.test(s) && s.length > 40 ? [Buffer.from(s, 'base64').toString('hex')] : []),
    ];
    for (const secret of secrets)
      for (const form of forms(secret)) expect(all.includes(form), form).toBe(false);
    // Positive control: the harmless values beside the secrets are there, and the redactions counted.
    for (const p of planted.values()) expect(all).toContain(p.marker);
    expect(result.redactions).toBeGreaterThanOrEqual(planted.size * 3);
  }, 240_000);
});
