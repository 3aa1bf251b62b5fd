import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimKubelet, type SimKubeletHandle } from '../../../../src-main/sandbox/engine/kubelet';
import type { ApiPod, SimNodeState } from '../../../../src-main/sandbox/model';
import { BUSYBOX, harness, type Harness } from './helpers';

// A kubelet restart (docs/kubelet.md §1.7 "When the kubelet restarts"): the runtime and the API
// server keep running, the new kubelet adopts the pods; `kubectl delete node` (§2.4 last point,
// §2.2 step 2); an empty staticPodPath (§6).
let h: Harness;
const extra: SimKubeletHandle[] = [];
afterEach(() => {
  for (const k of extra.splice(0)) k.stop();
  h?.cleanup();
});

const mirrors = (s: SimNodeState): ApiPod[] =>
  s.apiPods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
const running = (s: SimNodeState) => s.containers.filter((c) => c.state === 'CONTAINER_RUNNING');

/** Stops the harness's kubelet and starts a new one on the same root, as `systemctl restart kubelet`. */
function restart(
  current: SimKubeletHandle,
  pid: number,
  role: 'control-plane' | 'worker' = 'control-plane',
): SimKubeletHandle {
  current.stop();
  const previous = JSON.parse(JSON.stringify(current.state())) as SimNodeState;
  const next = startSimKubelet({
    paths: h.paths,
    nodeName: 'ControlPlane',
    nodeIp: '192.168.97.4',
    role,
    clock: h.clock,
    pid,
    previous,
  });
  extra.push(next);
  return next;
}

async function settled(k: SimKubeletHandle): Promise<void> {
  await h.until(
    () =>
      k.state().apiServerUp &&
      mirrors(k.state()).length === 4 &&
      k.state().apiPods.length === 7 &&
      running(k.state()).length >= 5,
  );
}

function writeConfigPath(value: string): void {
  const text = fs.readFileSync(h.paths.kubeletConfig, 'utf8');
  fs.writeFileSync(h.paths.kubeletConfig, text.replace(/^staticPodPath: .*$/m, `staticPodPath: ${value}`));
}

describe('kubelet restart', () => {
  it('adopts the running pods: same sandboxes, containers, mirrors and Node; no second add-ons', async () => {
    h = await harness();
    await settled(h.kubelet);
    const before = h.kubelet.state();
    expect(before.kubeletPid).toBe(20023);
    const k2 = restart(h.kubelet, 20077);
    const at = k2.state();
    expect(at.kubeletPid).toBe(20077);
    expect(at.sandboxes.map((s) => s.id).sort()).toEqual(before.sandboxes.map((s) => s.id).sort());
    await h.run(3000);
    const after = k2.state();
    expect(after.apiServerUp).toBe(true);
    expect(
      running(after)
        .map((c) => c.id)
        .sort(),
    ).toEqual(
      running(before)
        .map((c) => c.id)
        .sort(),
    );
    expect(after.apiPods.map((p) => p.metadata.uid).sort()).toEqual(
      before.apiPods.map((p) => p.metadata.uid).sort(),
    );
    expect(after.node?.metadata.uid).toBe(before.node?.metadata.uid);
    // config.seen is stamped anew by the new kubelet process; the sandbox keeps the old one (§1.5).
    const apiserver = after.sandboxes.find((s) => s.name === 'kube-apiserver-controlplane')!;
    expect(apiserver.annotations['kubernetes.io/config.seen']).toBe(
      before.sandboxes.find((s) => s.id === apiserver.id)!.annotations['kubernetes.io/config.seen'],
    );
    const registered = h
      .messages()
      .filter((m) => m.includes('"Successfully registered node" node="ControlPlane"'));
    expect(registered).toHaveLength(2);
    expect(h.messages().filter((m) => m.includes('Attempting to register node'))).toHaveLength(2);
  });

  it('a crash-looping container keeps its restart count and back-off across the restart', async () => {
    h = await harness();
    fs.writeFileSync(
      h.manifest('crasher.yaml'),
      BUSYBOX('crasher').replace('command: ["sleep", "1000"]', 'command: ["false"]'),
    );
    h.kubelet.relist();
    await h.until(() => h.kubelet.state().containers.some((c) => c.name === 'busybox' && c.attempt >= 2));
    const attempt = Math.max(
      ...h.kubelet
        .state()
        .containers.filter((c) => c.name === 'busybox')
        .map((c) => c.attempt),
    );
    const sandboxId = h.kubelet.state().sandboxes.find((s) => s.name === 'crasher-controlplane')!.id;
    const k2 = restart(h.kubelet, 20078);
    await h.until(() => k2.state().containers.some((c) => c.name === 'busybox' && c.attempt > attempt));
    expect(
      k2
        .state()
        .sandboxes.filter((s) => s.name === 'crasher-controlplane')
        .map((s) => s.id),
    ).toEqual([sandboxId]);
  });
});

describe('kubectl delete node', () => {
  it('mirrors are garbage-collected and not made again, status updates fail, a restart registers anew', async () => {
    h = await harness();
    await settled(h.kubelet);
    const node = h.kubelet.state().node!;
    expect(node.metadata.labels['node-role.kubernetes.io/control-plane']).toBe('');
    expect(node.metadata.uid).toBe(h.kubelet.state().nodeUid);
    expect(() => h.kubelet.deleteNode('nope')).toThrow('nodes "nope" not found');
    expect(h.kubelet.deleteNode('ControlPlane')).toEqual({ deleted: true });
    expect(h.kubelet.state().node).toBeNull();
    await h.until(() => mirrors(h.kubelet.state()).length === 0);
    await h.run(5000);
    let s = h.kubelet.state();
    expect(mirrors(s)).toEqual([]);
    expect(s.apiServerUp).toBe(true);
    // the static pods themselves keep running
    expect(s.sandboxes.filter((x) => x.state === 'SANDBOX_READY').map((x) => x.name)).toContain(
      'kube-apiserver-controlplane',
    );
    const failures = () =>
      h
        .messages()
        .filter((m) =>
          /^E.* kubelet_node_status\.go:\d+\] "Error updating node status, will retry" err="error getting node \\"ControlPlane\\": nodes \\"ControlPlane\\" not found"$/.test(
            m,
          ),
        );
    expect(failures().length).toBeGreaterThanOrEqual(5);
    // one failed update (5 tries) per nodeStatusUpdateFrequency (10 s), not one per housekeeping tick
    const n = failures().length;
    await h.run(10_000);
    expect(failures().length).toBe(n + 5);
    expect(
      h
        .messages()
        .filter((m) =>
          m.includes('"Unable to update node status" err="update node status exceeds retry count"'),
        ).length,
    ).toBe(n / 5 + 1);

    const k2 = restart(h.kubelet, 20079);
    await h.until(() => mirrors(k2.state()).length === 4);
    s = k2.state();
    expect(s.node?.metadata.uid).not.toBe(node.metadata.uid);
    expect(s.nodeUid).toBe(s.node?.metadata.uid);
    // a kubelet cannot set node-role labels: only kubeadm marked the first Node as control plane
    expect(s.node?.metadata.labels['node-role.kubernetes.io/control-plane']).toBeUndefined();
    for (const m of mirrors(s))
      expect(m.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'Node',
        name: 'ControlPlane',
        uid: s.node?.metadata.uid,
      });
  });

  it('no Node while its kube-controller-manager is down: the mirrors stay until the garbage collector runs', async () => {
    h = await harness();
    await settled(h.kubelet);
    fs.renameSync(h.manifest('kube-controller-manager.yaml'), `${h.root}/kcm.yaml`);
    await h.until(() => !running(h.kubelet.state()).some((c) => c.name === 'kube-controller-manager'));
    h.kubelet.deleteNode('ControlPlane');
    await h.run(3000);
    expect(
      mirrors(h.kubelet.state())
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-scheduler-controlplane']);
    fs.renameSync(`${h.root}/kcm.yaml`, h.manifest('kube-controller-manager.yaml'));
    await h.until(() => mirrors(h.kubelet.state()).length === 0);
  });
});

describe('staticPodPath', () => {
  it('empty: no file source, no static pods; restoring it and restarting brings them back with the same UIDs', async () => {
    h = await harness();
    await settled(h.kubelet);
    const uids = h.kubelet
      .state()
      .sandboxes.filter((s) => s.annotations['kubernetes.io/config.source'] === 'file')
      .map((s) => s.uid)
      .sort();
    writeConfigPath('""');
    const k2 = restart(h.kubelet, 20080);
    // the restarted kubelet kills the pods no source wants, the API server among them
    await h.until(
      () =>
        k2.state().sandboxes.length === 0 ||
        k2.state().sandboxes.every((s) => s.annotations['kubernetes.io/config.source'] !== 'file'),
      20_000,
    );
    expect(k2.state().apiServerUp).toBe(false);
    expect(
      h
        .messages()
        .slice(-200)
        .some((m) => m.includes('Adding static pod path')),
    ).toBe(true); // the first kubelet's
    const lastStart = h
      .messages()
      .map((m, i) => ({ m, i }))
      .filter((x) => x.m.includes('"Attempting to register node"'))
      .at(-1)!.i;
    expect(
      h
        .messages()
        .slice(lastStart)
        .some((m) => m.includes('Adding static pod path')),
    ).toBe(false);
    expect(k2.relist()).toBe(0);

    writeConfigPath('/etc/kubernetes/manifests');
    const k3 = restart(k2, 20081);
    await h.until(() => k3.state().apiServerUp && mirrors(k3.state()).length === 4);
    const again = k3
      .state()
      .sandboxes.filter((s) => s.annotations['kubernetes.io/config.source'] === 'file')
      .map((s) => s.uid)
      .sort();
    expect(again).toEqual(uids);
  });

  it('absent from the config: disabled as well (a worker: its API is always there)', async () => {
    h = await harness({ role: 'worker' });
    fs.writeFileSync(h.manifest('web.yaml'), BUSYBOX('web'));
    h.kubelet.relist();
    await h.until(() =>
      running(h.kubelet.state()).some((c) => c.labels['io.kubernetes.pod.name'] === 'web-controlplane'),
    );
    fs.writeFileSync(
      h.paths.kubeletConfig,
      fs.readFileSync(h.paths.kubeletConfig, 'utf8').replace(/^staticPodPath: .*\n/m, ''),
    );
    const k2 = restart(h.kubelet, 20082, 'worker');
    await h.until(() => !k2.state().sandboxes.some((s) => s.name === 'web-controlplane'));
    expect(
      h.messages().some((m) => m.includes('Clean up containers for orphaned pod we had not seen before')),
    ).toBe(false); // V3
  });
});
