/**
 * Drift across control planes on kubeadm's own manifests (test/fixtures/real/kubeadm-v1.32.2-*,
 * written by kubeadm v1.32.2 for node `test-control-plane` at 192.168.97.4). Three control
 * planes are made from them as kubeadm writes them on `kubeadm init` and `kubeadm join
 * --control-plane` (cmd/kubeadm/app/phases/controlplane/manifests.go, etcd/local.go): each
 * node's name and advertise address in its own files, and etcd's --initial-cluster growing by
 * one member per join, with --initial-cluster-state=existing on the joined nodes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareStaticPods,
  KUBELET_ENTRY,
  type NodeManifests,
} from '../../../src-main/inspect/drift/compare-static-pods';
import { maskerFor } from '../../../src-main/inspect/drift/per-node-values';

const REAL = path.join(__dirname, '../../fixtures/real');
const FILES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const original = Object.fromEntries(
  FILES.map((f) => [f, fs.readFileSync(path.join(REAL, `kubeadm-v1.32.2-${f}.yaml`), 'utf8')]),
);

const NODES = [
  { name: 'cp-1', ip: '10.20.0.11' },
  { name: 'cp-2', ip: '10.20.0.12' },
  { name: 'cp-3', ip: '10.20.0.13' },
];

/** The manifests kubeadm writes on the i-th control plane (0: init, then joins). */
function kubeadmNode(i: number): Record<string, string> {
  const node = NODES[i]!;
  const members = NODES.slice(0, i + 1)
    .map((n) => `${n.name}=https://${n.ip}:2380`)
    .join(',');
  const out: Record<string, string> = {};
  for (const f of FILES) {
    let text = original[f]!.split('192.168.97.4').join(node.ip);
    text = text.replace(/--initial-cluster=test-control-plane=\S+/, `--initial-cluster=${members}`);
    if (i > 0)
      text = text.replace('    - --key-file=', '    - --initial-cluster-state=existing\n    - --key-file=');
    out[f] = text.split('test-control-plane').join(node.name);
  }
  return out;
}

/**
 * The kubelet's command line on a kubeadm node (kubeadm-flags.env with a node IP set): the node's
 * address on a second network, found nowhere in its manifests.
 */
function kubeletArgs(i: number, maxPods = 110): string[] {
  const node = NODES[i]!;
  return [
    '/usr/bin/kubelet',
    '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
    '--kubeconfig=/etc/kubernetes/kubelet.conf',
    '--config=/var/lib/kubelet/config.yaml',
    '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
    `--node-ip=${node.ip.replace('10.20.', '10.30.')}`,
    `--hostname-override=${node.name}`,
    `--max-pods=${maxPods}`,
  ];
}

function asInput(name: string, files: Record<string, string>, args?: string[]): NodeManifests {
  return {
    node: name,
    identity: { names: [], addresses: [] },
    manifests: Object.entries(files).map(([f, content]) => ({ file: `${f}.yaml`, content })),
    kubeletArgs: args,
  };
}

const healthy = () => NODES.map((n, i) => ({ name: n.name, files: kubeadmNode(i) }));
const compare = (nodes: Array<{ name: string; files: Record<string, string> }>) =>
  compareStaticPods(nodes.map((n) => asInput(n.name, n.files)));

describe('drift across control planes', () => {
  it('three healthy kubeadm control planes do not drift: names, addresses and etcd membership are per node', () => {
    const report = compare(healthy());
    expect(report.pods.map((p) => [p.pod, p.status])).toEqual([
      ['kube-system/etcd', 'same'],
      ['kube-system/kube-apiserver', 'same'],
      ['kube-system/kube-controller-manager', 'same'],
      ['kube-system/kube-scheduler', 'same'],
    ]);
    expect(report.nodes[1]).toMatchObject({ name: 'cp-2', read: true, maskedAddresses: ['10.20.0.12'] });
    expect(report.nodes[1]?.maskedNames).toContain('cp-2');
    expect(report.ignored.join('\n')).toMatch(/--initial-cluster:/);
  });

  it('names the node whose kube-apiserver has another --audit-log-maxage, with both values', () => {
    const nodes = healthy();
    nodes[1]!.files['kube-apiserver'] = nodes[1]!.files['kube-apiserver']!.replace(
      '--audit-log-maxage=30',
      '--audit-log-maxage=7',
    );
    const api = compare(nodes).pods.find((p) => p.pod === 'kube-system/kube-apiserver');
    expect(api?.status).toBe('differs');
    expect(api?.differences).toEqual([
      {
        category: 'flags',
        container: 'kube-apiserver',
        field: '--audit-log-maxage',
        values: [
          { value: '30', nodes: ['cp-1', 'cp-3'] },
          { value: '7', nodes: ['cp-2'] },
        ],
        odd: ['cp-2'],
      },
    ]);
  });

  it('tells an image, a volume, a resource and a removed flag apart', () => {
    const nodes = healthy();
    const cp3 = nodes[2]!.files;
    cp3['kube-scheduler'] = cp3['kube-scheduler']!.replace(
      'kube-scheduler:v1.32.2',
      'kube-scheduler:v1.31.6',
    );
    cp3['etcd'] = cp3['etcd']!.replace('      path: /var/lib/etcd\n', '      path: /data/etcd\n');
    cp3['kube-apiserver'] = cp3['kube-apiserver']!.replace('cpu: 250m', 'cpu: 500m').replace(
      '    - --profiling=false\n',
      '',
    );
    const report = compare(nodes);
    const diff = (pod: string) =>
      report.pods
        .find((p) => p.pod === `kube-system/${pod}`)
        ?.differences.map((d) => [d.category, d.field, d.odd, d.values.map((v) => v.value)]);
    expect(diff('kube-scheduler')).toEqual([
      [
        'image',
        'image',
        ['cp-3'],
        ['registry.k8s.io/kube-scheduler:v1.32.2', 'registry.k8s.io/kube-scheduler:v1.31.6'],
      ],
    ]);
    expect(diff('etcd')).toEqual([
      ['volumes', 'volume etcd-data: hostPath.path', ['cp-3'], ['/var/lib/etcd', '/data/etcd']],
    ]);
    expect(diff('kube-apiserver')).toEqual([
      ['flags', '--profiling', ['cp-3'], ['false', null]],
      ['resources', 'resources.requests.cpu', ['cp-3'], ['250m', '500m']],
    ]);
  });

  it("compares the kubelets' command lines too, their own name and address masked", () => {
    const inputs = NODES.map((n, i) => asInput(n.name, kubeadmNode(i), kubeletArgs(i, i === 0 ? 250 : 110)));
    const kubelet = compareStaticPods(inputs).pods.find((p) => p.pod === KUBELET_ENTRY);
    expect(kubelet?.differences.map((d) => [d.field, d.odd, d.values.map((v) => v.value)])).toEqual([
      ['--max-pods', ['cp-1'], ['110', '250']],
    ]);
    const same = compareStaticPods(NODES.map((n, i) => asInput(n.name, kubeadmNode(i), kubeletArgs(i))));
    expect(same.pods.find((p) => p.pod === KUBELET_ENTRY)?.status).toBe('same');
  });

  it('a reordered flag list or volume list is no drift', () => {
    const nodes = healthy();
    const text = nodes[0]!.files['kube-apiserver']!;
    nodes[0]!.files['kube-apiserver'] = text.replace(
      '    - --profiling=false\n    - --advertise-address=10.20.0.11\n',
      '    - --advertise-address=10.20.0.11\n    - --profiling=false\n',
    );
    expect(nodes[0]!.files['kube-apiserver']).not.toBe(text);
    const etcd = nodes[1]!.files['etcd']!;
    const certs =
      '  - hostPath:\n      path: /etc/kubernetes/pki/etcd\n      type: DirectoryOrCreate\n    name: etcd-certs\n';
    const data =
      '  - hostPath:\n      path: /var/lib/etcd\n      type: DirectoryOrCreate\n    name: etcd-data\n';
    nodes[1]!.files['etcd'] = etcd.replace(certs + data, data + certs);
    expect(nodes[1]!.files['etcd']).not.toBe(etcd);
    expect(compare(nodes).pods.every((p) => p.status === 'same')).toBe(true);
  });

  it('a pod missing on one node, a node that could not be read, and a manifest that does not decode', () => {
    const nodes = healthy();
    delete nodes[2]!.files['kube-scheduler'];
    nodes[1]!.files['kube-controller-manager'] = 'apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n';
    const inputs = nodes.map((n) => asInput(n.name, n.files));
    inputs.push({ node: 'cp-4', error: 'ssh: connect to host cp-4 port 22: Connection refused' });
    const report = compareStaticPods(inputs);
    expect(report.pods.find((p) => p.pod === 'kube-system/kube-scheduler')).toMatchObject({
      status: 'differs',
      missingOn: ['cp-3'],
      differences: [],
      files: { 'cp-1': 'kube-scheduler.yaml', 'cp-2': 'kube-scheduler.yaml' },
    });
    expect(report.nodes.find((n) => n.name === 'cp-4')).toMatchObject({
      read: false,
      detail: 'ssh: connect to host cp-4 port 22: Connection refused',
    });
    expect(report.nodes.find((n) => n.name === 'cp-2')?.problems).toEqual([
      expect.stringMatching(/^kube-controller-manager\.yaml: yaml: /),
    ]);
    // cp-2's file did not decode: the controller manager is not called missing there, and cp-4
    // (not read at all) is in no pod's lists.
    expect(report.pods.find((p) => p.pod === 'kube-system/kube-controller-manager')).toMatchObject({
      status: 'same',
      missingOn: [],
      undecidedOn: ['cp-2'],
    });
  });

  it('with no majority, no node is called the odd one', () => {
    const nodes = healthy().slice(0, 2);
    nodes[1]!.files['kube-apiserver'] = nodes[1]!.files['kube-apiserver']!.replace(
      '--audit-log-maxage=30',
      '--audit-log-maxage=7',
    );
    const d = compare(nodes).pods.find((p) => p.pod === 'kube-system/kube-apiserver')?.differences[0];
    expect(d?.odd).toEqual([]);
    expect(d?.values.map((v) => v.nodes)).toEqual([['cp-1'], ['cp-2']]);
  });

  it('masks only whole names and addresses', () => {
    const mask = maskerFor({ names: ['cp-1'], addresses: ['10.0.0.1'] });
    expect(mask('https://10.0.0.1:2379,https://10.0.0.10:2379')).toBe(
      'https://<node-ip>:2379,https://10.0.0.10:2379',
    );
    expect(mask('cp-1=https://10.0.0.1:2380,cp-10=x,cp-1.example.org')).toBe(
      '<node-name>=https://<node-ip>:2380,cp-10=x,cp-1.example.org',
    );
    expect(mask('110.0.0.1')).toBe('110.0.0.1');
  });

  it('an address that differs in a field kubeadm does not make per node is drift', () => {
    const nodes = healthy();
    // --etcd-servers is https://127.0.0.1:2379 on every stacked control plane (manifests.go).
    nodes[0]!.files['kube-apiserver'] = nodes[0]!.files['kube-apiserver']!.replace(
      '--etcd-servers=https://127.0.0.1:2379',
      '--etcd-servers=https://10.20.0.12:2379',
    );
    const d = compare(nodes).pods.find((p) => p.pod === 'kube-system/kube-apiserver')?.differences;
    expect(d?.map((x) => [x.field, x.odd])).toEqual([['--etcd-servers', ['cp-1']]]);
  });
});
