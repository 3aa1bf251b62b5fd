import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNodes, type TestNodeSet } from '../../nodes';

// Issue 3's acceptance on a real OpenSSH test node, with the plain `ssh` client a user would
// type: the simulated node answers crictl, kubectl and journalctl the way a kubeadm control
// plane does (docs/kubelet.md §0, §1, §2, §5).
const run = promisify(execFile);
let nodes: TestNodeSet;

async function ssh(command: string): Promise<string> {
  const args = [
    '-F',
    nodes.info.sshConfigPath,
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-l',
    'ks-admin',
    'controlplane',
    command,
  ];
  const { stdout } = await run('ssh', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

interface Listed {
  items: Array<{
    metadata: { name: string; namespace: string; uid: string };
    labels: Record<string, string>;
    annotations: Record<string, string>;
    state: string;
  }>;
}
interface PodList {
  items: Array<{
    metadata: {
      name: string;
      uid: string;
      annotations?: Record<string, string>;
      ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }>;
    };
  }>;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

/** kubectl's stderr, or '' when it answered. */
const kubectlError = () =>
  run('ssh', [
    '-F',
    nodes.info.sshConfigPath,
    '-o',
    'BatchMode=yes',
    '-l',
    'ks-admin',
    'controlplane',
    'sudo kubectl get pods -A',
  ]).then(
    () => '',
    (error: { stderr?: string }) => error.stderr ?? 'kubectl failed',
  );
const sandboxes = async () => (JSON.parse(await ssh('sudo crictl pods -o json')) as Listed).items;
const manifests = () => nodes.controlPlane.hostPath('/etc/kubernetes/manifests');
const nginx = (name: string, image = 'nginx:1.27') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: web\n    image: ${image}\n`;

beforeAll(async () => {
  nodes = await startTestNodes({ count: 1 });
  await nodes.controlPlane.waitForApiServer();
});

afterAll(async () => {
  await nodes?.stop();
});

describe('the simulated control plane over plain OpenSSH', () => {
  it('lists the four kube-system sandboxes, each with io.kubernetes.pod.uid equal to its config.hash', async () => {
    const items = (await sandboxes()).filter((s) => s.metadata.namespace === 'kube-system');
    expect(items.map((s) => s.metadata.name).sort()).toEqual([
      'etcd-controlplane',
      'kube-apiserver-controlplane',
      'kube-controller-manager-controlplane',
      'kube-scheduler-controlplane',
    ]);
    for (const s of items) {
      expect(s.labels['io.kubernetes.pod.uid']).toMatch(/^[0-9a-f]{32}$/);
      expect(s.labels['io.kubernetes.pod.uid']).toBe(s.annotations['kubernetes.io/config.hash']);
    }
  });

  it('shows their mirror pods with config.mirror equal to that hash and owned by Node controlplane', async () => {
    const hashes = new Map(
      (await sandboxes()).map((s) => [s.metadata.name, s.annotations['kubernetes.io/config.hash']]),
    );
    const mirrors = (
      JSON.parse(await ssh('sudo kubectl get pods -n kube-system -o json')) as PodList
    ).items.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
    expect(mirrors).toHaveLength(4);
    for (const mirror of mirrors) {
      expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(
        hashes.get(mirror.metadata.name),
      );
      expect(mirror.metadata.uid).not.toBe(hashes.get(mirror.metadata.name));
      expect(mirror.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Node', name: 'controlplane', controller: true }),
      ]);
    }
  });

  it('starts a new manifest from the watch (long before the 20 s re-list), ignores dot-files, and lets a .bak win', async () => {
    fs.writeFileSync(path.join(manifests(), 'web.yaml'), nginx('web'));
    fs.writeFileSync(path.join(manifests(), '.hidden.yaml'), nginx('hidden'));
    const started = Date.now();
    const items = await until(
      sandboxes,
      (list) => list.some((s) => s.metadata.name === 'web-controlplane'),
      10_000,
    );
    expect(items.some((s) => s.metadata.name === 'web-controlplane')).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(items.some((s) => s.metadata.name === 'hidden-controlplane')).toBe(false);

    const before = items.find((s) => s.metadata.name === 'web-controlplane' && s.state === 'SANDBOX_READY')
      ?.metadata.uid;
    fs.writeFileSync(path.join(manifests(), 'web.yaml.bak'), nginx('web', 'nginx:1.26'));
    const after = await until(
      sandboxes,
      (list) =>
        list.some(
          (s) =>
            s.metadata.name === 'web-controlplane' &&
            s.state === 'SANDBOX_READY' &&
            s.metadata.uid !== before,
        ),
      15_000,
    );
    const winner = after.find((s) => s.metadata.name === 'web-controlplane' && s.state === 'SANDBOX_READY');
    expect(winner?.metadata.uid).not.toBe(before);
    fs.rmSync(path.join(manifests(), 'web.yaml.bak'));
    fs.rmSync(path.join(manifests(), 'web.yaml'));
    fs.rmSync(path.join(manifests(), '.hidden.yaml'));
  });

  it('logs "Could not process manifest file" with the real err text for an invalid manifest', async () => {
    fs.writeFileSync(
      path.join(manifests(), 'broken.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n spec: [\n',
    );
    const line = await until(
      async () =>
        (await ssh('sudo journalctl -u kubelet -o cat --no-pager -n 200'))
          .split('\n')
          .find((l) => l.includes('Could not process manifest file') && l.includes('broken.yaml')),
      (found) => found !== undefined,
      30_000,
    );
    expect(line).toMatch(
      /^E\d{4} [\d:.]+ +\d+ file\.go:\d+\] "Could not process manifest file" err="\/etc\/kubernetes\/manifests\/broken\.yaml: couldn't parse as pod\(yaml: line \d+: .*\), please check config file" path="\/etc\/kubernetes\/manifests\/broken\.yaml"$/,
    );
    fs.rmSync(path.join(manifests(), 'broken.yaml'));
  });

  it('crash-loops kube-apiserver on an unknown flag, and the mirror pods disappear while it is down', async () => {
    const file = path.join(manifests(), 'kube-apiserver.yaml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      original.replace('- kube-apiserver\n', '- kube-apiserver\n    - --this-is-very-wrong\n'),
    );
    try {
      // While the API server crash-loops, kubectl gets no answer at all: no mirror pods.
      const down = await until(kubectlError, (text) => text.includes('was refused'), 20_000);
      expect(down).toContain('The connection to the server');
      const logs = await until(
        async () => {
          // The newest container may not have written its log yet: that is "not yet", not a failure.
          const ids = (await ssh('sudo crictl ps -a --name kube-apiserver -q'))
            .trim()
            .split('\n')
            .filter(Boolean);
          const logs = await Promise.all(ids.map((id) => ssh(`sudo crictl logs ${id} 2>&1`).catch(() => '')));
          return logs.join('\n');
        },
        (text) => text.includes('unknown flag'),
        20_000,
      );
      expect(logs).toContain('Error: unknown flag: --this-is-very-wrong');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('returns exactly the journal entries after a cursor, and follows', async () => {
    const lines = (await ssh('sudo journalctl -u kubelet -o json --no-pager -n 20')).trim().split('\n');
    const entries = lines.map(
      (l) => JSON.parse(l) as { __CURSOR: string; MESSAGE: string; PRIORITY: string },
    );
    expect(entries.every((e) => e.PRIORITY === '6')).toBe(true);
    const cursor = entries[9]?.__CURSOR ?? '';
    const after = (await ssh(`sudo journalctl -u kubelet -o json --no-pager --after-cursor '${cursor}'`))
      .trim()
      .split('\n');
    const afterCursors = after.map((l) => (JSON.parse(l) as { __CURSOR: string }).__CURSOR);
    expect(afterCursors.slice(0, 10)).toEqual(entries.slice(10).map((e) => e.__CURSOR));
    expect(afterCursors).not.toContain(cursor);

    const follow = execFile('ssh', [
      '-F',
      nodes.info.sshConfigPath,
      '-o',
      'BatchMode=yes',
      '-l',
      'ks-admin',
      'controlplane',
      'sudo journalctl -u kubelet -f -o cat -n 1',
    ]);
    let seen = '';
    follow.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    // The last entry printed: journalctl has read the journal and follows from there, so the
    // kubelet's lines about the new file cannot fall before it.
    await until(
      async () => seen,
      (text) => text.includes('\n'),
      30_000,
    );
    expect(seen, 'journalctl -f printed no entry').toContain('\n');
    expect(seen).not.toContain('followed.yaml');
    fs.writeFileSync(path.join(manifests(), 'followed.yaml'), 'kind: Pod\n');
    await until(
      async () => seen,
      (text) => text.includes('followed.yaml'),
      30_000,
    );
    follow.kill();
    fs.rmSync(path.join(manifests(), 'followed.yaml'));
    expect(seen).toContain('followed.yaml');
  });
});
