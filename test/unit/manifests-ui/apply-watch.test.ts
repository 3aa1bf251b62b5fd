import { describe, expect, it } from 'vitest';
import type { CriContainer, CriSandbox } from '../../../src-main/contract/domain/cri';
import type { JoinedPod, NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import type { ApiPodView } from '../../../src-main/contract/domain/pods';
import { ApplyWatchTracker } from '../../../src-main/inspect/apply-watch';

// The judgement of apply-and-watch on synthetic snapshots (docs/kubelet.md §1.7, §2.2).
const OLD = 'a'.repeat(32);
const NEW = 'b'.repeat(32);
const NAME = 'kube-scheduler-controlplane';

function sandbox(uid: string, state: CriSandbox['state'], createdAtMs: number): CriSandbox {
  return {
    id: `${uid.slice(0, 4)}-sb-${createdAtMs}`,
    name: NAME,
    namespace: 'kube-system',
    uid,
    attempt: 0,
    state,
    createdAtNs: null,
    createdAtMs,
    labels: {},
    annotations: {},
    runtimeHandler: '',
    configHash: uid,
  };
}

function container(sb: CriSandbox, state: CriContainer['state'], attempt = 0): CriContainer {
  return {
    id: `${sb.id}-c${attempt}`,
    podSandboxId: sb.id,
    name: 'kube-scheduler',
    attempt,
    image: '',
    imageRef: '',
    imageId: '',
    state,
    createdAtNs: null,
    createdAtMs: sb.createdAtMs,
    labels: {},
    annotations: {},
    podName: NAME,
    podNamespace: 'kube-system',
    podUid: sb.uid,
  };
}

function mirror(uid: string, ready: boolean): ApiPodView {
  return {
    name: NAME,
    namespace: 'kube-system',
    uid: 'e72cfa5e-e072-48a1-b3ef-a513b9eed19d',
    node: 'controlplane',
    phase: 'Running',
    creationTimestamp: null,
    deletionTimestamp: null,
    finalizers: [],
    labels: {},
    annotations: {},
    config: { hash: uid, mirror: uid, source: 'file', seen: null },
    ownerReferences: [],
    kind: 'mirror',
    hostNetwork: true,
    specContainerCount: 1,
    hostIP: null,
    podIP: null,
    containerStatuses: [],
    conditions: [
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        reason: null,
        message: null,
        lastTransitionTime: null,
      },
    ],
  };
}

function pod(
  uid: string,
  sandboxes: CriSandbox[],
  containers: CriContainer[],
  apiPod: ApiPodView | null = null,
): JoinedPod {
  return {
    uid,
    name: NAME,
    namespace: 'kube-system',
    origin: 'static',
    sandboxes,
    containers,
    apiPod,
    mirrorStale: false,
    manifestPaths: [],
  };
}

function snapshot(pods: JoinedPod[], apiUp = true): NodePodsSnapshot {
  return {
    takenAt: 0,
    nodeName: 'controlplane',
    runtime: { available: true, reason: null },
    api: { available: apiUp, reason: apiUp ? null : 'The API server refused the connection' },
    pods,
  } as NodePodsSnapshot;
}

const stateOf = (steps: { id: string; state: string }[], id: string) => steps.find((s) => s.id === id)?.state;

describe('ApplyWatchTracker', () => {
  it('follows an edit step by step to "running" once the new mirror pod is Ready', () => {
    const tracker = new ApplyWatchTracker({ podName: NAME, namespace: 'kube-system', previousUid: OLD });
    const oldSb = sandbox(OLD, 'ready', 1);
    let a = tracker.observe(
      snapshot([pod(OLD, [oldSb], [container(oldSb, 'running')], mirror(OLD, true))]),
      100,
    );
    expect(a.newUid).toBeNull();
    expect(stateOf(a.steps, 'picked-up')).toBe('pending');

    const newSb = sandbox(NEW, 'ready', 2);
    const stopped = pod(
      OLD,
      [{ ...oldSb, state: 'notready' }],
      [container(oldSb, 'exited')],
      mirror(OLD, true),
    );
    a = tracker.observe(snapshot([stopped, pod(NEW, [newSb], [container(newSb, 'running')])]), 1_000);
    expect(a.newUid).toBe(NEW);
    expect(a.outcome).toBeNull();
    for (const step of ['picked-up', 'old-stopped', 'sandbox-started', 'containers-started'])
      expect(stateOf(a.steps, step)).toBe('done');
    expect(stateOf(a.steps, 'mirror-replaced')).toBe('pending');

    a = tracker.observe(
      snapshot([pod(NEW, [newSb], [container(newSb, 'running')], mirror(NEW, false))]),
      2_000,
    );
    expect(stateOf(a.steps, 'mirror-replaced')).toBe('done');
    expect(a.outcome).toBeNull();
    a = tracker.observe(
      snapshot([pod(NEW, [newSb], [container(newSb, 'running')], mirror(NEW, true))]),
      3_000,
    );
    expect(a.outcome).toEqual({ kind: 'running', uid: NEW });
    expect(stateOf(a.steps, 'ready')).toBe('done');
  });

  it('calls a container that keeps exiting crash-looping, naming it', () => {
    const tracker = new ApplyWatchTracker({ podName: NAME, namespace: 'kube-system', previousUid: OLD });
    const sb = sandbox(NEW, 'ready', 2);
    expect(tracker.observe(snapshot([pod(NEW, [sb], [container(sb, 'exited')])]), 1_000).outcome).toBeNull();
    const a = tracker.observe(
      snapshot([pod(NEW, [sb], [container(sb, 'exited', 1), container(sb, 'exited')])]),
      1_500,
    );
    expect(a.outcome?.kind).toBe('crash-looping');
    expect(a.outcome?.kind === 'crash-looping' && a.outcome.container.attempt).toBe(1);
    expect(stateOf(a.steps, 'containers-started')).toBe('failed');
  });

  it('a container that stays exited (no restart yet) is crash-looping after a while, not at once', () => {
    const tracker = new ApplyWatchTracker({ podName: NAME, namespace: 'kube-system', previousUid: OLD });
    const sb = sandbox(NEW, 'ready', 2);
    const snap = snapshot([pod(NEW, [sb], [container(sb, 'exited')])]);
    expect(tracker.observe(snap, 1_000).outcome).toBeNull();
    expect(tracker.observe(snap, 2_000).outcome).toBeNull();
    expect(tracker.observe(snap, 3_100).outcome?.kind).toBe('crash-looping');
  });

  it('without an API server, containers that keep running count as ready (the runtime view suffices)', () => {
    const tracker = new ApplyWatchTracker({ podName: NAME, namespace: 'kube-system', previousUid: null });
    const sb = sandbox(NEW, 'ready', 2);
    const snap = snapshot([pod(NEW, [sb], [container(sb, 'running')])], false);
    const first = tracker.observe(snap, 1_000);
    expect(stateOf(first.steps, 'old-stopped')).toBe('skipped');
    expect(first.steps.find((s) => s.id === 'mirror-replaced')?.detail).toMatch(/API server/);
    expect(first.outcome).toBeNull();
    expect(tracker.observe(snap, 6_500).outcome).toEqual({ kind: 'running', uid: NEW });
  });

  it('ignores other pods and an unchanged hash (comments-only edits keep the UID, §1.7)', () => {
    const tracker = new ApplyWatchTracker({ podName: NAME, namespace: 'kube-system', previousUid: OLD });
    const sb = sandbox(OLD, 'ready', 1);
    const other = { ...pod(NEW, [sandbox(NEW, 'ready', 3)], []), name: 'etcd-controlplane' };
    const a = tracker.observe(
      snapshot([pod(OLD, [sb], [container(sb, 'running')], mirror(OLD, true)), other]),
      5_000,
    );
    expect(a.newUid).toBeNull();
    expect(tracker.failPending('not picked up', 6_000).every((s) => s.state === 'failed')).toBe(true);
  });
});

describe('ApplyWatchTracker: renamed pods and removed files', () => {
  it('a renamed pod: the old name stops, the new name runs', () => {
    const RENAMED = 'kube-scheduler-two-controlplane';
    const tracker = new ApplyWatchTracker({
      podName: RENAMED,
      namespace: 'kube-system',
      previousUid: null,
      replaced: { podName: NAME, namespace: 'kube-system', uid: OLD },
    });
    const oldSb = sandbox(OLD, 'ready', 1);
    let a = tracker.observe(
      snapshot([pod(OLD, [oldSb], [container(oldSb, 'running')], mirror(OLD, true))]),
      100,
    );
    expect(stateOf(a.steps, 'old-stopped')).toBe('pending');
    const newSb = { ...sandbox(NEW, 'ready', 5), name: RENAMED };
    const renamedMirror = { ...mirror(NEW, true), name: RENAMED };
    a = tracker.observe(
      snapshot([{ ...pod(NEW, [newSb], [container(newSb, 'running')], renamedMirror), name: RENAMED }]),
      2_000,
    );
    expect(stateOf(a.steps, 'old-stopped')).toBe('done');
    expect(a.outcome).toEqual({ kind: 'running', uid: NEW });
  });

  it('a removed file: done once the pod is gone and its mirror deleted', () => {
    const tracker = new ApplyWatchTracker({
      podName: NAME,
      namespace: 'kube-system',
      previousUid: OLD,
      removal: true,
    });
    const oldSb = sandbox(OLD, 'ready', 1);
    let a = tracker.observe(
      snapshot([pod(OLD, [oldSb], [container(oldSb, 'running')], mirror(OLD, true))]),
      100,
    );
    expect(a.outcome).toBeNull();
    expect(stateOf(a.steps, 'picked-up')).toBe('skipped');
    // Stopped, mirror still there: not yet.
    a = tracker.observe(snapshot([pod(OLD, [sandbox(OLD, 'notready', 1)], [], mirror(OLD, true))]), 1_000);
    expect(a.outcome).toBeNull();
    a = tracker.observe(snapshot([]), 2_000);
    expect(a.outcome).toEqual({ kind: 'removed', uid: OLD });
    expect(stateOf(a.steps, 'mirror-replaced')).toBe('done');
  });
});
