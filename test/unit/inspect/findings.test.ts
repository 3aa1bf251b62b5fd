import { describe, expect, it } from 'vitest';
import type { CriSandbox } from '../../../src-main/contract/domain/cri';
import type { ApiAvailability, StaticManifestDirectory } from '../../../src-main/contract/domain/node-pods';
import type { ApiPodView } from '../../../src-main/contract/domain/pods';
import { collectFindings } from '../../../src-main/inspect/findings/collect-findings';
import { joinPods } from '../../../src-main/inspect/join-pods';
import { parseKlogLine } from '../../../src-main/node/journal/klog-line';
import { readManifestIdentity } from '../../../src-main/node/snapshot/static-dir-listing';
import { readReal } from '../parsers/fixtures';

// Findings built from the facts (docs/kubelet.md §2.2, §2.1) and asserted on exact inputs; the
// held stale mirror is also arranged on real test nodes (test/integration/pods/mirror-scenarios).
const UID = '23ace3c8b1dea5b6d6b30e6bcbb810a7';
const sandbox: CriSandbox = {
  id: 'a'.repeat(64),
  name: 'kube-scheduler-controlplane',
  namespace: 'kube-system',
  uid: UID,
  attempt: 0,
  state: 'ready',
  createdAtNs: null,
  createdAtMs: 1,
  labels: { component: 'kube-scheduler', 'io.kubernetes.pod.uid': UID },
  annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': UID },
  runtimeHandler: '',
  configHash: UID,
};
const mirror = (hash: string): ApiPodView => ({
  name: 'kube-scheduler-controlplane',
  namespace: 'kube-system',
  uid: '561612a9-7d4a-4093-a547-8a655db736df',
  node: 'controlplane',
  phase: 'Running',
  creationTimestamp: null,
  deletionTimestamp: null,
  finalizers: [],
  labels: { component: 'kube-scheduler' },
  annotations: { 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.source': 'file' },
  config: { hash, mirror: hash, source: 'file', seen: null },
  ownerReferences: [],
  kind: 'mirror',
  hostNetwork: true,
  specContainerCount: 1,
  hostIP: null,
  podIP: null,
  containerStatuses: [],
  conditions: [],
});
const manifests: StaticManifestDirectory = {
  path: '/etc/kubernetes/manifests',
  source: 'config',
  explanation: 'config',
  disabled: false,
  readable: true,
  reason: null,
  entries: [],
};
const api = (extra: Partial<ApiAvailability> = {}): ApiAvailability => ({
  available: true,
  reason: null,
  via: 'node-kubectl',
  nodeRegistered: true,
  ...extra,
});
const input = (apiPods: ApiPodView[], a: ApiAvailability) => ({
  nodeName: 'controlplane',
  runtime: { available: true, reason: null },
  api: a,
  manifests: { ...manifests, readable: false },
  pods: joinPods([sandbox], [], apiPods),
  journal: [],
  crashes: {},
});

describe('findings from the facts', () => {
  it('a stale mirror: config.mirror differs from the running static UID', () => {
    const findings = collectFindings(input([mirror('ffffffffffffffffffffffffffffffff')], api()));
    const stale = findings.find((f) => f.kind === 'mirror-stale');
    expect(stale?.evidence).toEqual([
      'mirror kube-system/kube-scheduler-controlplane (uid 561612a9-7d4a-4093-a547-8a655db736df): kubernetes.io/config.mirror=ffffffffffffffffffffffffffffffff',
      `running sandbox: io.kubernetes.pod.uid=${UID}`,
    ]);
  });

  it("a stale mirror held by a finalizer: what holds it, the kubelet's failed create, the exact command to let it go", () => {
    const held: ApiPodView = {
      ...mirror('ffffffffffffffffffffffffffffffff'),
      deletionTimestamp: '2026-01-02T03:04:05Z',
      finalizers: ['example.com/hold'],
      labels: { team: 'blue' },
    };
    const failed =
      'E0102 03:04:06.123456    4242 kubelet.go:1915] "Failed creating a mirror pod for" err="pods \\"kube-scheduler-controlplane\\" already exists" pod="kube-system/kube-scheduler-controlplane"';
    const deleted =
      'I0102 03:04:06.123000    4242 kubelet.go:1913] "Deleted mirror pod because it is outdated" pod="kube-system/kube-scheduler-controlplane"';
    const refused =
      'E0102 03:00:00.000000    4242 kubelet.go:1915] "Failed creating a mirror pod for" err="Post \\"https://10.0.0.10:6443/api/v1/namespaces/kube-system/pods\\": dial tcp 10.0.0.10:6443: connect: connection refused" pod="kube-system/kube-scheduler-controlplane"';
    const findings = collectFindings({
      ...input([held], api()),
      journal: [refused, deleted, failed].map(parseKlogLine),
    });
    const stale = findings.find((f) => f.kind === 'mirror-stale');
    expect(stale?.evidence).toEqual([
      'mirror kube-system/kube-scheduler-controlplane (uid 561612a9-7d4a-4093-a547-8a655db736df): kubernetes.io/config.mirror=ffffffffffffffffffffffffffffffff, deletionTimestamp 2026-01-02T03:04:05Z, finalizers [example.com/hold]',
      `running sandbox: io.kubernetes.pod.uid=${UID}`,
      deleted,
      failed,
    ]);
    expect(stale?.explanation).toContain('the finalizer example.com/hold keeps the object');
    expect(stale?.nextStep).toContain(
      `kubectl patch pod -n kube-system kube-scheduler-controlplane --type=merge -p '{"metadata":{"finalizers":null}}'`,
    );
    // The label differs from the node's, but a mirror on its way out is not "changed through the API".
    expect(findings.map((f) => f.kind)).not.toContain('mirror-metadata-changed');
  });

  it("a mirror being deleted with the running pod's own hash is stale too; without a finalizer the kubelet replaces it", () => {
    const findings = collectFindings(
      input([{ ...mirror(UID), deletionTimestamp: '2026-01-02T03:04:05Z', labels: { team: 'blue' } }], api()),
    );
    expect(findings.map((f) => f.kind)).not.toContain('mirror-metadata-changed');
    expect(findings.map((f) => f.kind)).toContain('mirror-stale');
    const stale = findings.find((f) => f.kind === 'mirror-stale');
    expect(stale?.explanation).toMatch(
      /^The mirror pod is being deleted while its static pod runs\. Its deletion is under way \(deletionTimestamp 2026-01-02T03:04:05Z\)\./,
    );
    expect(stale?.nextStep).toMatch(/^Wait a few seconds/);
  });

  it('a missing mirror because the Node is not registered', () => {
    const missing = collectFindings(input([], api({ nodeRegistered: false }))).find(
      (f) => f.kind === 'mirror-missing',
    );
    expect(missing?.explanation).toContain('The API server has no Node "controlplane"');
    expect(missing?.evidence).toContain('kubectl get node controlplane: not found');
  });

  it('a missing mirror because the API server is down says why', () => {
    const reason =
      'The API server refused the connection (10.0.0.10:6443): it is down, so no mirror pods can be read.';
    const missing = collectFindings(input([], api({ available: false, reason, nodeRegistered: null }))).find(
      (f) => f.kind === 'mirror-missing',
    );
    expect(missing?.evidence).toContain(`kubectl: ${reason}`);
  });

  it('static pods disabled', () => {
    const f = collectFindings({
      ...input([mirror(UID)], api()),
      manifests: { ...manifests, path: null, disabled: true },
    });
    expect(f.map((x) => x.kind)).toEqual(['static-path-disabled']);
  });
});

describe('reading real kubeadm manifests as the kubelet does (first document, name, namespace)', () => {
  for (const [file, name] of [
    ['kubeadm-v1.32.2-etcd.yaml', 'etcd'],
    ['kubeadm-v1.32.2-kube-apiserver.yaml', 'kube-apiserver'],
    ['kubeadm-v1.32.2-kube-controller-manager.yaml', 'kube-controller-manager'],
    ['kubeadm-v1.32.2-kube-scheduler.yaml', 'kube-scheduler'],
    ['kubeadm-v1.24.0-kube-apiserver-unmodified.yaml', 'kube-apiserver'],
  ] as const) {
    it(file, () => {
      const identity = readManifestIdentity(readReal(file));
      expect(identity).toMatchObject({ podName: name, namespace: 'kube-system', problem: null });
      expect(identity.labels.tier).toBe('control-plane');
    });
  }

  it('a syntax error, a non-Pod kind and an empty file are problems', () => {
    expect(readManifestIdentity('apiVersion: v1\nkind: Pod\n  bad: [x').problem).toMatch(/^Not valid YAML/);
    expect(
      readManifestIdentity('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n').problem,
    ).toMatch(/not a Pod/);
    expect(readManifestIdentity('').problem).toMatch(/empty/);
  });
});
