/** The Pods table's two sides of one row, as the tools print them (docs/kubelet.md §3.2, §4.2). */
import { describe, expect, it } from 'vitest';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { summarizePod } from '../../../src-main/contract/domain/node-pods-summary';
import type { ApiPodView, ContainerStatusView } from '../../../src-main/contract/domain/pods';

const status = (ready: boolean): ContainerStatusView => ({
  name: 'kube-scheduler',
  init: false,
  ready,
  started: ready,
  restartCount: 0,
  image: 'registry.k8s.io/kube-scheduler:v1.32.2',
  imageId: '',
  state: ready
    ? { state: 'running', startedAt: null }
    : { state: 'waiting', reason: 'ContainerCreating', message: null },
  lastState: { state: 'unknown' },
  runtime: ready ? 'containerd' : null,
  containerId: ready ? 'containerd://57d5d2282719b6ddaed9c9f5492758bfa91179c5e02e1c777c932f4dc01a8042' : null,
});

function mirror(statuses: ContainerStatusView[]): ApiPodView {
  return {
    name: 'kube-scheduler-controlplane',
    namespace: 'kube-system',
    uid: '561612a9-7d4a-4093-a547-8a655db736df',
    node: 'controlplane',
    phase: statuses.length ? 'Running' : 'Pending',
    creationTimestamp: null,
    deletionTimestamp: null,
    finalizers: [],
    labels: {},
    annotations: {},
    config: { hash: null, mirror: null, source: 'file', seen: null },
    ownerReferences: [],
    kind: 'mirror',
    hostNetwork: true,
    specContainerCount: 1,
    hostIP: null,
    podIP: null,
    containerStatuses: statuses,
    conditions: [],
  };
}

const row = (api: ApiPodView): JoinedPod => ({
  uid: 'u',
  name: api.name,
  namespace: api.namespace,
  origin: 'static',
  sandboxes: [],
  containers: [],
  apiPod: api,
  mirrorStale: false,
  manifestPaths: [],
});

describe('summarizePod: the kubectl side', () => {
  it('counts READY over the spec containers, as kubectl does: a new mirror without statuses is 0/1 Pending (§2.4)', () => {
    expect(summarizePod(row(mirror([]))).api).toMatchObject({ state: 'Pending', ready: '0/1' });
  });

  it('a running mirror is 1/1', () => {
    expect(summarizePod(row(mirror([status(true)]))).api).toMatchObject({ state: 'Running', ready: '1/1' });
  });
});
