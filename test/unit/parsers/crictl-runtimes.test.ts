/**
 * crictl output from the runtimes the set-ups use: containerd 1.7 and 2.x, and CRI-O. The
 * `info` of `inspect`/`inspectp` is each runtime's own (cri-o server/container_status.go
 * `createContainerInfo` {sandboxID, pid, runtimeSpec, privileged}, sandbox_status.go
 * {image, pid, runtimeSpec}; containerd's pkg/cri/server container_status.go and
 * sandbox_status.go), turned by crictl from a JSON string into an object
 * (cri-tools cmd/crictl/util.go `outputStatusData`, keys sorted from v1.31). CRI-O's image IDs
 * have no `sha256:` prefix (docs/kubelet.md §3.1). `crictl info` names the runtime's conditions
 * and handlers (its config: test/unit/parsers/crictl-info-runtimes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseCrictlInspect, parseCrictlInspectp } from '../../../src-main/node/cri/crictl-inspect';
import { parseCrictlInfo } from '../../../src-main/node/cri/crictl-runtime-info';

const CRIO_CONTAINER = JSON.stringify({
  info: {
    pid: 4321,
    privileged: false,
    runtimeSpec: { ociVersion: '1.0.2-dev', process: { args: ['etcd', '--data-dir=/var/lib/etcd'] } },
    sandboxID: 'b1c9f1e0c6f2d5a8e4b3a2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1',
  },
  status: {
    annotations: { 'io.kubernetes.container.restartCount': '2' },
    createdAt: '2024-06-11T08:15:02.123456789Z',
    exitCode: 0,
    finishedAt: '0001-01-01T00:00:00Z',
    id: 'd2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3',
    image: { image: 'registry.k8s.io/etcd:3.5.12-0' },
    imageId: '3861cfcd7c04ccac1f062788eca39487248527ef0c0cfd477a83d7691a75a899',
    imageRef: 'registry.k8s.io/etcd@sha256:44a8e24dcbba3470ee1fee21d5e88d128c936e9b55d4bc51fbef8086f8ed123b',
    labels: {
      'io.kubernetes.container.name': 'etcd',
      'io.kubernetes.pod.name': 'etcd-rhel-1',
      'io.kubernetes.pod.namespace': 'kube-system',
      'io.kubernetes.pod.uid': '9be8cb46d2b56a1c6e5e2a4f5c5fcb2a',
    },
    logPath: '/var/log/pods/kube-system_etcd-rhel-1_9be8cb46d2b56a1c6e5e2a4f5c5fcb2a/etcd/2.log',
    message: '',
    metadata: { attempt: 2, name: 'etcd' },
    mounts: [],
    reason: '',
    startedAt: '2024-06-11T08:15:02.223456789Z',
    state: 'CONTAINER_RUNNING',
  },
});

const CRIO_SANDBOX = JSON.stringify({
  info: { image: 'registry.k8s.io/pause:3.9', pid: 4100, runtimeSpec: { ociVersion: '1.0.2-dev' } },
  status: {
    annotations: { 'kubernetes.io/config.source': 'file' },
    createdAt: '2024-06-11T08:15:01.000000000Z',
    id: 'b1c9f1e0c6f2d5a8e4b3a2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1',
    labels: {
      'io.kubernetes.container.name': 'POD',
      'io.kubernetes.pod.uid': '9be8cb46d2b56a1c6e5e2a4f5c5fcb2a',
    },
    linux: { namespaces: { options: { ipc: 'POD', network: 'NODE', pid: 'CONTAINER' } } },
    metadata: {
      attempt: 0,
      name: 'etcd-rhel-1',
      namespace: 'kube-system',
      uid: '9be8cb46d2b56a1c6e5e2a4f5c5fcb2a',
    },
    network: { additionalIps: [], ip: '10.0.0.5' },
    runtimeHandler: '',
    state: 'SANDBOX_READY',
  },
});

// containerd 2.0's sandbox info (the CRI's podsandbox controller), keys sorted by crictl ≥ 1.31.
const CONTAINERD2_SANDBOX = JSON.stringify({
  info: {
    cniResult: null,
    config: { metadata: { name: 'kube-apiserver-node-1' } },
    image: 'registry.k8s.io/pause:3.10',
    netNamespaceClosed: false,
    pid: 2211,
    processStatus: 'running',
    runtimeHandler: '',
    runtimeOptions: { systemd_cgroup: true },
    runtimeSpec: { ociVersion: '1.2.0' },
    runtimeType: 'io.containerd.runc.v2',
    sandboxMode: 'podsandbox',
    snapshotKey: '5f0c1e2d',
    snapshotter: 'overlayfs',
  },
  status: {
    createdAt: '2024-06-11T10:15:01.000000000+02:00',
    id: 'c'.repeat(64),
    labels: {},
    annotations: {},
    linux: { namespaces: { options: { network: 'NODE' } } },
    metadata: { attempt: 1, name: 'kube-apiserver-node-1', namespace: 'kube-system', uid: 'e1f2' },
    network: { ip: '' },
    runtimeHandler: 'runc',
    state: 'SANDBOX_NOTREADY',
  },
});

describe('inspect and inspectp of each runtime', () => {
  it('CRI-O container: pid from its info, the log path, the untruncated image id', () => {
    const r = parseCrictlInspect(CRIO_CONTAINER);
    expect(r.ok && r.value[0]).toMatchObject({
      name: 'etcd',
      attempt: 2,
      state: 'running',
      pid: 4321,
      logPath: '/var/log/pods/kube-system_etcd-rhel-1_9be8cb46d2b56a1c6e5e2a4f5c5fcb2a/etcd/2.log',
      podUid: '9be8cb46d2b56a1c6e5e2a4f5c5fcb2a',
      finishedAt: null,
    });
  });

  it('CRI-O sandbox and containerd 2.x sandbox: pid, host network, runtime handler', () => {
    const crio = parseCrictlInspectp(CRIO_SANDBOX);
    expect(crio.ok && crio.value[0]).toMatchObject({
      pid: 4100,
      networkNamespaceMode: 'NODE',
      runtimeHandler: '',
      state: 'ready',
    });
    const containerd = parseCrictlInspectp(CONTAINERD2_SANDBOX);
    expect(containerd.ok && containerd.value[0]).toMatchObject({
      pid: 2211,
      runtimeHandler: 'runc',
      state: 'notready',
      attempt: 1,
      createdAtMs: Date.UTC(2024, 5, 11, 8, 15, 1),
    });
  });

  it('several ids at once (crictl ≥ 1.31 prints an array)', () => {
    const r = parseCrictlInspectp(`[${CRIO_SANDBOX},${CONTAINERD2_SANDBOX}]`);
    expect(r.ok && r.value.map((s) => s.pid)).toEqual([4100, 2211]);
  });
});

describe('crictl info', () => {
  it('reads conditions and the runtime handlers; a network not ready is said in words', () => {
    const info = parseCrictlInfo(
      JSON.stringify({
        cniconfig: { PluginDirs: ['/opt/cni/bin'] },
        config: {
          containerd: {
            defaultRuntimeName: 'runc',
            runtimes: { runc: { runtimeType: 'io.containerd.runc.v2' } },
          },
        },
        features: { supplemental_groups_policy: true },
        golang: 'go1.22.8',
        lastCNILoadStatus: 'cni config load failed: no network config found in /etc/cni/net.d',
        runtimeHandlers: [
          { features: { recursive_read_only_mounts: true, user_namespaces: true } },
          { name: 'runc', features: { recursive_read_only_mounts: true, user_namespaces: true } },
        ],
        status: {
          conditions: [
            { message: '', reason: '', status: true, type: 'RuntimeReady' },
            {
              message: 'Network plugin returns error: cni plugin not initialized',
              reason: 'NetworkPluginNotReady',
              status: false,
              type: 'NetworkReady',
            },
          ],
        },
      }),
    );
    expect(info.ok && { ...info.info, config: undefined }).toEqual({
      runtime: 'containerd',
      config: undefined,
      conditions: [
        { type: 'RuntimeReady', status: true, reason: '', message: '' },
        {
          type: 'NetworkReady',
          status: false,
          reason: 'NetworkPluginNotReady',
          message: 'Network plugin returns error: cni plugin not initialized',
        },
      ],
      runtimeHandlers: ['', 'runc'],
      notReady: [
        'NetworkReady: NetworkPluginNotReady (Network plugin returns error: cni plugin not initialized)',
      ],
    });
    expect(parseCrictlInfo('not json').ok).toBe(false);
    expect(parseCrictlInfo('[]')).toEqual({ ok: false, error: 'not a JSON object' });
  });
});
