/**
 * The node timeline's events from what the core observes: successive pods snapshots (built from
 * crictl ≥1.31 protojson, docs/kubelet.md §3.3, through the app's own parser and join), manifest
 * saves and listings, and the kubelet log's rows.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../../src-main/contract/domain/manifests';
import type { NodePodsSnapshot } from '../../../src-main/contract/domain/node-pods';
import { joinPods } from '../../../src-main/inspect/join-pods';
import {
  logVolume,
  type RowsNewestFirst,
  type VolumeSeverity,
} from '../../../src-main/inspect/timeline/log-volume';
import { modifiedEvents, savedEvent, verdictEvent } from '../../../src-main/inspect/timeline/manifest-events';
import { podChanges, podStatesOf } from '../../../src-main/inspect/timeline/pod-changes';
import { TimelineRecorder } from '../../../src-main/inspect/timeline/timeline-recorder';
import { parseCrictlContainersJson, parseCrictlPodsJson } from '../../../src-main/node/cri/crictl-list-json';

// Static UIDs are config hashes (32 hex, docs/kubelet.md §0); sandbox and container ids 64 hex.
const UID_1 = '23ace3c8b1dea5b6d6b30e6bcbb810a7';
const UID_2 = '9f0c81d2e07b4a6e5c3d2b1a09f8e7d6';
const SANDBOX_A = 'a1a964ab46b50f3d8d503ddcf93c8076a9c554ba229614d2c70e736e4790dca1';
const SANDBOX_B = 'b7c2e4d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3';
const CONTAINER_0 = '57d5d2282719b6ddaed9c9f5492758bfa91179c5e02e1c777c932f4dc01a8042';
const CONTAINER_1 = '6e1f3a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

const T0 = Date.UTC(2026, 11, 3, 17, 40, 0);

interface SandboxSpec {
  id: string;
  uid: string;
  attempt?: number;
  createdAtMs: number | null;
  state?: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
}
interface ContainerSpec {
  id: string;
  sandbox: string;
  uid: string;
  attempt: number;
  createdAtMs: number | null;
  state?: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
}

/** `crictl pods -o json` as crictl ≥1.31 prints it (createdAt: int64 ns, quoted). */
function crictlPods(sandboxes: SandboxSpec[]): string {
  return JSON.stringify({
    items: sandboxes.map((s) => ({
      id: s.id,
      metadata: {
        name: 'kube-apiserver-controlplane',
        uid: s.uid,
        namespace: 'kube-system',
        attempt: s.attempt ?? 0,
      },
      state: s.state ?? 'SANDBOX_READY',
      ...(s.createdAtMs === null ? {} : { createdAt: `${s.createdAtMs}000000` }),
      labels: {
        component: 'kube-apiserver',
        'io.kubernetes.pod.name': 'kube-apiserver-controlplane',
        'io.kubernetes.pod.namespace': 'kube-system',
        'io.kubernetes.pod.uid': s.uid,
        tier: 'control-plane',
      },
      annotations: { 'kubernetes.io/config.hash': s.uid, 'kubernetes.io/config.source': 'file' },
      runtimeHandler: '',
    })),
  });
}

/** `crictl ps -a -o json` (attempt = restart count, §3.1). */
function crictlPs(containers: ContainerSpec[]): string {
  return JSON.stringify({
    containers: containers.map((c) => ({
      id: c.id,
      podSandboxId: c.sandbox,
      metadata: { name: 'kube-apiserver', attempt: c.attempt },
      image: { image: 'sha256:334e4a014c81b0a3a3f5bbdd1e4ad1a83a1a5b6f6ba7b8e9d3c2d94a1c0c2f11' },
      imageRef:
        'registry.k8s.io/kube-apiserver@sha256:45c7b0e31e5f4c4ee4a0a3d17e0c1a1b1f9f3b2f3a4c1f5a9d8e7c6b5a4f3e2d',
      state: c.state ?? 'CONTAINER_RUNNING',
      ...(c.createdAtMs === null ? {} : { createdAt: `${c.createdAtMs}000000` }),
      labels: {
        'io.kubernetes.container.name': 'kube-apiserver',
        'io.kubernetes.pod.name': 'kube-apiserver-controlplane',
        'io.kubernetes.pod.namespace': 'kube-system',
        'io.kubernetes.pod.uid': c.uid,
      },
      annotations: { 'io.kubernetes.container.restartCount': String(c.attempt) },
    })),
  });
}

function snapshot(
  takenAt: number,
  sandboxes: SandboxSpec[],
  containers: ContainerSpec[],
  runtimeAvailable = true,
): NodePodsSnapshot {
  const pods = parseCrictlPodsJson(crictlPods(sandboxes));
  const ps = parseCrictlContainersJson(crictlPs(containers));
  if (!pods.ok || !ps.ok) throw new Error('the crictl samples must parse');
  return {
    takenAt,
    nodeName: 'controlplane',
    runtime: runtimeAvailable
      ? { available: true, reason: null }
      : { available: false, reason: 'crictl: connect: connection refused' },
    api: { available: false, reason: 'not read in this test', via: 'node-kubectl', nodeRegistered: null },
    manifests: {
      path: '/etc/kubernetes/manifests',
      source: 'config',
      explanation: '',
      disabled: false,
      readable: true,
      reason: null,
      entries: [],
    },
    pods: runtimeAvailable ? joinPods(pods.value, ps.value, []) : [],
    findings: [],
    causes: [],
    crashes: {},
    roundTrips: 1,
  } as NodePodsSnapshot;
}

const running: SandboxSpec = { id: SANDBOX_A, uid: UID_1, createdAtMs: T0 - 3_600_000 };
const firstContainer: ContainerSpec = {
  id: CONTAINER_0,
  sandbox: SANDBOX_A,
  uid: UID_1,
  attempt: 0,
  createdAtMs: T0 - 3_599_000,
};

function changes(before: NodePodsSnapshot, after: NodePodsSnapshot) {
  return podChanges(podStatesOf(before), podStatesOf(after), after.takenAt);
}

describe('pod changes between successive snapshots', () => {
  it('a new static pod UID under the same name, at the new sandbox created-at, while the old one is still listed', () => {
    const before = snapshot(T0, [running], [firstContainer]);
    const newSandboxAt = T0 + 4_200;
    const after = snapshot(
      T0 + 6_000,
      [
        { ...running, state: 'SANDBOX_NOTREADY' },
        { id: SANDBOX_B, uid: UID_2, createdAtMs: newSandboxAt },
      ],
      [
        { ...firstContainer, state: 'CONTAINER_EXITED' },
        { id: CONTAINER_1, sandbox: SANDBOX_B, uid: UID_2, attempt: 0, createdAtMs: newSandboxAt + 300 },
      ],
    );
    expect(changes(before, after)).toEqual([
      expect.objectContaining({
        kind: 'pod-uid-changed',
        atMs: newSandboxAt,
        timeFrom: 'runtime-created-at',
        pod: 'kube-system/kube-apiserver-controlplane',
        detail: `UID ${UID_1} → ${UID_2}; sandbox ${SANDBOX_B.slice(0, 13)}`,
      }),
    ]);
  });

  it('a new sandbox under the same UID', () => {
    const before = snapshot(T0, [running], [firstContainer]);
    const after = snapshot(
      T0 + 2_000,
      [{ id: SANDBOX_B, uid: UID_1, attempt: 1, createdAtMs: T0 + 1_500 }],
      [{ id: CONTAINER_1, sandbox: SANDBOX_B, uid: UID_1, attempt: 0, createdAtMs: T0 + 1_700 }],
    );
    const events = changes(before, after);
    expect(events.map((e) => [e.kind, e.atMs, e.id])).toEqual([
      ['sandbox-changed', T0 + 1_500, `sandbox:${SANDBOX_B}`],
    ]);
  });

  it('a restart: the attempt rose in the same sandbox, at the new container created-at', () => {
    const before = snapshot(T0, [running], [firstContainer]);
    const after = snapshot(
      T0 + 2_000,
      [running],
      [
        { ...firstContainer, state: 'CONTAINER_EXITED' },
        { id: CONTAINER_1, sandbox: SANDBOX_A, uid: UID_1, attempt: 1, createdAtMs: T0 + 1_100 },
      ],
    );
    expect(changes(before, after)).toEqual([
      expect.objectContaining({
        kind: 'container-restarted',
        atMs: T0 + 1_100,
        timeFrom: 'runtime-created-at',
        detail: `attempt 0 → 1; container ${CONTAINER_1.slice(0, 13)}`,
      }),
    ]);
  });

  it('without a created-at the time is the snapshot that first saw it, and says so', () => {
    const before = snapshot(T0, [running], [firstContainer]);
    const after = snapshot(
      T0 + 2_000,
      [running],
      [{ id: CONTAINER_1, sandbox: SANDBOX_A, uid: UID_1, attempt: 1, createdAtMs: null }],
    );
    expect(changes(before, after).map((e) => [e.atMs, e.timeFrom])).toEqual([
      [T0 + 2_000, 'snapshot-first-seen'],
    ]);
  });

  it('nothing changed, the first snapshot, or an unread runtime: no event', () => {
    const one = snapshot(T0, [running], [firstContainer]);
    const same = snapshot(T0 + 2_000, [running], [firstContainer]);
    expect(changes(one, same)).toEqual([]);
    expect(podChanges(null, podStatesOf(one), T0)).toEqual([]);
    expect(changes(one, snapshot(T0 + 2_000, [], [], false))).toEqual([]);
  });

  it('the recorder diffs across an unread runtime against the last known state, and counts each change once', () => {
    const recorder = new TimelineRecorder();
    recorder.addSnapshot(snapshot(T0, [running], [firstContainer]));
    recorder.addSnapshot(snapshot(T0 + 2_000, [], [], false));
    const restarted = snapshot(
      T0 + 4_000,
      [running],
      [{ id: CONTAINER_1, sandbox: SANDBOX_A, uid: UID_1, attempt: 1, createdAtMs: T0 + 3_000 }],
    );
    recorder.addSnapshot(restarted);
    recorder.addSnapshot({ ...restarted, takenAt: T0 + 6_000 });
    const view = recorder.view(T0 + 10_000, 60_000, {
      bucketMs: 1000,
      buckets: [],
      unavailable: 'not followed',
    });
    expect(view.events.map((e) => e.kind)).toEqual(['container-restarted']);
    expect(view.observingSinceMs).toBe(T0);
  });
});

describe('the recorder is bounded', () => {
  it('drops the oldest events past its cap and says how many; older than the axis counts as earlier', () => {
    const recorder = new TimelineRecorder(3);
    const entries = [1, 2, 3, 4, 5].map(
      (i) =>
        ({
          name: `m${i}.yaml`,
          path: `/etc/kubernetes/manifests/m${i}.yaml`,
          type: 'file',
          mtime: T0 + i * 60_000,
          sha256: null,
        }) as ManifestEntry,
    );
    recorder.add(modifiedEvents(entries));
    const view = recorder.view(T0 + 5 * 60_000, 90_000, { bucketMs: 1000, buckets: [], unavailable: null });
    expect(view.dropped).toBe(2);
    expect(view.events.map((e) => e.title)).toEqual(['m4.yaml modified', 'm5.yaml modified']);
    expect(view.earlier).toBe(1);
  });
});

describe('manifest events', () => {
  const saved = {
    status: 'saved' as const,
    name: 'kube-apiserver.yaml',
    path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
    sha256: 'c'.repeat(64),
    previousSha256: 'd'.repeat(64),
    backupPath: '/etc/kubernetes/kubelet-studio-backup-x/kube-apiserver.yaml',
    owner: 'root',
    group: 'root',
    mode: '0600',
    created: false,
    problems: [],
  };

  it("a save by the app is timed by the node's clock before the rename, else by the app's", () => {
    expect(savedEvent({ ...saved, renamedAfterNodeMs: T0 + 5 }, 'apply', T0 + 900)).toMatchObject({
      atMs: T0 + 5,
      timeFrom: 'node-clock',
      kind: 'manifest-saved',
      source: 'apply by this app',
    });
    expect(savedEvent({ ...saved, renamedAfterNodeMs: null }, 'save', T0 + 900)).toMatchObject({
      atMs: T0 + 900,
      timeFrom: 'app-clock',
    });
  });

  it("the watch's verdict after a rollback is named as the rollback's, not the apply's", () => {
    const verdict = {
      kind: 'running' as const,
      summary: 'The pod runs and is ready.',
      detail: null,
      evidence: [],
    };
    expect(verdictEvent('kube-apiserver.yaml', saved.path, 'rollback', verdict, T0)).toMatchObject({
      kind: 'apply-verdict',
      title: 'kube-apiserver.yaml: rollback running',
      atMs: T0,
      timeFrom: 'app-clock',
    });
    expect(
      verdictEvent('kube-apiserver.yaml', saved.path, 'apply', { ...verdict, kind: 'crash-looping' }, T0)
        .title,
    ).toBe('kube-apiserver.yaml: apply crash-looping');
  });

  it('a listing gives "modified" at the mtime of regular files only, never a saver', () => {
    const events = modifiedEvents([
      {
        name: 'etcd.yaml',
        path: '/etc/kubernetes/manifests/etcd.yaml',
        type: 'file',
        mtime: T0,
        sha256: 'e'.repeat(64),
      },
      { name: 'sub', path: '/etc/kubernetes/manifests/sub', type: 'directory', mtime: T0, sha256: null },
    ] as ManifestEntry[]);
    expect(events).toEqual([
      expect.objectContaining({
        title: 'etcd.yaml modified',
        atMs: T0,
        timeFrom: 'file-mtime',
        kind: 'manifest-modified',
      }),
    ]);
    expect(events[0]?.source).not.toMatch(/by /);
  });
});

describe('log volume by severity', () => {
  // Newest first, as the store is read; times are journal times (ms).
  function rows(list: Array<[number, VolumeSeverity]>): RowsNewestFirst {
    return (visit) => {
      for (const [t, s] of [...list].reverse()) if (!visit(t, s)) return;
    };
  }

  it('counts E, W, I and the rest per interval and stops at the first row older than the axis', () => {
    let visited = 0;
    const source = rows([
      [T0 - 6_000, 'E'],
      [T0 - 5_000, 'E'],
      [T0 + 100, 'I'],
      [T0 + 200, 'W'],
      [T0 + 1_500, 'E'],
      [T0 + 1_600, 'F'],
      [0, 'I'],
      [T0 + 2_900, 'unknown'],
    ]);
    const counted: RowsNewestFirst = (visit) =>
      source((t, s) => {
        visited++;
        return visit(t, s);
      });
    const buckets = logVolume(counted, T0, T0 + 2_999, 1_000);
    expect(buckets).toEqual([
      { startMs: T0, E: 0, W: 1, I: 1, other: 0 },
      { startMs: T0 + 1_000, E: 1, W: 0, I: 0, other: 1 },
      { startMs: T0 + 2_000, E: 0, W: 0, I: 0, other: 1 },
    ]);
    expect(visited).toBe(7); // the first row before the axis was read and ended the walk
  });
});
