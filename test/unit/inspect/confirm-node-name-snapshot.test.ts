/**
 * The pods snapshot of a node whose name discovery could not be sure of: a kubeadm kubelet with
 * an in-tree cloud provider (cmd/kubelet/app/server.go `getNodeName`: the provider names the
 * node; on AWS its private DNS name, not the host name). The snapshot lists the Nodes, takes the
 * one holding this host's address, reads the API again under that name, and the core keeps it.
 */
import { describe, expect, it } from 'vitest';
import { discoverNodeFull } from '../../../src-main/node/discovery/discover-node';
import { readPodsSnapshot } from '../../../src-main/inspect/read-pods-snapshot';
import type { NodeDiscovery } from '../../../src-main/contract/domain/discovery';
import { batch, fakeSession } from '../node/discovery/fake-node-session';
import { proc } from '../node/discovery/node-samples';

const AWS_NAME = 'ip-10-0-1-17.eu-west-1.compute.internal';

const nodes = JSON.stringify({
  kind: 'List',
  items: [
    { metadata: { name: AWS_NAME }, status: { addresses: [{ type: 'InternalIP', address: '10.0.1.17' }] } },
    {
      metadata: { name: 'ip-10-0-1-18.eu-west-1.compute.internal' },
      status: { addresses: [{ type: 'InternalIP', address: '10.0.1.18' }] },
    },
  ],
});

function mirrorPods(node: string): string {
  return JSON.stringify({
    kind: 'List',
    items: [
      {
        metadata: {
          name: `kube-scheduler-${node}`,
          namespace: 'kube-system',
          uid: 'f7d1b5d4-0b4e-4a57-9d0e-5d0c2a1e7a11',
          annotations: { 'kubernetes.io/config.mirror': 'c0ffee', 'kubernetes.io/config.source': 'file' },
        },
        spec: {
          nodeName: node,
          containers: [{ name: 'kube-scheduler', image: 'registry.k8s.io/kube-scheduler:v1.30.4' }],
        },
        status: { phase: 'Running' },
      },
    ],
  });
}

function cloudNamedNode() {
  const asked: Array<{ node: string; confirm: string }> = [];
  const session = fakeSession({
    hostname: 'cp-1',
    processes: [
      proc(1204, 'kubelet', [
        '/usr/bin/kubelet',
        '--kubeconfig=/etc/kubernetes/kubelet.conf',
        '--config=/var/lib/kubelet/config.yaml',
        '--cloud-provider=aws',
        '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
      ]),
    ],
    units:
      'Id=kubelet.service\nLoadState=loaded\nActiveState=active\nMainPID=1204\nFragmentPath=/usr/lib/systemd/system/kubelet.service\n',
    files: {
      '/var/lib/kubelet/config.yaml':
        'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodPath: /etc/kubernetes/manifests\n',
    },
    kubeconfigs: { '/etc/kubernetes/admin.conf': 'R', '/etc/kubernetes/kubelet.conf': 'R' },
    tools: {
      crictl: ['/usr/bin/crictl'],
      kubectl: ['/usr/bin/kubectl'],
      journalctl: ['/usr/bin/journalctl'],
    },
    fib: '  |-- 10.0.1.17\n     /32 host LOCAL\n  |-- 127.0.0.1\n     /32 host LOCAL\n',
    answer(command) {
      if (!command.purpose.startsWith("read the node's pods")) return undefined;
      const params = (command.argv as string[]).slice(4);
      const node = params[1] ?? '';
      const confirm = params[6] ?? '';
      asked.push({ node, confirm });
      return batch({
        sandboxes: { out: '{"items":[]}' },
        containers: { out: '{"containers":[]}' },
        api: { out: node === AWS_NAME ? mirrorPods(node) : '{"kind":"List","items":[]}' },
        node:
          node === AWS_NAME
            ? { out: `node/${node}\n` }
            : { out: '', code: 1, err: `Error from server (NotFound): nodes "${node}" not found` },
        ...(confirm === '1' ? { nodes: { out: nodes } } : {}),
      });
    },
  });
  return { session, asked };
}

describe('the pods snapshot confirms an uncertain node name against the API', () => {
  it('reads the API again under the Node holding this host address, and keeps that name', async () => {
    const { session, asked } = cloudNamedNode();
    const { discovery } = await discoverNodeFull(session);
    expect(discovery).toMatchObject({ nodeName: 'cp-1', nodeNameInfo: { certain: false } });

    const kept: NodeDiscovery[] = [];
    const snapshot = await readPodsSnapshot(session, discovery, { remember: (d) => kept.push(d) });
    expect(asked).toEqual([
      { node: 'cp-1', confirm: '1' },
      { node: AWS_NAME, confirm: '0' },
    ]);
    expect(snapshot.nodeName).toBe(AWS_NAME);
    expect(snapshot.nodeNameInfo).toMatchObject({ name: AWS_NAME, certain: true });
    expect(snapshot.nodeNameInfo?.how).toContain("has this host's address 10.0.1.17");
    expect(snapshot.api.nodeRegistered).toBe(true);
    expect(snapshot.pods.map((p) => p.name)).toContain(`kube-scheduler-${AWS_NAME}`);
    expect(kept.map((d) => d.nodeName)).toEqual([AWS_NAME]);

    // The next snapshot starts from the kept discovery: no Node listing, one round trip.
    const next = await readPodsSnapshot(session, kept[0] as NodeDiscovery);
    expect(asked.at(-1)).toEqual({ node: AWS_NAME, confirm: '0' });
    expect(next.roundTrips).toBe(1);
  });
});
