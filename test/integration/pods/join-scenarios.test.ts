import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinedPod, NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { NODES_UNDER_TEST, START_TIMEOUT_MS } from './nodes-under-test';
import { crashingManifest, type PodsScenario } from './sandbox-scenario';

// Issue 6 acceptance: the join stays right across what changes the keys (docs/kubelet.md §0, §1.7,
// §2.4, §3.1): a manifest edit (new static UID), a deleted mirror (new API UID, same static
// UID), a container restart (new container id, same sandbox); and with the API server down the
// runtime side and the manifests stay complete and the API side says why it is empty.

const pod = (snap: NodePodsSnapshot, name: string) => snap.pods.find((p) => p.name === name) as JoinedPod;
const healthy = (p: JoinedPod | undefined) =>
  Boolean(p && p.apiPod && !p.mirrorStale && p.containers[0]?.state === 'running');

describe.each(NODES_UNDER_TEST)('the join on $label', ({ start }) => {
  let s: PodsScenario;
  beforeAll(async () => {
    s = await start();
  }, START_TIMEOUT_MS);
  afterAll(async () => s?.dispose());
  /** Where this process reads and writes a file of the static pod path. */
  const at = (name: string) => s.hostPath(path.posix.join(s.manifests, name));

  it('after kubectl delete of a mirror pod: a new mirror UID, the same static UID and sandbox', async () => {
    const before = pod(await s.snapshot(), 'kube-scheduler-controlplane');
    await s.tool('kubectl', ['delete', 'pod', '-n', 'kube-system', 'kube-scheduler-controlplane']);
    const after = pod(
      await s.until(
        (x) =>
          healthy(pod(x, 'kube-scheduler-controlplane')) &&
          pod(x, 'kube-scheduler-controlplane').apiPod?.uid !== before.apiPod?.uid,
      ),
      'kube-scheduler-controlplane',
    );
    expect(after.uid).toBe(before.uid);
    expect(after.sandboxes[0]?.id).toBe(before.sandboxes[0]?.id);
    expect(after.apiPod?.config.mirror).toBe(before.uid);
    expect(after.apiPod?.uid).not.toBe(before.apiPod?.uid);
  });

  it('after a manifest edit: a new static UID, joined to a new mirror carrying it', async () => {
    const file = at('kube-controller-manager.yaml');
    const before = pod(await s.snapshot(), 'kube-controller-manager-controlplane');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('    tier: control-plane', '    tier: control-plane\n    edited: "yes"'),
    );
    const snap = await s.until(
      (x) =>
        healthy(pod(x, 'kube-controller-manager-controlplane')) &&
        pod(x, 'kube-controller-manager-controlplane').uid !== before.uid,
    );
    const after = pod(snap, 'kube-controller-manager-controlplane');
    expect(after.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(after.apiPod?.config.mirror).toBe(after.uid);
    expect(after.apiPod?.labels.edited).toBe('yes');
    expect(after.sandboxes[0]?.labels.edited).toBe('yes');
    const nodeFile = path.posix.join(s.manifests, 'kube-controller-manager.yaml');
    expect(after.manifestPaths).toEqual([nodeFile]);
    expect(snap.manifests.entries.find((e) => e.path === nodeFile)?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('after a container restart: a new container id in the same sandbox', { timeout: 60_000 }, async () => {
    fs.writeFileSync(at('restarter.yaml'), crashingManifest('restarter'));
    const newest = (p: JoinedPod | undefined) => p?.containers[0];
    // crictl lists sandboxes and containers in two calls: a pod just started can show its first
    // container before its sandbox appears in the same snapshot, so wait for both.
    const first = pod(
      await s.until((x) => {
        const p = pod(x, 'restarter-controlplane');
        return Boolean(newest(p)) && (p?.sandboxes.length ?? 0) > 0;
      }),
      'restarter-controlplane',
    );
    const firstContainer = newest(first);
    const attempt = firstContainer?.attempt ?? 0;
    const later = pod(
      await s.until((x) => (newest(pod(x, 'restarter-controlplane'))?.attempt ?? 0) > attempt, 40_000),
      'restarter-controlplane',
    );
    const restarted = newest(later);
    expect(later.uid).toBe(first.uid);
    expect(later.sandboxes.map((x) => x.id)).toEqual(first.sandboxes.map((x) => x.id));
    expect(restarted?.id).not.toBe(firstContainer?.id);
    expect(restarted?.podSandboxId).toBe(first.sandboxes[0]?.id);
    fs.rmSync(at('restarter.yaml'));
  });

  it('with the API server down (broken kube-apiserver manifest): every static pod listed, the API side says why, the kubelet error quoted', async () => {
    const file = at('kube-apiserver.yaml');
    const nodeFile = path.posix.join(s.manifests, 'kube-apiserver.yaml');
    fs.rmSync(at('restarter.yaml'), { force: true });
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n  bad: [unclosed\n`);
    const snap = await s.until(
      (x) =>
        !x.api.available &&
        x.findings.some(
          (f) =>
            f.kind === 'manifest-without-sandbox' &&
            f.evidence.some((e) => e.includes('Could not process manifest file')),
        ),
    );
    expect(snap.api.reason).toMatch(/API server refused the connection.*it is down/);
    expect(snap.runtime.available).toBe(true);
    const statics = snap.pods.filter((p) => p.origin === 'static');
    expect(
      statics
        .map((p) => p.manifestPaths.map((m) => path.basename(m)))
        .flat()
        .sort(),
    ).toEqual(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']);
    const broken = snap.findings.find(
      (f) => f.kind === 'manifest-without-sandbox' && f.manifestPath === nodeFile,
    );
    expect(broken?.severity).toBe('error');
    expect(broken?.evidence.find((e) => e.includes('Could not process manifest file'))).toMatch(
      new RegExp(
        `^E\\d{4} .*file\\.go:\\d+\\] "Could not process manifest file" err=".*" path="${nodeFile}"`,
      ),
    );
    for (const name of ['etcd-controlplane', 'kube-scheduler-controlplane']) {
      const missing = snap.findings.find(
        (f) => f.kind === 'mirror-missing' && f.title === `No mirror pod for ${name}`,
      );
      expect(missing?.explanation).toContain('The API server cannot be read');
      expect(pod(snap, name).containers[0]?.state).toBe('running');
    }
  });
});
