/**
 * Pod UID, sandbox and restart events from successive pods snapshots (the 2 s refresh of the
 * Pods pane): what changed between the previous snapshot and this one, never guessed.
 *
 * - A static pod's UID is the hash of its manifest (docs/kubelet.md §0), so a new UID under the
 *   same `<namespace>/<name>` means the kubelet runs a new content of the file.
 * - A new sandbox id under the same UID means the kubelet recreated the sandbox (§3.1).
 * - A container's `attempt` is its restart count (§3.1): a higher attempt in the same sandbox
 *   is a restart.
 *
 * Each event's time is the runtime's `createdAt` of the new sandbox or container where crictl
 * reported it; otherwise the time of the snapshot that first saw the change, and it says so.
 * Only the runtime view is diffed: with the runtime unreadable nothing is claimed.
 */
import type { NodeTimelineEvent } from '../../contract/domain/node-timeline';
import type { NodePodsSnapshot } from '../../contract/domain/node-pods';

/** What one pod looked like in a snapshot: all the diff needs, small enough to keep per node. */
export interface PodState {
  uid: string;
  /** The newest sandbox, or null when the pod has none. */
  sandboxId: string | null;
  sandboxCreatedAtMs: number | null;
  /** Per container name, its newest container in the newest sandbox. */
  containers: Record<string, { id: string; attempt: number; createdAtMs: number | null }>;
}

/** Pods by `<namespace>/<name>`; null when the runtime could not be read. */
export type PodStates = Map<string, PodState> | null;

const SOURCE = 'pods snapshot (crictl pods, crictl ps)';

export function podStatesOf(snapshot: NodePodsSnapshot): PodStates {
  if (!snapshot.runtime.available) return null;
  const states = new Map<string, PodState>();
  for (const pod of snapshot.pods) {
    const sandbox = pod.sandboxes[0] ?? null;
    const containers: PodState['containers'] = {};
    for (const c of pod.containers) {
      if (!sandbox || c.podSandboxId !== sandbox.id) continue;
      const held = containers[c.name];
      if (!held || c.attempt > held.attempt) {
        containers[c.name] = { id: c.id, attempt: c.attempt, createdAtMs: c.createdAtMs };
      }
    }
    // Right after a manifest change the old UID's sandbox may still be listed beside the new
    // one (the kubelet kills it asynchronously): the pod is the one with the newest sandbox.
    const key = `${pod.namespace}/${pod.name}`;
    const held = states.get(key);
    if (held && (held.sandboxCreatedAtMs ?? -1) >= (sandbox?.createdAtMs ?? -1)) continue;
    states.set(key, {
      uid: pod.uid,
      sandboxId: sandbox?.id ?? null,
      sandboxCreatedAtMs: sandbox?.createdAtMs ?? null,
      containers,
    });
  }
  return states;
}

function short(id: string | null): string {
  return id ? id.slice(0, 13) : 'none';
}

function timed(createdAtMs: number | null, seenAtMs: number): Pick<NodeTimelineEvent, 'atMs' | 'timeFrom'> {
  return createdAtMs !== null && Number.isFinite(createdAtMs) && createdAtMs > 0
    ? { atMs: createdAtMs, timeFrom: 'runtime-created-at' }
    : { atMs: seenAtMs, timeFrom: 'snapshot-first-seen' };
}

/**
 * The changes from `previous` to `next`, seen at `seenAtMs` (the newer snapshot's time). No
 * previous states (the first snapshot, or the runtime unread before or now): no events, since
 * nothing is known to have changed.
 */
export function podChanges(previous: PodStates, next: PodStates, seenAtMs: number): NodeTimelineEvent[] {
  if (!previous || !next) return [];
  const events: NodeTimelineEvent[] = [];
  for (const [pod, now] of next) {
    const before = previous.get(pod);
    if (!before) continue;
    if (now.uid !== before.uid) {
      events.push({
        id: `uid:${pod}:${now.uid}`,
        ...timed(now.sandboxCreatedAtMs, seenAtMs),
        kind: 'pod-uid-changed',
        title: `${pod}: new pod UID`,
        detail: `UID ${before.uid} → ${now.uid}; sandbox ${short(now.sandboxId)}`,
        source: SOURCE,
        pod,
        manifestPath: null,
      });
      continue;
    }
    if (now.sandboxId !== null && now.sandboxId !== before.sandboxId) {
      events.push({
        id: `sandbox:${now.sandboxId}`,
        ...timed(now.sandboxCreatedAtMs, seenAtMs),
        kind: 'sandbox-changed',
        title: `${pod}: new sandbox`,
        detail: `sandbox ${short(before.sandboxId)} → ${short(now.sandboxId)} (UID ${now.uid})`,
        source: SOURCE,
        pod,
        manifestPath: null,
      });
      continue;
    }
    if (now.sandboxId === null) continue;
    for (const [name, container] of Object.entries(now.containers)) {
      const was = before.containers[name];
      if (!was || container.attempt <= was.attempt) continue;
      events.push({
        id: `restart:${container.id}`,
        ...timed(container.createdAtMs, seenAtMs),
        kind: 'container-restarted',
        title: `${pod}: ${name} restarted`,
        detail: `attempt ${was.attempt} → ${container.attempt}; container ${short(container.id)}`,
        source: SOURCE,
        pod,
        manifestPath: null,
      });
    }
  }
  return events;
}
