/**
 * One pod instance on the node: its sandbox and containers from start to termination,
 * including CrashLoopBackOff and image pull back-off (docs/kubelet.md §3.1, §9.4). A new pod
 * UID always gets a new worker (a new sandbox, attempt 0).
 */
import type { SimContainer, SimSandbox } from '../../model';
import { TimerSet, type SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import type { PodObject } from '../../../kubelet/pod-object';
import { containerBehaviour, type ContainerBehaviour } from './behaviour';
import { crashBackoffMs, crashLoopMessage, imageBackoffMs } from './backoff';
import { startupLines } from './component-logs';
import { componentOf, containerAnnotations, stopExit, type ContainerSlot } from './container-slot';
import type { CriStore } from './cri-store';
import { imageExists, pullErrorMessage } from './images';
import type { SimTimings } from './timings';
import { podPairs, pullFailed, startFailed, startupObserved } from './worker-journal';

export type { ContainerSlot, Waiting } from './container-slot';

export interface RunnablePod {
  /** Static UID (32 hex) or API UID: what the runtime and the log directory are keyed by. */
  uid: string;
  name: string;
  namespace: string;
  pod: PodObject;
}

export interface WorkerDeps {
  clock: SimClock;
  cri: CriStore;
  journal: KubeletJournal;
  timings: SimTimings;
  nodeIp: string;
  podIp: () => string;
  /**
   * Whether the kubelet's cgroup driver differs from the runtime's (asked at every sandbox
   * check): then sandboxes are killed and re-created over and over (cgroup-conflict.ts).
   */
  cgroupConflict?: () => boolean;
  /** Whether another pod already runs this component on the host network. */
  portTaken: (component: string, uid: string) => boolean;
  changed: () => void;
}

export class PodWorker {
  sandbox?: SimSandbox;
  readonly slots: ContainerSlot[];
  phase: 'starting' | 'active' | 'terminating' | 'terminated' = 'starting';
  readonly seenAtMs: number;
  runningSinceMs?: number;
  private readonly timers: TimerSet;
  private observedStartup = false;

  constructor(
    readonly pod: RunnablePod,
    private readonly deps: WorkerDeps,
  ) {
    this.timers = new TimerSet(deps.clock);
    this.seenAtMs = deps.clock.now();
    this.slots = pod.pod.spec.containers.map((spec) => ({
      spec,
      restartCount: 0,
      pullFailures: 0,
      waiting: { reason: 'ContainerCreating' },
    }));
  }

  get fullName(): string {
    return `${this.pod.namespace}/${this.pod.name}`;
  }

  start(): void {
    this.later(this.deps.timings.sandboxStartMs, () => this.runSandbox(0));
  }

  private runSandbox(attempt: number): void {
    const p = this.pod;
    const hostNetwork = p.pod.spec.hostNetwork === true;
    this.sandbox = this.deps.cri.runSandbox({
      name: p.name,
      namespace: p.namespace,
      uid: p.uid,
      attempt,
      labels: { ...(p.pod.metadata.labels ?? {}) },
      annotations: { ...(p.pod.metadata.annotations ?? {}) },
      hostNetwork,
      ip: hostNetwork ? this.deps.nodeIp : this.deps.podIp(),
    });
    this.phase = 'active';
    this.deps.changed();
    this.later(this.deps.timings.containerStartMs, () =>
      this.slots.forEach((slot) => {
        if (attempt > 0) slot.restartCount += 1;
        this.runSlot(slot);
      }),
    );
    if (this.deps.cgroupConflict) this.later(this.deps.timings.sandboxChangedMs, () => this.checkSandbox());
  }

  /**
   * The kubelet finds the pod's sandbox changed: it kills the containers and the sandbox and
   * creates a new sandbox (attempt + 1) with new containers (SandboxChanged, "Pod sandbox
   * changed, it will be killed and re-created." [seen: kubernetes#110177]). The simulation has
   * no events: the evidence is the attempts in `crictl pods` and the restart counts.
   */
  private checkSandbox(): void {
    const sandbox = this.sandbox;
    if (this.phase !== 'active' || !sandbox) return;
    if (!this.deps.cgroupConflict?.()) {
      this.later(this.deps.timings.sandboxChangedMs, () => this.checkSandbox());
      return;
    }
    this.cancelTimers();
    for (const slot of this.slots) {
      const c = slot.current;
      if (c && c.state === 'CONTAINER_RUNNING') {
        const exit = stopExit(slot);
        this.deps.cri.exitContainer(c, exit.code, exit.reason);
        slot.lastTerminated = c;
      }
      slot.waiting = { reason: 'ContainerCreating' };
    }
    this.deps.cri.stopSandbox(sandbox.id);
    this.deps.changed();
    this.later(this.deps.timings.sandboxStartMs, () => this.runSandbox(sandbox.attempt + 1));
  }

  /** Stops the pod: containers get the (capped) grace period, then `done` runs. */
  terminate(gracePeriodSeconds: number | undefined, done: () => void): void {
    if (this.phase === 'terminating' || this.phase === 'terminated') return;
    this.phase = 'terminating';
    this.cancelTimers();
    const grace =
      gracePeriodSeconds ??
      (typeof this.pod.pod.spec.terminationGracePeriodSeconds === 'number'
        ? this.pod.pod.spec.terminationGracePeriodSeconds
        : 30);
    const killMs = Math.min(grace * 1000, this.deps.timings.gracePeriodCapMs);
    const finish = () => {
      for (const slot of this.slots) {
        const c = slot.current;
        if (c && c.state === 'CONTAINER_RUNNING') {
          const exit = stopExit(slot);
          this.deps.cri.exitContainer(c, exit.code, exit.reason);
        }
      }
      if (this.sandbox) this.deps.cri.stopSandbox(this.sandbox.id);
      this.phase = 'terminated';
      this.deps.changed();
      done();
    };
    if (killMs <= 0) finish();
    else this.later(killMs, finish);
    this.deps.changed();
  }

  /**
   * A kubelet restart: the runtime kept this pod's sandbox and containers running; take them
   * over as they are (same sandbox, same container ids and attempts, docs/kubelet.md §1.7 "When the
   * kubelet restarts"). A container found exited goes on with its restart back-off; one that
   * was about to crash still does.
   */
  adopt(sandbox: SimSandbox, containers: readonly SimContainer[]): void {
    this.sandbox = sandbox;
    this.phase = 'active';
    this.observedStartup = true;
    for (const slot of this.slots) {
      const mine = containers
        .filter((c) => c.podSandboxId === sandbox.id && c.name === slot.spec.name)
        .sort((a, b) => b.attempt - a.attempt);
      const newest = mine[0];
      if (!newest || newest.state === 'CONTAINER_CREATED' || newest.state === 'CONTAINER_UNKNOWN') {
        if (newest) {
          this.deps.cri.removeContainer(newest.id);
          slot.restartCount = newest.attempt;
        }
        this.later(this.deps.timings.containerStartMs, () => this.runSlot(slot));
        continue;
      }
      slot.restartCount = newest.attempt;
      slot.current = newest;
      slot.waiting = undefined;
      slot.lastTerminated = mine.find((c) => c !== newest && c.state === 'CONTAINER_EXITED');
      if (newest.state === 'CONTAINER_EXITED') {
        this.crashed(slot, newest);
        continue;
      }
      const behaviour = containerBehaviour(slot.spec, { portTaken: false });
      slot.handlesSigterm = behaviour.kind === 'runs' && behaviour.component !== undefined;
      if (behaviour.kind === 'exits') {
        this.later(this.deps.timings.crashRunMs, () => {
          this.deps.cri.exitContainer(newest, behaviour.exitCode, behaviour.reason);
          this.crashed(slot, newest);
        });
      }
    }
    if (this.allRunning())
      this.runningSinceMs = Math.max(
        ...this.slots.map((s) => Number(BigInt(s.current?.startedAtNs ?? '0') / 1_000_000n)),
      );
    this.deps.changed();
  }

  /** The kubelet stops: the runtime keeps the pod as it is (nothing is stopped, §1.7). */
  detach(): void {
    this.cancelTimers();
  }

  /** Removes the sandbox and containers from the runtime (container GC). */
  remove(): void {
    this.cancelTimers();
    if (this.sandbox) this.deps.cri.removeSandbox(this.sandbox.id);
    this.sandbox = undefined;
  }

  allRunning(): boolean {
    return this.slots.every((s) => s.current?.state === 'CONTAINER_RUNNING');
  }

  private runSlot(slot: ContainerSlot): void {
    if (this.phase !== 'active' || !this.sandbox) return;
    const { journal } = this.deps;
    const podKv = podPairs(this.fullName, this.pod.uid);
    if (!imageExists(slot.spec.image)) {
      slot.pullFailures += 1;
      const err = pullErrorMessage(slot.spec.image);
      slot.waiting = { reason: 'ErrImagePull', message: err };
      pullFailed(journal, slot.spec.image, err);
      startFailed(journal, slot.spec.name, 'ErrImagePull', err, podKv);
      this.deps.changed();
      this.later(Math.min(1000, imageBackoffMs(slot.pullFailures)), () => {
        const msg = `Back-off pulling image "${slot.spec.image}"`;
        slot.waiting = { reason: 'ImagePullBackOff', message: msg };
        startFailed(journal, slot.spec.name, 'ImagePullBackOff', msg, podKv);
        this.deps.changed();
        this.later(imageBackoffMs(slot.pullFailures), () => this.runSlot(slot));
      });
      return;
    }
    const behaviour = containerBehaviour(slot.spec, {
      portTaken: this.deps.portTaken(componentOf(slot.spec), this.pod.uid),
    });
    const c = this.deps.cri.createContainer(this.sandbox, {
      name: slot.spec.name,
      attempt: slot.restartCount,
      image: slot.spec.image,
      command: [...(slot.spec.command ?? []), ...(slot.spec.args ?? [])],
      annotations: containerAnnotations(slot, this.pod.pod),
    });
    slot.current = c;
    slot.waiting = undefined;
    if (behaviour.kind === 'startError') {
      this.deps.cri.exitContainer(c, behaviour.exitCode, 'StartError', behaviour.message);
      this.crashed(slot, c);
      return;
    }
    this.deps.cri.startContainer(c);
    if (behaviour.kind === 'runs') {
      slot.handlesSigterm = behaviour.component !== undefined;
      this.deps.cri.appendLog(
        c,
        startupLines(behaviour.component, slot.spec.image, this.deps.nodeIp, this.deps.clock.now()),
      );
      this.maybeObserveStartup();
    } else {
      this.deps.cri.appendLog(
        c,
        behaviour.stderr.map((text) => ({ stream: 'stderr' as const, text })),
      );
      this.later(this.deps.timings.crashRunMs, () => {
        this.deps.cri.exitContainer(c, behaviour.exitCode, behaviour.reason);
        this.crashed(slot, c);
      });
    }
    this.deps.changed();
  }

  /** An exited container: keep it as lastState, restart at once or after the back-off (§9.4). */
  private crashed(slot: ContainerSlot, c: SimContainer): void {
    slot.lastTerminated = c;
    this.deps.cri.pruneExited(c.podSandboxId, c.name, c.id);
    const policy = this.pod.pod.spec.restartPolicy;
    if (policy === 'Never' || (policy === 'OnFailure' && c.exitCode === 0)) {
      this.deps.changed();
      return;
    }
    const delay = crashBackoffMs(slot.restartCount);
    const restart = () => {
      slot.restartCount += 1;
      this.runSlot(slot);
    };
    if (delay === 0) {
      this.later(this.deps.timings.containerStartMs, restart);
    } else {
      const message = crashLoopMessage(
        delay,
        slot.spec.name,
        this.pod.name,
        this.pod.namespace,
        this.pod.uid,
      );
      slot.waiting = { reason: 'CrashLoopBackOff', message };
      startFailed(
        this.deps.journal,
        slot.spec.name,
        'CrashLoopBackOff',
        message,
        podPairs(this.fullName, this.pod.uid),
      );
      this.later(delay, restart);
    }
    this.deps.changed();
  }

  private maybeObserveStartup(): void {
    if (this.observedStartup || !this.allRunning()) return;
    this.observedStartup = true;
    this.runningSinceMs = this.deps.clock.now();
    startupObserved(this.deps.journal, this.fullName, this.seenAtMs, this.runningSinceMs);
  }

  private later(ms: number, fn: () => void): void {
    this.timers.later(ms, fn);
  }

  private cancelTimers(): void {
    this.timers.cancelAll();
  }
}

export type { ContainerBehaviour };
