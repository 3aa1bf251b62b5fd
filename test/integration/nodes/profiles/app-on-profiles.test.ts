/**
 * The app on each test node profile, over real OpenSSH, as ks-admin (sudo) and as ks-user (no
 * sudo, not in the journal's groups): the Pods snapshot (set-up, tools by absolute path, the
 * kubelet's runtime endpoint, the kubelet's log window, every static pod joined with its
 * sandbox and mirror under the kubelet's node name) and, without root, each view saying what it
 * could not read and why, with no finding claiming an absence it did not observe. What each
 * profile stands in for, and the upstream facts behind it: docs/distributions.md "Test node
 * profiles". The support matrix these tests back: docs/support-matrix.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { NodeDiscovery, NodeDiscoveryDetails } from '../../../../src-main/contract/domain/discovery';
import type { LogFollowStatus } from '../../../../src-main/contract/domain/logs';
import type { NodePodsSnapshot } from '../../../../src-main/contract/domain/node-pods';
import type { ManifestApplyEvent } from '../../../../src-main/contract/domain/manifest-watch';
import { createCore } from '../../../../src-main/core/create-core';
import { PromptBroker } from '../../../../src-main/core/prompt-broker';
import { until } from '../../logs/gapless-scenarios';
import { startTestNodes, type TestNodeSet } from '../../../nodes/index';
import type { ProfileName } from '../../../nodes/profiles/types';
import { SANDBOX_DIR } from '../helpers';

type Core = Awaited<ReturnType<typeof createCore>>;

interface Expected {
  kind: string;
  crictl: string;
  endpoint: string;
  /** The kubelet log source the snapshot reads. */
  log: string;
  /** Where the Logs pane says its lines come from (the start of `origin`). */
  follows: string;
  /** The node name, given the node's own id (k3s's with-node-id). */
  nodeName: (id: string) => string;
  /** Whether the node has credentials for the API server that the app uses. */
  api: 'available' | 'no-credentials';
  /** A static pod directory where the set-up has none of its own: the test adds one pod there. */
  addStaticPodTo?: string;
}

const EXPECTED: Record<string, Expected> = {
  'kubeadm-ubuntu': {
    kind: 'kubeadm',
    crictl: '/usr/local/bin/crictl',
    endpoint: 'unix:///var/run/containerd/containerd.sock',
    log: 'journal unit kubelet',
    follows: 'journalctl -u kubelet',
    nodeName: () => 'controlplane',
    api: 'available',
  },
  'kubeadm-rhel-crio': {
    kind: 'kubeadm',
    crictl: '/usr/local/bin/crictl',
    endpoint: 'unix:///var/run/crio/crio.sock',
    log: 'journal unit kubelet',
    follows: 'journalctl -u kubelet',
    nodeName: () => 'controlplane',
    api: 'available',
  },
  'kubeadm-json-logs': {
    kind: 'kubeadm',
    crictl: '/usr/local/bin/crictl',
    endpoint: 'unix:///var/run/containerd/containerd.sock',
    log: 'journal unit kubelet',
    follows: 'journalctl -u kubelet',
    nodeName: () => 'controlplane',
    api: 'available',
  },
  'rke2-server': {
    kind: 'rke2',
    crictl: '/var/lib/rancher/rke2/bin/crictl',
    endpoint: 'unix:///run/k3s/containerd/containerd.sock',
    log: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
    follows: '/var/lib/rancher/rke2/agent/logs/kubelet.log',
    nodeName: () => 'controlplane',
    api: 'available',
  },
  'k3s-agent': {
    kind: 'k3s',
    // k3s's installer links crictl to the k3s multi-call binary in /usr/local/bin.
    crictl: '/usr/local/bin/crictl',
    endpoint: 'unix:///run/k3s/containerd/containerd.sock',
    log: 'journal unit k3s-agent',
    follows: 'journalctl -u k3s-agent',
    nodeName: (id) => `controlplane-${id}`,
    api: 'available',
    // k3s agents run no static pods of their own (docs.k3s.io): a user adds them here.
    addStaticPodTo: '/var/lib/rancher/k3s/agent/pod-manifests',
  },
};

const PROFILES = (process.env.KS_APP_PROFILES?.split(',') ?? Object.keys(EXPECTED)) as ProfileName[];

/**
 * The kubelet's own line about a file it could not decode, quoted as evidence: kubelet
 * pkg/kubelet/config/file.go logs `"Could not process manifest file" err=… path=…` on each
 * re-list (docs/kubelet.md §1.1) — not the app's own reading, nor its "no error" wording.
 */
function kubeletLine(evidence: string[], file: string): boolean {
  return evidence.some((e) => e.includes('Could not process manifest file') && e.includes(file));
}

/** Findings that claim something is absent: only allowed on evidence actually read. */
const ABSENCE_CLAIMS = ['manifest-without-sandbox', 'sandbox-without-manifest', 'mirror-missing'];

describe.each(PROFILES)('%s', (profile) => {
  const expected = EXPECTED[profile]!;
  let nodes: TestNodeSet;
  let core: Core;
  let dataDir: string;
  let nodeId = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ks-app-${profile}-`));
    nodes = await startTestNodes({
      profile,
      count: 1,
      sandboxDir: SANDBOX_DIR,
      // RKE2 rotates kubelet.log at `log-file-max-size` MB (50 by default): 1 MB lets test L cross a rotation.
      ...(profile === 'rke2-server' ? { kubeletLogMaxSizeMb: 1 } : {}),
    });
    const node = nodes.controlPlane;
    const host = (alias: string, user: string) => [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${node.port}`,
      `  User ${user}`,
      `  IdentityFile ${nodes.key('ed25519').path}`,
      '  IdentitiesOnly yes',
    ];
    const home = fs.mkdtempSync(path.join(dataDir, 'home-'));
    core = await createCore({
      host: 'cli',
      dataDir: fs.mkdtempSync(path.join(dataDir, 'core-')),
      prompts: new PromptBroker(async () => ({ accept: false })),
      ssh: {
        sshConfig: { home, text: [...host('admin', 'ks-admin'), ...host('user', 'ks-user'), ''].join('\n') },
        knownHosts: {
          userFiles: [nodes.info.knownHostsPath],
          systemFiles: [],
          appFile: path.join(home, 'kh'),
        },
        agent: null,
      },
    });
    nodeId = (await node.exec(['cat', '/etc/rancher/node/id'], { allowFailure: true })).stdout.trim();
    if (expected.addStaticPodTo) {
      const pod =
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n';
      await node.exec(['sh', '-c', `umask 077; cat > ${expected.addStaticPodTo}/web.yaml`], { input: pod });
    }
  }, 180_000);

  afterAll(async () => {
    await core?.dispose();
    await nodes?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function connectAs(alias: 'admin' | 'user'): Promise<string> {
    const id = (await core.handlers['nodes.add']({ target: alias })).id;
    await core.handlers['nodes.connect']({ id });
    return id;
  }

  it('as ks-admin: the set-up, its tools and endpoint, the kubelet log, every static pod joined under the kubelet name', async () => {
    const id = await connectAs('admin');
    const found = (await core.handlers['node.discover']({ id })) as NodeDiscovery & NodeDiscoveryDetails;
    expect(found.setup.kind).toBe(expected.kind);
    expect(found.setup.support).toBe('supported');
    expect(found.runtime.endpoint).toBe(expected.endpoint);
    expect(found.nodeName).toBe(expected.nodeName(nodeId));
    expect(found.nodeNameInfo.certain).toBe(true);

    // The mirror pods appear once the kubelet has posted them: wait for the join, not for a time.
    let snap = await core.handlers['pods.snapshot']({ id });
    const deadline = Date.now() + 90_000;
    const joined = (s: NodePodsSnapshot) =>
      s.manifests.entries
        .filter((e) => e.staticPodName)
        .every((e) => {
          const pod = s.pods.find((p) => p.name === e.staticPodName);
          return pod && pod.sandboxes.length > 0 && pod.apiPod !== null && pod.manifestPaths.includes(e.path);
        });
    while (!joined(snap) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      snap = await core.handlers['pods.snapshot']({ id });
    }
    expect(snap.readAs).toEqual({ user: 'ks-admin', root: true });
    expect(snap.setup?.kind).toBe(expected.kind);
    expect(snap.tools?.crictl.path).toBe(expected.crictl);
    expect(snap.nodeName).toBe(expected.nodeName(nodeId));
    expect(snap.runtime).toEqual({ available: true, reason: null });
    expect(snap.api).toMatchObject({ available: true, reason: null, nodeRegistered: true });
    expect(snap.manifests).toMatchObject({ readable: true, reason: null });
    const statics = snap.manifests.entries.filter((e) => e.staticPodName);
    expect(statics.length).toBeGreaterThan(0);
    expect(statics.every((e) => e.staticPodName?.endsWith(`-${expected.nodeName(nodeId)}`))).toBe(true);
    expect(joined(snap)).toBe(true);
    expect(snap.kubeletLog).toMatchObject({ source: expected.log, readable: true, reason: null });
    expect(snap.kubeletLog?.lines).toBeGreaterThan(0);
    expect(snap.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  }, 150_000);

  /** Follows the kubelet's log through the core's `logs.follow` stream, as the Logs pane does. */
  function followLog(id: string) {
    const statuses: LogFollowStatus[] = [];
    const stop = core.streams['logs.follow'](
      { id, history: 200, follow: true, capacity: 50_000 },
      { push: (status) => statuses.push(status), paused: false, onResume: () => {}, end: () => {} },
    );
    const last = () => statuses[statuses.length - 1];
    const matching = async (regex: string) =>
      (await core.handlers['logs.rows']({ session: last()!.session, filter: { regex }, start: 0, count: 0 }))
        .total;
    return { stop, last, matching };
  }

  it("the Logs pane: the kubelet's lines, followed from where this set-up keeps them, saying where", async () => {
    const id = await connectAs('admin');
    const log = followLog(id);
    try {
      await until(() => log.last()?.state === 'following', 'the follow to start', 60_000);
      // Lines the kubelet writes now (the simulation writes them where the profile's kubelet logs:
      // RKE2's kubelet.log, the k3s-agent unit's journal) reach the pane.
      // On RKE2, ~1.3 MB: lumberjack renames kubelet.log to kubelet-<UTC time>.log past 1 MB, opens
      // a new kubelet.log and gzips the old one (docs/distributions.md "RKE2"); every line must
      // still reach the pane, in order, without a gap.
      const tag = `pane${Date.now()}`;
      const rotates = profile === 'rke2-server';
      const count = rotates ? 12_000 : 20;
      const messages = Array.from({ length: count }, (_, n) =>
        `${tag}-${n} ${rotates ? 'x'.repeat(60) : ''}`.trim(),
      );
      await nodes.controlPlane.emitKubeletLog(messages);
      await until(
        async () => (await log.matching(`${tag}-\\d+`)) === count,
        "the kubelet's new lines",
        60_000,
      );
      if (rotates) {
        const logs = nodes.controlPlane.hostPath('/var/lib/rancher/rke2/agent/logs');
        expect(fs.readdirSync(logs).some((n) => /^kubelet-.*\.log(\.gz)?$/.test(n))).toBe(true);
        const numbers: number[] = [];
        for (let start = 0; start < count; start += 5000) {
          const page = await core.handlers['logs.rows']({
            session: log.last()!.session,
            filter: { regex: `${tag}-\\d+` },
            start,
            count: 5000,
          });
          for (const r of page.rows)
            numbers.push(r.kind === 'gap' ? -1 : Number(new RegExp(`${tag}-(\\d+)`).exec(r.raw)?.[1]));
        }
        expect(numbers).toEqual(Array.from({ length: count }, (_, n) => n));
        expect(log.last()?.gaps).toBe(0);
      }
      expect(log.last()?.origin?.startsWith(expected.follows)).toBe(true);
      expect(log.last()?.state).toBe('following');
    } finally {
      log.stop();
    }
  }, 120_000);

  it("a broken manifest: the kubelet's own error line about it, read from where this set-up logs", async () => {
    const id = await connectAs('admin');
    const dir = (await core.handlers['pods.snapshot']({ id })).manifests.path!;
    const file = `${dir}/broken.yaml`;
    await nodes.controlPlane.exec(['sh', '-c', `cat > ${file}`], {
      input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n',
    });
    try {
      // The kubelet reads the directory again within its re-list period (docs/kubelet.md §1.1).
      const deadline = Date.now() + 90_000;
      let evidence: string[] = [];
      while (Date.now() < deadline) {
        const snap = await core.handlers['pods.snapshot']({ id });
        const found = snap.findings.find(
          (f) => f.kind === 'manifest-without-sandbox' && f.manifestPath === file,
        );
        evidence = found?.evidence ?? [];
        if (kubeletLine(evidence, file)) break;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
      expect(kubeletLine(evidence, file)).toBe(true);
    } finally {
      await nodes.controlPlane.exec(['rm', '-f', file]);
    }
  }, 150_000);

  it('editing a static pod manifest (manifests.apply, as the editor saves): the kubelet runs it, verdict "running"', async () => {
    const id = await connectAs('admin');
    const listed = await core.handlers['manifests.list']({ id });
    const names = listed.entries.filter((e) => e.verdict.kind === 'pod').map((e) => e.name);
    // kube-scheduler where the set-up runs one (kubeadm, RKE2); the pod the test added on k3s.
    const name = names.find((n) => n.startsWith('kube-scheduler')) ?? names[0];
    expect(name).toBeDefined();
    const current = await core.handlers['manifests.read']({ id, name: name! });
    const doc = parseDocument(current.content);
    doc.setIn(['metadata', 'labels', 'edited-by'], 'kubelet-studio');
    const events: ManifestApplyEvent[] = [];
    await new Promise<void>((resolve, reject) =>
      core.streams['manifests.apply'](
        {
          id,
          name: name!,
          content: doc.toString(),
          expectedSha256: current.sha256,
          confirmRisky: false,
          watch: true,
          timeoutSeconds: 120,
          rollbackOnFailure: false,
        },
        {
          push: (e) => events.push(e),
          paused: false,
          onResume() {},
          end: (error) => (error ? reject(error as Error) : resolve()),
        },
      ),
    );
    const saved = events.find((e) => e.type === 'saved');
    expect(saved?.type === 'saved' && saved.result.status).toBe('saved');
    expect(saved?.type === 'saved' && saved.watching).toBeTruthy();
    const verdicts = events.flatMap((e) => (e.type === 'verdict' ? [e.verdict] : []));
    expect(verdicts.map((v) => v.kind)).toEqual(['running']);
  }, 180_000);

  it('as ks-user: each view shows data or says what it could not read and why; no absence claimed', async () => {
    const snap = await core.handlers['pods.snapshot']({ id: await connectAs('user') });
    expect(snap.readAs).toEqual({ user: 'ks-user', root: false });
    expect(snap.setup?.kind).toBe(expected.kind);
    // Runtime: root's socket, said with the user.
    expect(snap.runtime.available).toBe(false);
    expect(snap.runtime.reason).toMatch(/^No permission as ks-user to connect to the runtime socket \//);
    // API: no credentials this user may read — never "down".
    expect(snap.api).toMatchObject({ available: false, problem: 'no-credentials' });
    expect(snap.api.reason).toMatch(/No credentials for the API server on this node|ks-user/);
    // Kubelet log: not readable as ks-user, and why.
    expect(snap.kubeletLog).toMatchObject({ readable: false, source: expected.log });
    expect(snap.kubeletLog?.reason).toMatch(/ks-user/);
    // Manifests: the directory refused, or each file marked unreadable, with the user.
    if (snap.manifests.readable) {
      expect(snap.manifests.entries.length).toBeGreaterThan(0);
      for (const e of snap.manifests.entries)
        expect(e.unreadable).toMatch(/^no permission as ks-user to read \//);
      expect(snap.findings.map((f) => f.kind)).toContain('manifests-unreadable');
    } else {
      expect(snap.manifests).toMatchObject({ access: 'refused' });
      expect(snap.manifests.reason).toMatch(/ks-user/);
    }
    expect(snap.findings.filter((f) => ABSENCE_CLAIMS.includes(f.kind))).toEqual([]);
    // Logs pane: the log this user may not read is said to be refused, with the user.
    const log = followLog(await connectAs('user'));
    try {
      await until(
        () => /ks-user/.test(log.last()?.message ?? ''),
        'the Logs pane to say why it shows nothing',
        60_000,
      );
      expect(log.last()?.origin?.startsWith(expected.follows)).toBe(true);
      expect(log.last()?.message).toMatch(/permission/i);
    } finally {
      log.stop();
    }
    expect(
      snap.findings.some((f) => /API server (is )?down|not installed/i.test(`${f.title} ${f.explanation}`)),
    ).toBe(false);
  }, 120_000);
});
