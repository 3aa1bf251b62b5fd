import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, JoinedPod, NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { NODES_UNDER_TEST, START_TIMEOUT_MS } from './nodes-under-test';
import type { PodsScenario } from './sandbox-scenario';

// Issue 6 acceptance, the two findings that need the kubelet itself arranged: a node whose Node
// object is gone (kubectl delete node, docs/kubelet.md §2.4 last point, §2.2 step 2) and a kubelet
// whose staticPodPath is empty (§6), each followed by a kubelet restart, as a user would do it,
// on the Sandbox node and on an OpenSSH test node. Also: the app notices the restarted kubelet
// without reconnecting (its discovery is redone from the pods refresh).
const KUBEADM_PODS = [
  'etcd-controlplane',
  'kube-apiserver-controlplane',
  'kube-controller-manager-controlplane',
  'kube-scheduler-controlplane',
];

const runningStatics = (snap: NodePodsSnapshot): JoinedPod[] =>
  snap.pods.filter((p) => p.origin === 'static' && p.containers.some((c) => c.state === 'running'));
const controlPlaneUp = (snap: NodePodsSnapshot): boolean =>
  KUBEADM_PODS.every((name) =>
    runningStatics(snap).some((p) => p.name === name && p.apiPod && p.manifestPaths.length === 1),
  );
const sandboxIds = (snap: NodePodsSnapshot): string[] =>
  runningStatics(snap)
    .flatMap((p) => p.sandboxes.map((s) => s.id))
    .sort();

describe.each(NODES_UNDER_TEST)('kubelet scenarios on $label', ({ start }) => {
  let s: PodsScenario;
  beforeAll(async () => {
    s = await start();
  }, START_TIMEOUT_MS);
  afterAll(async () => s?.dispose());

  it('kubectl delete node: no mirror pods, "has no Node"; a kubelet restart registers the node again', async () => {
    const settled = await s.until((x) => controlPlaneUp(x) && x.api.nodeRegistered === true);
    const before = JSON.parse(
      (await s.tool('kubectl', ['get', 'node', 'controlplane', '-o', 'json'])).stdout,
    ) as { metadata: { uid: string } };
    expect((await s.tool('kubectl', ['delete', 'node', 'controlplane'])).stdout).toBe(
      'node "controlplane" deleted\n',
    );

    const snap = await s.until(
      (x) => x.api.nodeRegistered === false && runningStatics(x).every((p) => !p.apiPod),
    );
    expect(snap.api.available).toBe(true);
    const statics = runningStatics(snap);
    expect(statics.map((p) => p.name).sort()).toEqual(KUBEADM_PODS);
    for (const pod of statics) {
      const f = snap.findings.find((x) => x.kind === 'mirror-missing' && x.podUid === pod.uid) as Finding;
      expect(f.title).toBe(`No mirror pod for ${pod.name}`);
      expect(f.explanation).toContain('The API server has no Node "controlplane"');
      expect(f.evidence).toContain('kubectl get node controlplane: not found');
      expect(f.evidence[0]).toBe(`crictl: kube-system/${pod.name} runs (uid ${pod.uid})`);
    }
    // The kubelet does not register again by itself (kubernetes/kubernetes#71398).
    await expect(s.tool('kubectl', ['get', 'node', 'controlplane'])).rejects.toThrow(
      'nodes "controlplane" not found',
    );

    await s.restartKubelet();
    // The first refresh after the restart sees a new kubelet pid: discovery again (the node's
    // facts, then the kubelet's files), same static pod path, so no second batch.
    const first = await s.snapshot();
    expect(first.roundTrips).toBe(3);
    const back = await s.until((x) => x.api.nodeRegistered === true && controlPlaneUp(x));
    expect(back.findings.filter((f) => f.kind === 'mirror-missing')).toEqual([]);
    expect(back.roundTrips).toBe(1);
    // The running pods were adopted, not restarted; the Node is a new object.
    expect(sandboxIds(back)).toEqual(sandboxIds(settled));
    const after = JSON.parse(
      (await s.tool('kubectl', ['get', 'node', 'controlplane', '-o', 'json'])).stdout,
    ) as { metadata: { uid: string } };
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    for (const pod of runningStatics(back)) expect(pod.apiPod?.uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('staticPodPath "" and a kubelet restart: static pods disabled; restored, they come back', async () => {
    await s.until(controlPlaneUp);
    const discovery = await s.core.handlers['node.discover']({ id: s.nodeId });
    const config = discovery.configPath as string;
    const file = s.hostPath(config);
    const original = fs.readFileSync(file, 'utf8');
    expect(original).toMatch(/^staticPodPath: \S+$/m);
    fs.writeFileSync(file, original.replace(/^staticPodPath: .*$/m, 'staticPodPath: ""'));
    try {
      await s.restartKubelet();
      // Without reconnecting: the refresh sees the new kubelet, discovers again, and reads the
      // node again for the new (absent) static pod path.
      const first = await s.snapshot();
      expect(first.roundTrips).toBe(4);
      expect(first.manifests).toMatchObject({ disabled: true, path: null, entries: [] });
      const f = first.findings.find((x) => x.kind === 'static-path-disabled') as Finding;
      expect(f.title).toBe('Static pods are disabled on this node');
      expect(f.evidence).toEqual([`staticPodPath in ${config} is empty: static pods are off on this node`]);
      expect(first.pods.filter((p) => p.manifestPaths.length > 0)).toEqual([]);
      // The restarted kubelet stops the static pods no source wants; the API server was one of them.
      const gone = await s.until((x) => !x.pods.some((p) => p.origin === 'static'));
      expect(gone.api.available).toBe(false);
      expect(gone.findings.filter((x) => x.kind === 'static-path-disabled')).toHaveLength(1);
    } finally {
      fs.writeFileSync(file, original);
      await s.restartKubelet();
    }
    const back = await s.until(controlPlaneUp, 60_000);
    expect(back.manifests.disabled).toBe(false);
    expect(back.findings.filter((x) => x.kind === 'static-path-disabled')).toEqual([]);
  });
});
