/**
 * The judgement of "apply and watch" (issue 5 point 5), pure: given successive pods snapshots
 * of the node, which steps of an edit the kubelet has done and whether the outcome is known.
 *
 * What an edit looks like from outside (docs/kubelet.md §1.7): the new content gets a new UID
 * (= `kubernetes.io/config.hash`, §1.4); the pod worker kills the old instance first, then
 * starts a new sandbox and its containers; `SyncPod` deletes the mirror pod whose
 * `config.mirror` is the old hash and creates a new one (§2.2). The runtime view is joined on
 * the static UID (§0), so each instance is one JoinedPod of the snapshot.
 */
import type { CriContainer } from '../contract/domain/cri';
import type { ApplyWatchStep, ApplyWatchStepId } from '../contract/domain/manifest-watch';
import type { JoinedPod, NodePodsSnapshot } from '../contract/domain/node-pods';

export interface ApplyWatchTarget {
  /** `<metadata.name>-<node name>` (§1.4). */
  podName: string;
  namespace: string;
  /** The static UID before the save; null for a new manifest. */
  previousUid: string | null;
  /**
   * A pod the save makes go away under another name: the file's previous content named it
   * (a renamed pod), or the file was deleted or moved away (then `podName` is this pod's and no
   * new instance is expected).
   */
  replaced?: { podName: string; namespace: string; uid: string } | null;
  /** The file was deleted: the outcome is the pod gone, not a new instance running. */
  removal?: boolean;
}

/** What the tracker concludes from the snapshots alone (the runner adds logs and the journal). */
export type SnapshotOutcome =
  | { kind: 'running'; uid: string }
  | { kind: 'removed'; uid: string }
  | { kind: 'crash-looping'; uid: string; container: CriContainer; reason: string };

export interface SnapshotAssessment {
  steps: ApplyWatchStep[];
  newUid: string | null;
  outcome: SnapshotOutcome | null;
}

const LABELS: Record<ApplyWatchStepId, string> = {
  'picked-up': 'Kubelet picked up the new content (new config hash)',
  'old-stopped': 'Old pod stopped',
  'sandbox-started': 'New pod sandbox started',
  'containers-started': 'Containers started',
  'mirror-replaced': 'Mirror pod replaced',
  ready: 'Running and ready',
};
const REMOVAL_LABELS: Partial<Record<ApplyWatchStepId, string>> = {
  'old-stopped': 'Pod stopped',
  'mirror-replaced': 'Mirror pod deleted',
};
const ORDER = Object.keys(LABELS) as ApplyWatchStepId[];

/** A container that stays exited this long (or restarts) is crash-looping, not starting. */
const EXITED_FOR_MS = 2_000;
/** Without an API server, containers that keep running this long count as ready. */
const STABLE_WITHOUT_API_MS = 5_000;

export class ApplyWatchTracker {
  private readonly steps = new Map<ApplyWatchStepId, ApplyWatchStep>();
  /** `<container id>` → when it was first seen exited. */
  private readonly exitedSince = new Map<string, number>();
  /** When every container of the new instance was first seen running (attempts unchanged). */
  private runningSince: { at: number; key: string } | null = null;

  constructor(private readonly target: ApplyWatchTarget) {
    for (const id of ORDER)
      this.steps.set(id, {
        id,
        label: (target.removal ? REMOVAL_LABELS[id] : undefined) ?? LABELS[id],
        state: 'pending',
        detail: null,
        atMs: null,
      });
    if (target.previousUid === null && !target.replaced)
      this.set('old-stopped', 'skipped', 'no pod ran from this file before', 0);
    if (target.removal) {
      for (const id of ['picked-up', 'sandbox-started', 'containers-started', 'ready'] as const)
        this.set(id, 'skipped', 'the file was removed: no new instance', 0);
    }
  }

  /** Feeds one snapshot taken `elapsedMs` after the watch started. */
  observe(snapshot: NodePodsSnapshot, elapsedMs: number): SnapshotAssessment {
    const mine = snapshot.pods.filter(
      (p) => p.name === this.target.podName && p.namespace === this.target.namespace,
    );
    const replaced = this.target.replaced ?? null;
    const oldUid = this.target.previousUid ?? replaced?.uid ?? null;
    const old = oldUid
      ? snapshot.pods.find(
          (p) =>
            p.uid === oldUid &&
            p.name === (replaced?.podName ?? this.target.podName) &&
            p.namespace === (replaced?.namespace ?? this.target.namespace),
        )
      : undefined;
    const fresh = newestInstance(mine.filter((p) => p.uid !== this.target.previousUid));

    if (oldUid !== null && !isAlive(old)) {
      this.set(
        'old-stopped',
        'done',
        old ? 'its sandbox is not ready any more' : 'no sandbox or container of the old UID remains',
        elapsedMs,
      );
    }
    if (this.target.removal) return this.assessRemoval(snapshot, old, elapsedMs);
    if (!fresh) return { steps: this.list(), newUid: null, outcome: null };

    this.set('picked-up', 'done', `new config hash ${fresh.uid}`, elapsedMs);
    const sandbox = fresh.sandboxes[0];
    if (sandbox?.state === 'ready')
      this.set('sandbox-started', 'done', `sandbox ${sandbox.id.slice(0, 13)}`, elapsedMs);
    this.assessMirror(snapshot, fresh, elapsedMs);

    const latest = latestContainers(fresh);
    const crash = this.findCrash(fresh, latest, elapsedMs);
    if (crash) {
      this.set('containers-started', 'failed', crash.reason, elapsedMs);
      this.set('ready', 'failed', 'a container keeps exiting', elapsedMs);
      return {
        steps: this.list(),
        newUid: fresh.uid,
        outcome: { kind: 'crash-looping', uid: fresh.uid, ...crash },
      };
    }
    const allRunning = latest.length > 0 && latest.every((c) => c.state === 'running');
    if (!allRunning) {
      this.runningSince = null;
      return { steps: this.list(), newUid: fresh.uid, outcome: null };
    }
    this.set('containers-started', 'done', latest.map((c) => c.name).join(', '), elapsedMs);
    const key = latest.map((c) => `${c.id}`).join(',');
    if (this.runningSince?.key !== key) this.runningSince = { at: elapsedMs, key };

    if (this.isReady(snapshot, fresh, elapsedMs)) {
      this.set('ready', 'done', readyDetail(fresh), elapsedMs);
      return { steps: this.list(), newUid: fresh.uid, outcome: { kind: 'running', uid: fresh.uid } };
    }
    return { steps: this.list(), newUid: fresh.uid, outcome: null };
  }

  /** The steps as they stand (for the final progress event after a verdict from elsewhere). */
  list(): ApplyWatchStep[] {
    return ORDER.map((id) => ({ ...this.steps.get(id)! }));
  }

  /** Marks what is still pending as failed (the verdict came from the journal or the timeout). */
  failPending(detail: string, elapsedMs: number): ApplyWatchStep[] {
    for (const id of ORDER)
      if (this.steps.get(id)!.state === 'pending') this.set(id, 'failed', detail, elapsedMs);
    return this.list();
  }

  /** A deleted file: done when the old instance is gone and its mirror pod too (or no API). */
  private assessRemoval(
    snapshot: NodePodsSnapshot,
    old: JoinedPod | undefined,
    elapsedMs: number,
  ): SnapshotAssessment {
    const uid = this.target.previousUid ?? this.target.replaced?.uid ?? '';
    const mirror = snapshot.pods.find(
      (p) =>
        p.name === this.target.podName &&
        p.namespace === this.target.namespace &&
        p.apiPod?.config.mirror === uid,
    );
    const mirrorGone = !mirror && snapshot.api.available;
    if (mirrorGone) this.set('mirror-replaced', 'done', 'the mirror pod was deleted', elapsedMs);
    else if (!snapshot.api.available)
      this.note('mirror-replaced', `waiting for the API server: ${snapshot.api.reason ?? 'unavailable'}`);
    if (!isAlive(old) && (mirrorGone || !snapshot.api.available))
      return { steps: this.list(), newUid: null, outcome: { kind: 'removed', uid } };
    return { steps: this.list(), newUid: null, outcome: null };
  }

  private assessMirror(snapshot: NodePodsSnapshot, fresh: JoinedPod, elapsedMs: number): void {
    const mirror = fresh.apiPod;
    if (mirror && mirror.config.mirror === fresh.uid) {
      this.set('mirror-replaced', 'done', `mirror pod ${mirror.uid}`, elapsedMs);
    } else if (!snapshot.api.available) {
      this.note('mirror-replaced', `waiting for the API server: ${snapshot.api.reason ?? 'unavailable'}`);
    }
  }

  private isReady(snapshot: NodePodsSnapshot, fresh: JoinedPod, elapsedMs: number): boolean {
    const mirror = fresh.apiPod;
    if (mirror && mirror.config.mirror === fresh.uid) {
      const ready = mirror.conditions.find((c) => c.type === 'Ready');
      return ready?.status === 'True';
    }
    // No API server (docs/kubelet.md §0: the runtime view works without it): trust containers
    // that have kept running for a while.
    if (!snapshot.api.available && this.runningSince)
      return elapsedMs - this.runningSince.at >= STABLE_WITHOUT_API_MS;
    return false;
  }

  private findCrash(
    fresh: JoinedPod,
    latest: CriContainer[],
    elapsedMs: number,
  ): { container: CriContainer; reason: string } | null {
    const statuses = fresh.apiPod?.config.mirror === fresh.uid ? fresh.apiPod.containerStatuses : [];
    for (const container of latest) {
      const status = statuses.find((s) => s.name === container.name && !s.init);
      const backOff = status?.state.state === 'waiting' && status.state.reason === 'CrashLoopBackOff';
      if (container.state !== 'exited' && !backOff && container.attempt < 2) {
        this.exitedSince.delete(container.id);
        continue;
      }
      if (container.state === 'exited' && !this.exitedSince.has(container.id))
        this.exitedSince.set(container.id, elapsedMs);
      const exitedFor = elapsedMs - (this.exitedSince.get(container.id) ?? elapsedMs);
      const restarts = container.attempt;
      if (
        backOff ||
        restarts >= 2 ||
        (container.state === 'exited' && (restarts >= 1 || exitedFor >= EXITED_FOR_MS))
      ) {
        const why = backOff ? 'CrashLoopBackOff' : `exited${restarts > 0 ? `, restarted ${restarts}×` : ''}`;
        return { container, reason: `container ${container.name} ${why}` };
      }
    }
    return null;
  }

  private set(id: ApplyWatchStepId, state: ApplyWatchStep['state'], detail: string, atMs: number): void {
    const step = this.steps.get(id)!;
    if (step.state === state) return;
    if (step.state === 'done' && state !== 'failed') return;
    this.steps.set(id, { ...step, state, detail, atMs });
  }

  private note(id: ApplyWatchStepId, detail: string): void {
    const step = this.steps.get(id)!;
    if (step.state === 'pending') this.steps.set(id, { ...step, detail });
  }
}

function isAlive(pod: JoinedPod | undefined): boolean {
  if (!pod) return false;
  return pod.sandboxes.some((s) => s.state === 'ready') || pod.containers.some((c) => c.state === 'running');
}

/** The instance with the newest sandbox; an instance known only from its mirror pod counts too. */
function newestInstance(pods: JoinedPod[]): JoinedPod | undefined {
  const created = (p: JoinedPod) => p.sandboxes[0]?.createdAtMs ?? 0;
  return [...pods]
    .filter((p) => p.sandboxes.length > 0 || p.apiPod?.config.mirror === p.uid)
    .sort((a, b) => created(b) - created(a))[0];
}

/** Per container name, the newest attempt in the newest sandbox (older attempts are history). */
export function latestContainers(pod: JoinedPod): CriContainer[] {
  const sandboxId = pod.sandboxes[0]?.id;
  const byName = new Map<string, CriContainer>();
  for (const c of pod.containers) {
    if (sandboxId && c.podSandboxId !== sandboxId) continue;
    const seen = byName.get(c.name);
    if (!seen || c.attempt > seen.attempt) byName.set(c.name, c);
  }
  return [...byName.values()];
}

function readyDetail(pod: JoinedPod): string {
  const mirror = pod.apiPod;
  if (mirror?.config.mirror === pod.uid) {
    const ready = mirror.containerStatuses.filter((s) => !s.init && s.ready).length;
    const total = mirror.containerStatuses.filter((s) => !s.init).length;
    return `${ready}/${total} ready (mirror pod)`;
  }
  return 'containers running steadily (API server unavailable)';
}
