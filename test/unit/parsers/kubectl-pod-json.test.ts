/** kubectl pod JSON on the real mirror pod and the kubelet/API excerpts (docs/kubelet.md §4.1). */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseKubectlPodList } from '../../../src-main/node/api/kubectl-pod-json';
import { classifyPod } from '../../../src-main/node/api/pod-kind';
import { readReal, section } from './fixtures';

const STATIC_UID = '23ace3c8b1dea5b6d6b30e6bcbb810a7';
const CONTAINER_ID = '57d5d2282719b6ddaed9c9f5492758bfa91179c5e02e1c777c932f4dc01a8042';

/** The real object was saved as YAML by `kubectl edit`; `-o json` carries the same data. */
const mirrorPodJson = JSON.stringify(parseYaml(readReal('kubectl-mirror-pod-kube-scheduler-v1.29.yaml')));

describe('parseKubectlPodList: real mirror pod kube-scheduler-controlplane (v1.29)', () => {
  const r = parseKubectlPodList(mirrorPodJson);
  const pod = r.ok ? r.value[0]! : undefined;

  it('reads identity, node, phase and IPs', () => {
    expect(r.ok && r.value).toHaveLength(1);
    expect(pod).toMatchObject({
      name: 'kube-scheduler-controlplane',
      namespace: 'kube-system',
      uid: '561612a9-7d4a-4093-a547-8a655db736df',
      node: 'controlplane',
      phase: 'Running',
      creationTimestamp: '2024-05-30T01:23:44Z',
      deletionTimestamp: null,
      finalizers: [],
      hostNetwork: true,
      specContainerCount: 1,
      hostIP: '192.2.239.6',
      podIP: '192.2.239.6',
      labels: { component: 'kube-scheduler', tier: 'control-plane' },
      kind: 'mirror',
    });
  });

  it('reads the kubelet config annotations: mirror == hash == static UID (§0)', () => {
    expect(pod?.config).toEqual({
      hash: STATIC_UID,
      mirror: STATIC_UID,
      source: 'file',
      seen: '2024-05-30T01:23:32.875874677Z',
    });
  });

  it('reads the Node owner reference', () => {
    expect(pod?.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Node',
        name: 'controlplane',
        uid: '7d820f6b-95c3-43cc-a023-388ab286daf0',
        controller: true,
      },
    ]);
  });

  it('reads the crash-looping container status with its last termination', () => {
    expect(pod?.containerStatuses).toEqual([
      {
        name: 'kube-scheduler',
        init: false,
        ready: false,
        started: false,
        restartCount: 4,
        image: 'registry.k8s.io/kube-scheduler:v1.29.0',
        imageId:
          'registry.k8s.io/kube-scheduler@sha256:5df310234e4f9463b15d166778d697830a51c0037ff28a1759daaad2d3cde991',
        state: {
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          message: `back-off 1m20s restarting failed container=kube-scheduler pod=kube-scheduler-controlplane_kube-system(${STATIC_UID})`,
        },
        lastState: {
          state: 'terminated',
          reason: 'StartError',
          message:
            'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "kube-schedulerrrr": executable file not found in $PATH: unknown',
          exitCode: 128,
          signal: null,
          startedAt: null,
          finishedAt: '2024-05-30T01:25:25Z',
          runtime: 'containerd',
          containerId: CONTAINER_ID,
        },
        runtime: 'containerd',
        containerId: CONTAINER_ID,
      },
    ]);
  });

  it('reads the five conditions', () => {
    expect(pod?.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['PodReadyToStartContainers', 'True', null],
      ['Initialized', 'True', null],
      ['Ready', 'False', 'ContainersNotReady'],
      ['ContainersReady', 'False', 'ContainersNotReady'],
      ['PodScheduled', 'True', null],
    ]);
    expect(pod?.conditions[2]!.message).toBe('containers with unready status: [kube-scheduler]');
  });

  it('reads the same pod wrapped in a List', () => {
    const list = `{"apiVersion":"v1","kind":"List","items":[${mirrorPodJson}],"metadata":{"resourceVersion":""}}`;
    expect(parseKubectlPodList(list)).toEqual(r);
  });
});

describe('parseKubectlPodList: real JSON excerpts (truncated)', () => {
  it("(1) the kubelet's own PodList: uid == config.hash, no mirror → static", () => {
    const r = parseKubectlPodList(section('kubectl-static-pod-json-excerpts.txt', 1).join('\n'));
    expect(r.ok && r.truncated).toBe(true);
    expect(r.ok && r.value).toHaveLength(1);
    expect(r.ok && r.value[0]).toMatchObject({
      name: 'mypod-127.0.0.1',
      namespace: 'default',
      uid: '7c0663d52f9e8c61c7a733304c23b60f',
      creationTimestamp: null,
      config: {
        hash: '7c0663d52f9e8c61c7a733304c23b60f',
        mirror: null,
        source: 'file',
        seen: '2021-08-29T01:50:33.334534656Z',
      },
      ownerReferences: [],
      kind: 'static',
      phase: null,
      containerStatuses: [],
    });
  });

  it("(2) the API server's mirror of kube-apiserver (2020, pre-ownerReference order) → mirror", () => {
    const r = parseKubectlPodList(section('kubectl-static-pod-json-excerpts.txt', 2).join('\n'));
    expect(r.ok && r.value[0]).toMatchObject({
      name: '',
      uid: '',
      creationTimestamp: '2020-08-08T22:50:07Z',
      labels: { component: 'kube-apiserver', tier: 'control-plane' },
      config: {
        hash: '23a8b14b3552feacc12ae8f94ab13196',
        mirror: '23a8b14b3552feacc12ae8f94ab13196',
        source: 'file',
        seen: '2020-08-08T22:50:06.758522254Z',
      },
      kind: 'mirror',
    });
    expect(
      r.ok && r.value[0]!.annotations['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint'],
    ).toBe('192.168.7.50:6443');
  });

  it('reads a mirror held by a finalizer while being deleted (docs/kubelet.md §2.2); ignores non-string entries', () => {
    const held = JSON.parse(mirrorPodJson) as { metadata: Record<string, unknown> };
    held.metadata = {
      ...held.metadata,
      deletionTimestamp: '2026-01-02T03:04:05Z',
      deletionGracePeriodSeconds: 0,
      finalizers: ['example.com/hold', 7],
    };
    const r = parseKubectlPodList(JSON.stringify(held));
    expect(r.ok && r.value[0]).toMatchObject({
      deletionTimestamp: '2026-01-02T03:04:05Z',
      finalizers: ['example.com/hold'],
      kind: 'mirror',
    });
  });

  it('fails cleanly on non-JSON', () => {
    expect(parseKubectlPodList('No resources found in default namespace.')).toMatchObject({ ok: false });
    expect(parseKubectlPodList('')).toMatchObject({ ok: false, error: 'empty output' });
  });

  it('skips non-Pod items of `kubectl get all -o json`', () => {
    const r = parseKubectlPodList(
      '{"kind":"List","items":[{"kind":"Service","metadata":{"name":"s"}},{"kind":"Pod","metadata":{"name":"p","namespace":"n","uid":"u"}}]}',
    );
    expect(r.ok && r.value.map((p) => [p.name, p.kind])).toEqual([['p', 'plain']]);
    expect(r.issues).toEqual([{ message: 'items[0] is a Service; skipped' }]);
  });
});

describe('classifyPod', () => {
  const base = { uid: 'u', labels: {}, annotations: {}, ownerReferences: [] };
  const owner = (kind: string) => [{ apiVersion: 'apps/v1', kind, name: 'x', uid: 'o', controller: true }];
  it.each([
    ['no owner (kubectl apply of a manifest)', base, 'plain'],
    [
      'mirror annotation without owner (pre-1.17)',
      { ...base, annotations: { 'kubernetes.io/config.mirror': 'h' } },
      'mirror',
    ],
    ['owned by a Node', { ...base, ownerReferences: owner('Node') }, 'mirror'],
    ['DaemonSet', { ...base, ownerReferences: owner('DaemonSet') }, 'daemonset'],
    [
      'ReplicaSet of a Deployment',
      { ...base, labels: { 'pod-template-hash': '5646649cc9' }, ownerReferences: owner('ReplicaSet') },
      'deployment',
    ],
    ['bare ReplicaSet', { ...base, ownerReferences: owner('ReplicaSet') }, 'replicaset'],
    ['StatefulSet', { ...base, ownerReferences: owner('StatefulSet') }, 'statefulset'],
    ['Job', { ...base, ownerReferences: owner('Job') }, 'job'],
    ['another controller', { ...base, ownerReferences: owner('VirtualMachineInstance') }, 'controlled'],
    [
      'kubelet view (uid == hash)',
      { ...base, uid: 'h', annotations: { 'kubernetes.io/config.hash': 'h' } },
      'static',
    ],
  ] as const)('%s', (_name, pod, kind) => {
    expect(classifyPod(pod)).toBe(kind);
  });
});
