/**
 * What the container runtime kept across a kubelet restart (docs/kubelet.md §1.7 "When the kubelet
 * restarts"): containerd does not stop with the kubelet, so the new kubelet finds the pods'
 * sandboxes and containers running and adopts those its sources still want (same static UID →
 * same sandbox). Pods no source wants any more are killed once the sources are ready
 * (HandlePodCleanups, "Clean up containers for orphaned pod we had not seen before") [inf: the
 * kubelet waits for all sources, the API's included, before it cleans up].
 */
import type { SimContainer, SimNodeState, SimSandbox } from '../../model';
import { TimerSet, type SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import type { CriStore } from './cri-store';
import type { SimTimings } from './timings';

export interface RestoredPod {
  sandbox: SimSandbox;
  containers: SimContainer[];
}

export interface RestoredRuntimeDeps {
  cri: CriStore;
  clock: SimClock;
  journal: KubeletJournal;
  timings: SimTimings;
  changed: () => void;
}

const basename = (argv0: string | undefined): string => (argv0 ?? '').split('/').pop() ?? '';

export class RestoredRuntime {
  /** Pod UID → its ready sandbox, until a pod worker claims it or it is killed. */
  private readonly unclaimed = new Map<string, SimSandbox>();
  private readonly timers: TimerSet;

  /**
   * Puts the previous kubelet's runtime back into `cri` (none: the node has just booted).
   * Stopped sandboxes are left out, as the runtime's garbage collection would remove them.
   */
  constructor(
    private readonly deps: RestoredRuntimeDeps,
    previous: SimNodeState | undefined,
  ) {
    this.timers = new TimerSet(deps.clock);
    if (!previous) return;
    for (const sandbox of previous.sandboxes) {
      if (sandbox.state !== 'SANDBOX_READY') continue;
      const older = this.unclaimed.get(sandbox.uid);
      if (older && BigInt(older.createdAtNs) > BigInt(sandbox.createdAtNs)) continue;
      this.unclaimed.set(sandbox.uid, sandbox);
    }
    const kept = new Set([...this.unclaimed.values()].map((s) => s.id));
    deps.cri.sandboxes.push(...previous.sandboxes.filter((s) => kept.has(s.id)));
    deps.cri.containers.push(...previous.containers.filter((c) => kept.has(c.podSandboxId)));
  }

  /** The highest `10.244.0.N` pod IP in use, so new pods do not reuse one. */
  highestPodIp(): number {
    return Math.max(
      1,
      ...this.deps.cri.sandboxes.map((s) => Number(/^10\.244\.0\.(\d+)$/.exec(s.ip)?.[1] ?? 0)),
    );
  }

  /** A pod worker takes over the pod with this UID, if the runtime still runs it. */
  claim(uid: string): RestoredPod | undefined {
    const sandbox = this.unclaimed.get(uid);
    if (!sandbox) return undefined;
    this.unclaimed.delete(uid);
    return { sandbox, containers: this.deps.cri.containers.filter((c) => c.podSandboxId === sandbox.id) };
  }

  /** When a still unclaimed container of this component started (ms), e.g. the kube-apiserver. */
  runningSince(component: string): number | undefined {
    const ids = new Set([...this.unclaimed.values()].map((s) => s.id));
    const c = this.deps.cri.containers.find(
      (x) =>
        ids.has(x.podSandboxId) &&
        x.name === component &&
        x.state === 'CONTAINER_RUNNING' &&
        basename(x.command[0]) === component,
    );
    return c ? Number(BigInt(c.startedAtNs) / 1_000_000n) : undefined;
  }

  /**
   * HandlePodCleanups once the sources are ready: every pod still unclaimed is one no source
   * wants. Its containers are stopped after the (capped) grace period, then removed.
   */
  killUnclaimed(): void {
    for (const [uid, sandbox] of this.unclaimed) {
      this.unclaimed.delete(uid);
      this.deps.journal.info(
        { file: 'kubelet_pods.go', line: 1301 },
        'Clean up containers for orphaned pod we had not seen before',
        [
          ['podUID', uid],
          ['pod', `${sandbox.namespace}/${sandbox.name}`],
        ],
        3,
      );
      this.later(this.deps.timings.gracePeriodCapMs, () => {
        for (const c of this.deps.cri.containers.filter(
          (x) => x.podSandboxId === sandbox.id && x.state === 'CONTAINER_RUNNING',
        )) {
          // Components exit 0 on SIGTERM; anything else is killed at the end of the grace period.
          const component = /^(kube-|etcd$)/.test(basename(c.command[0]));
          this.deps.cri.exitContainer(c, component ? 0 : 137, component ? 'Completed' : 'Error');
        }
        this.deps.cri.stopSandbox(sandbox.id);
        this.deps.changed();
        this.later(this.deps.timings.removeTerminatedAfterMs, () => {
          this.deps.cri.removeSandbox(sandbox.id);
          this.deps.changed();
        });
      });
    }
  }

  stop(): void {
    this.timers.cancelAll();
  }

  private later(ms: number, fn: () => void): void {
    this.timers.later(ms, fn);
  }
}
