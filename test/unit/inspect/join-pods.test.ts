import { describe, expect, it } from 'vitest';
import type { CriContainer, CriSandbox } from '../../../src-main/contract/domain/cri';
import type { ApiPodView } from '../../../src-main/contract/domain/pods';
import { joinPods } from '../../../src-main/inspect/join-pods';

// The real correlation keys of docs/kubelet.md §0: the mirror's config.mirror = the sandbox's
// uid (static UID); the mirror's own uid is a different, API-assigned UUID.
const STATIC_UID = '23ace3c8b1dea5b6d6b30e6bcbb810a7';
const MIRROR_UID = '561612a9-7d4a-4093-a547-8a655db736df';

function sandbox(id: string, uid: string, createdAtMs: number, extra: Partial<CriSandbox> = {}): CriSandbox {
  return {
    id,
    name: 'kube-scheduler-controlplane',
    namespace: 'kube-system',
    uid,
    attempt: 0,
    state: 'ready',
    createdAtNs: `${createdAtMs}000000`,
    createdAtMs,
    labels: { 'io.kubernetes.pod.uid': uid },
    annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': uid },
    runtimeHandler: '',
    configHash: uid,
    ...extra,
  };
}

function container(
  id: string,
  sandboxId: string,
  uid: string,
  createdAtMs: number,
  state: CriContainer['state'],
): CriContainer {
  return {
    id,
    podSandboxId: sandboxId,
    name: 'kube-scheduler',
    attempt: 0,
    image: 'sha256:x',
    imageRef: '',
    imageId: '',
    state,
    createdAtNs: null,
    createdAtMs,
    labels: {},
    annotations: {},
    podName: 'kube-scheduler-controlplane',
    podNamespace: 'kube-system',
    podUid: uid,
  };
}

function apiPod(extra: Partial<ApiPodView>): ApiPodView {
  return {
    name: 'kube-scheduler-controlplane',
    namespace: 'kube-system',
    uid: MIRROR_UID,
    node: 'controlplane',
    phase: 'Running',
    creationTimestamp: null,
    deletionTimestamp: null,
    finalizers: [],
    labels: {},
    annotations: {},
    config: { hash: STATIC_UID, mirror: STATIC_UID, source: 'file', seen: '2024-05-30T01:23:32.875874677Z' },
    ownerReferences: [],
    kind: 'mirror',
    hostNetwork: true,
    specContainerCount: 1,
    hostIP: null,
    podIP: null,
    containerStatuses: [],
    conditions: [],
    ...extra,
  };
}

describe('joining crictl and kubectl on the static UID', () => {
  it('links a mirror pod to its sandbox and containers by config.mirror, not by its own uid', () => {
    const rows = joinPods(
      [sandbox('s1', STATIC_UID, 100)],
      [container('c1', 's1', STATIC_UID, 110, 'running')],
      [apiPod({})],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ uid: STATIC_UID, origin: 'static', apiPod: { uid: MIRROR_UID } });
    expect(rows[0]?.containers.map((c) => c.id)).toEqual(['c1']);
  });

  it('keeps sandboxes and containers newest first, and a pod seen only by the runtime', () => {
    const rows = joinPods(
      [sandbox('old', STATIC_UID, 100, { state: 'notready' }), sandbox('new', STATIC_UID, 200)],
      [
        container('c-old', 'old', STATIC_UID, 101, 'exited'),
        container('c-new', 'new', STATIC_UID, 201, 'running'),
      ],
      [],
    );
    expect(rows[0]?.sandboxes.map((s) => s.id)).toEqual(['new', 'old']);
    expect(rows[0]?.containers.map((c) => c.id)).toEqual(['c-new', 'c-old']);
    expect(rows[0]?.apiPod).toBeNull();
  });

  it('shows a mirror whose config.mirror differs (stale hash) on the running static pod, flagged stale', () => {
    const rows = joinPods(
      [sandbox('s1', STATIC_UID, 100)],
      [],
      [apiPod({ config: { hash: 'ffff', mirror: 'ffff', source: 'file', seen: null } })],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ uid: STATIC_UID, mirrorStale: true, apiPod: { uid: MIRROR_UID } });
  });

  it('does not take a stale mirror onto a pod that has its own mirror', () => {
    const rows = joinPods(
      [sandbox('s1', STATIC_UID, 100)],
      [],
      [
        apiPod({}),
        apiPod({ uid: 'other', config: { hash: 'ffff', mirror: 'ffff', source: 'file', seen: null } }),
      ],
    );
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.uid === STATIC_UID)).toMatchObject({
      mirrorStale: false,
      apiPod: { uid: MIRROR_UID },
    });
  });

  it('after an edit, takes the old mirror onto the running pod even while the old stopped sandbox is still listed', () => {
    const OLD = 'ffffffffffffffffffffffffffffffff';
    const rows = joinPods(
      [sandbox('old', OLD, 100, { state: 'notready' }), sandbox('new', STATIC_UID, 200)],
      [container('c-old', 'old', OLD, 101, 'exited'), container('c-new', 'new', STATIC_UID, 201, 'running')],
      [apiPod({ config: { hash: OLD, mirror: OLD, source: 'file', seen: null } })],
    );
    expect(rows.find((r) => r.uid === STATIC_UID)).toMatchObject({
      mirrorStale: true,
      apiPod: { uid: MIRROR_UID, config: { mirror: OLD } },
    });
    expect(rows.find((r) => r.uid === OLD)).toMatchObject({
      apiPod: null,
      mirrorStale: false,
      sandboxes: [{ id: 'old' }],
    });
  });

  it("a mirror being deleted (held by a finalizer, §2.2) is the running pod's stale mirror, with or without a hash change", () => {
    const deleting = { deletionTimestamp: '2026-01-02T03:04:05Z', finalizers: ['example.com/hold'] };
    const same = joinPods(
      [sandbox('s1', STATIC_UID, 100)],
      [container('c1', 's1', STATIC_UID, 110, 'running')],
      [apiPod(deleting)],
    );
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({
      uid: STATIC_UID,
      mirrorStale: true,
      apiPod: { uid: MIRROR_UID, deletionTimestamp: '2026-01-02T03:04:05Z' },
    });
    const edited = joinPods(
      [sandbox('s1', STATIC_UID, 100)],
      [],
      [apiPod({ ...deleting, config: { hash: 'ffff', mirror: 'ffff', source: 'file', seen: null } })],
    );
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatchObject({
      uid: STATIC_UID,
      mirrorStale: true,
      apiPod: { finalizers: ['example.com/hold'] },
    });
    // An orphan held by a finalizer (no running pod of that name) is not called stale.
    const orphan = joinPods([], [], [apiPod(deleting)]);
    expect(orphan[0]).toMatchObject({ mirrorStale: false, apiPod: { uid: MIRROR_UID } });
  });

  it('joins an ordinary pod on its API uid and lists static pods first', () => {
    const plainUid = 'ba268470-6b27-4727-b17c-54a24998932c';
    const rows = joinPods(
      [
        sandbox('s2', plainUid, 50, { name: 'coredns-abc', annotations: {}, configHash: null }),
        sandbox('s1', STATIC_UID, 100),
      ],
      [],
      [
        apiPod({
          name: 'coredns-abc',
          uid: plainUid,
          kind: 'deployment',
          config: { hash: null, mirror: null, source: null, seen: null },
        }),
        apiPod({}),
      ],
    );
    expect(rows.map((r) => [r.name, r.origin])).toEqual([
      ['kube-scheduler-controlplane', 'static'],
      ['coredns-abc', 'api'],
    ]);
    expect(rows[1]?.sandboxes.map((s) => s.id)).toEqual(['s2']);
  });
});
