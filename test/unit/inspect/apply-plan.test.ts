import { describe, expect, it } from 'vitest';
import type { CriSandbox } from '../../../src-main/contract/domain/cri';
import type { JoinedPod } from '../../../src-main/contract/domain/node-pods';
import { planApply } from '../../../src-main/inspect/apply-plan';

// What the one apply (manifests.apply) watches: the kubelet names a static pod
// `<metadata.name>-<node name lower-cased>` (pkg/kubelet/config/common.go generatePodName,
// docs/kubelet.md §1.4); a pod known only from its file (join-pods' `file:<path>` placeholder)
// never ran, so there is no previous UID to wait on.
const OLD = 'a'.repeat(32);
const OTHER = 'c'.repeat(32);

function sandbox(uid: string, state: CriSandbox['state']): CriSandbox {
  return {
    id: `${uid.slice(0, 4)}-sb`,
    name: 'x',
    namespace: 'kube-system',
    uid,
    attempt: 0,
    state,
    createdAtNs: null,
    createdAtMs: 1,
    labels: {},
    annotations: {},
    runtimeHandler: '',
    configHash: uid,
  };
}

function pod(uid: string, name: string, sandboxes: CriSandbox[] = [], namespace = 'kube-system'): JoinedPod {
  return {
    uid,
    name,
    namespace,
    origin: 'static',
    sandboxes,
    containers: [],
    apiPod: null,
    mirrorStale: false,
    manifestPaths: [],
  };
}

const scheduler = { metadataName: 'kube-scheduler', namespace: 'kube-system' };

describe('planApply', () => {
  it('names the pod with the node name lower-cased, as the kubelet does', () => {
    const plan = planApply({ pod: scheduler, previous: scheduler, nodeName: 'CP-1', pods: [] });
    expect(plan.podName).toBe('kube-scheduler-cp-1');
    expect(plan.namespace).toBe('kube-system');
  });

  it('finds the running instance under the lower-cased name', () => {
    const pods = [pod(OLD, 'kube-scheduler-cp-1', [sandbox(OLD, 'ready')])];
    expect(planApply({ pod: scheduler, previous: scheduler, nodeName: 'CP-1', pods }).previousUid).toBe(OLD);
  });

  it('a pod that never started (known only from its file) has no previous UID', () => {
    const pods = [pod('file:/etc/kubernetes/manifests/kube-scheduler.yaml', 'kube-scheduler-cp1')];
    const plan = planApply({ pod: scheduler, previous: scheduler, nodeName: 'cp1', pods });
    expect(plan.previousUid).toBeNull();
    expect(plan.replaced).toBeNull();
  });

  it('prefers the instance with a ready sandbox over an older stopped one', () => {
    const pods = [
      pod(OTHER, 'kube-scheduler-cp1', [sandbox(OTHER, 'notready')]),
      pod(OLD, 'kube-scheduler-cp1', [sandbox(OLD, 'ready')]),
    ];
    expect(planApply({ pod: scheduler, previous: scheduler, nodeName: 'cp1', pods }).previousUid).toBe(OLD);
  });

  it("a renamed pod: the file's old pod is what the kubelet stops; the new name has no previous UID", () => {
    const pods = [pod(OLD, 'kube-scheduler-cp1', [sandbox(OLD, 'ready')])];
    const plan = planApply({
      pod: { metadataName: 'scheduler-two', namespace: 'kube-system' },
      previous: scheduler,
      nodeName: 'cp1',
      pods,
    });
    expect(plan.podName).toBe('scheduler-two-cp1');
    expect(plan.previousUid).toBeNull();
    expect(plan.replaced).toEqual({ podName: 'kube-scheduler-cp1', namespace: 'kube-system', uid: OLD });
  });

  it('a pod of the same name in another namespace is not this pod', () => {
    const pods = [pod(OLD, 'kube-scheduler-cp1', [sandbox(OLD, 'ready')], 'default')];
    expect(planApply({ pod: scheduler, previous: null, nodeName: 'cp1', pods }).previousUid).toBeNull();
  });

  it('without a snapshot the watch starts from nothing', () => {
    expect(planApply({ pod: scheduler, previous: scheduler, nodeName: 'cp1', pods: null })).toEqual({
      podName: 'kube-scheduler-cp1',
      namespace: 'kube-system',
      previousUid: null,
      replaced: null,
    });
  });
});
