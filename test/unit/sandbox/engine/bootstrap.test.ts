import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers';

let h: Harness;
afterEach(() => h?.cleanup());

describe('control-plane bootstrap', () => {
  it('writes kubeadm defaults, starts static pods, then mirrors, then add-ons', async () => {
    h = await harness();
    expect(fs.readdirSync(h.paths.manifestDir).sort()).toEqual([
      'etcd.yaml',
      'kube-apiserver.yaml',
      'kube-controller-manager.yaml',
      'kube-scheduler.yaml',
    ]);
    expect(fs.statSync(h.manifest('etcd.yaml')).mode & 0o777).toBe(0o600);
    await h.until(() => h.kubelet.state().sandboxes.length === 4);
    let s = h.kubelet.state();
    expect(s.apiServerUp).toBe(false);
    expect(s.apiPods).toEqual([]);
    expect(s.sandboxes.map((x) => x.name).sort()).toContain('kube-apiserver-controlplane');
    await h.until(() => h.kubelet.state().apiServerUp);
    await h.until(
      () =>
        h.kubelet.state().apiPods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror'])
          .length === 4,
    );
    s = h.kubelet.state();
    const mirror = s.apiPods.find((p) => p.metadata.name === 'kube-apiserver-controlplane')!;
    const sandbox = s.sandboxes.find((x) => x.name === 'kube-apiserver-controlplane')!;
    expect(mirror.metadata.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(sandbox.uid);
    expect(mirror.metadata.annotations?.['kubernetes.io/config.hash']).toBe(sandbox.uid);
    expect(mirror.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'ControlPlane', uid: s.nodeUid, controller: true },
    ]);
    await h.run(2000);
    s = h.kubelet.state();
    const status = s.apiPods.find((p) => p.metadata.name === 'kube-apiserver-controlplane')!.status as {
      containerStatuses: Array<{ containerID: string; restartCount: number; state: Record<string, unknown> }>;
    };
    const container = s.containers.find(
      (c) => c.podSandboxId === sandbox.id && c.state === 'CONTAINER_RUNNING',
    )!;
    expect(status.containerStatuses[0].containerID).toBe(`containerd://${container.id}`);
    expect(status.containerStatuses[0].state.running).toBeDefined();
    // add-ons: coredns x2 (ReplicaSet, Pending without a pod network) and kube-proxy (DaemonSet)
    await h.until(() => h.kubelet.state().apiPods.length === 7);
    s = h.kubelet.state();
    const coredns = s.apiPods.filter((p) => p.metadata.name.startsWith('coredns-'));
    expect(coredns).toHaveLength(2);
    expect(coredns[0].metadata.ownerReferences?.[0].kind).toBe('ReplicaSet');
    expect(coredns[0].status.phase).toBe('Pending');
    const proxy = s.apiPods.find((p) => p.metadata.name.startsWith('kube-proxy-'))!;
    expect(proxy.metadata.ownerReferences?.[0].kind).toBe('DaemonSet');
    await h.until(() => h.kubelet.state().sandboxes.some((x) => x.name.startsWith('kube-proxy-')));
    // a pod network add-on makes coredns schedulable and running
    fs.mkdirSync(`${h.root}/etc/cni/net.d`, { recursive: true });
    fs.writeFileSync(`${h.root}/etc/cni/net.d/10-flannel.conflist`, '{}');
    await h.until(
      () => h.kubelet.state().sandboxes.filter((x) => x.name.startsWith('coredns-')).length === 2,
    );
    const msgs = h.messages();
    expect(msgs[0]).toMatch(
      /^I\d{4} \d\d:\d\d:\d\d\.\d{6} {3}20023 kubelet\.go:\d+\] "Adding static pod path" path="\/etc\/kubernetes\/manifests"$/,
    );
    expect(
      msgs.some((m) => m.includes('"Observed pod startup duration" pod="kube-system/etcd-controlplane"')),
    ).toBe(true);
    expect(msgs.some((m) => m.includes('SyncLoop ADD'))).toBe(false);
  });
});
