/**
 * The simulated kubelet for one node: file source → static pod workers (serialized per full
 * name, old instance killed before the new one starts, docs/kubelet.md §1.7), API pod workers,
 * the API-server view, and the journal. Usable in-process (startSimKubelet) and by the daemon.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { ApiNode, ApiPod, SimNodeState } from '../model';
import type { SimPaths } from '../paths';
import { realClock, type SimClock, type SimTimer } from './clock';
import { KubeletJournal } from './journal/journal';
import { FileSource } from './manifest/file-source';
import {
  ANNOTATION_CONFIG_MIRROR,
  ANNOTATION_CONFIG_SEEN,
  ANNOTATION_CONFIG_SOURCE,
} from '../../kubelet/config-annotations';
import type { StaticPod } from '../../kubelet/static-pod';
import {
  effectiveKubeletConfig,
  type EffectiveKubeletConfig,
  type KubeletConfigSources,
  type KubeletServing,
} from './node/effective-config';
import { DEFAULT_RUNTIME, type OutputTarget, type RuntimeIdentity } from '../daemon/sim-env';
import { loadOrCreateIdentity } from './node/identity';
import { initSimNodeRoot, isInitialised } from './node/init-root';
import { diskPressureSignal } from './node/disk-pressure';
import { readSimRuntimeConfig, SIM_CONTAINERD_CONFIG, SIM_IMAGE_FS } from '../commands/crictl-runtime';

import { nodePathToHost } from '../paths';
import { ApiView, type StaticEntry } from './api/api-view';
import { podStatus } from './api/pod-status';
import { unschedulableStatus } from './api/addons';
import { isMirrorPod } from './api/mirror';
import { CriStore } from './runtime/cri-store';
import { PodWorker, type WorkerDeps } from './runtime/pod-worker';
import { DEFAULT_TIMINGS, type SimTimings } from './runtime/timings';
import { imageTag } from './runtime/images';
import { RestoredRuntime } from './runtime/restored-runtime';

/** The eviction manager's monitoring interval (kubelet's evictionMonitoringPeriod, 10 s). */
const DISK_CHECK_MS = 10_000;

export interface SimKubeletOptions {
  paths: SimPaths;
  nodeName: string;
  nodeIp: string;
  role: 'control-plane' | 'worker';
  /**
   * The kubelet's kubeconfig names another node's API server (this node joined a cluster,
   * ../cluster/): mirror pods and the Node are kept for that API, whatever this node's own
   * kube-apiserver does. A worker without a cluster assumes such an API, always up.
   */
  apiRemote?: boolean;
  /** klog -v (default 0, as kubeadm runs it, §1.6). */
  verbosity?: number;
  clock?: SimClock;
  timings?: Partial<SimTimings>;
  /** The pid written in klog headers and `_PID` (default process.pid). */
  pid?: number;
  /** Initialise an empty root like `kubeadm init/join` would (default true). */
  initIfEmpty?: boolean;
  /** Kubelet housekeeping period (mirror sync, API state), default 500 ms. */
  housekeepingMs?: number;
  /**
   * The kubelet's `--config`, `--config-dir` and flags (node paths): the configuration is
   * computed from them as the kubelet does (node/effective-config.ts). Absent: the config file
   * at paths.kubeletConfig alone (the app's Sandbox node).
   */
  config?: KubeletConfigSources;
  /** The runtime behind the CRI socket (default containerd). */
  runtime?: RuntimeIdentity;
  /** Where the kubelet's lines go (default the journal under kubelet.service). */
  output?: OutputTarget;
  /** kubeadm's add-ons and Node marks (default true). */
  kubeadm?: boolean;
  /** The host name journal entries carry (`_HOSTNAME`); default the node name. */
  hostname?: string;
  /** The emulated kubelet's minor release (default 32): some log lines changed level. */
  kubeletMinor?: number;
  /**
   * A restart: what the previous kubelet process published last. The runtime and the API server
   * kept running meanwhile, so their pods and objects are taken over (docs/kubelet.md §1.7).
   */
  previous?: SimNodeState;
}

export interface SimKubeletHandle {
  state(): SimNodeState;
  on(event: 'change', listener: () => void): void;
  off(event: 'change', listener: () => void): void;
  stop(): void;
  relist(): number;
  deletePod(namespace: string, name: string, gracePeriodSeconds?: number): { deleted: boolean };
  deleteNode(name: string): { deleted: boolean };
  applyPod(manifest: unknown): { pod: ApiPod; created: boolean };
  /** POST of a pod through the API (the REST API server, ../apiserver). */
  createPod(manifest: unknown, namespace: string): ApiPod;
  updateNode(
    name: string,
    change: Pick<ApiNode['metadata'], 'labels' | 'annotations'> & { spec: ApiNode['spec'] },
  ): ApiNode;
  /** A new resourceVersion from the API store's counter (a delete's watch event takes one). */
  nextResourceVersion(): string;
  patchMetadata(
    namespace: string,
    name: string,
    labels?: Record<string, string | null>,
    annotations?: Record<string, string | null>,
    finalizers?: string[],
  ): { pod: ApiPod };
  journal: KubeletJournal;
  /** The CRI endpoint of the kubelet's configuration (flag over config), if any. */
  runtimeEndpoint?: string;
  /** Where the kubelet serves 10250 and its healthz, from its configuration. */
  serving: KubeletServing;
  /** From now on the state says which runtime answers on the node's CRI socket. */
  publishRuntime(runtime: NonNullable<SimNodeState['runtime']>): void;
}

export function startSimKubelet(options: SimKubeletOptions): SimKubeletHandle {
  return new SimKubelet(options).handle();
}

/** RFC3339 with 9 fractional digits (RFC3339NanoFixed, §1.5). */
function seenTimestamp(ns: string): string {
  const big = BigInt(ns);
  return new Date(Number(big / 1_000_000n))
    .toISOString()
    .replace(/\.\d{3}Z$/, `.${(big % 1_000_000_000n).toString().padStart(9, '0')}Z`);
}

class SimKubelet {
  private readonly clock: SimClock;
  private readonly timings: SimTimings;
  private readonly journal: KubeletJournal;
  private readonly cri: CriStore;
  private readonly api: ApiView;
  /** Absent when staticPodPath is empty: the file source is disabled (docs/kubelet.md §6). */
  private readonly source?: FileSource;
  private readonly restored: RestoredRuntime;
  private publishedRuntime?: SimNodeState['runtime'];
  /** The effective kubelet configuration (flags over drop-ins over the config file). */
  readonly config: Pick<
    EffectiveKubeletConfig,
    'staticPodPath' | 'fileCheckFrequencyMs' | 'containerRuntimeEndpoint' | 'serving' | 'cgroupDriver'
  >;
  private readonly events = new EventEmitter();
  private readonly statics = new Map<string, StaticEntry>();
  private readonly apiWorkers = new Map<string, PodWorker>();
  private pending: StaticPod[] = [];
  private desired = new Set<string>();
  private readonly seen = new Map<string, string>();
  private housekeeping?: SimTimer;
  private chatter?: SimTimer;
  private emitQueued = false;
  private nextPodIp = 2;
  private lastDiskCheck?: { at: number; pressure: boolean };
  private stopped = false;

  constructor(private readonly opts: SimKubeletOptions) {
    const { paths } = opts;
    this.clock = opts.clock ?? realClock();
    this.timings = { ...DEFAULT_TIMINGS, ...opts.timings };
    if ((opts.initIfEmpty ?? true) && !isInitialised(paths))
      initSimNodeRoot(paths, {
        role: opts.role,
        nodeName: opts.nodeName,
        nodeIp: opts.nodeIp,
        // With its real flags (a test node) the kubelet serves ports: on its node IP, not the
        // loopback every test node shares.
        localAddress: opts.config ? opts.nodeIp : undefined,
      });
    // Without --config and --config-dir, the config file at its kubeadm place (the app's
    // Sandbox node and older test nodes start that way).
    const sources = opts.config ?? { flags: new Map<string, string>() };
    const config = effectiveKubeletConfig(
      sources.configFile || sources.configDir ? sources : { ...sources, configFile: paths.kubeletConfig },
      (p) => nodePathToHost(paths, p),
    );
    this.config = config;
    const identity = loadOrCreateIdentity(paths);
    this.journal = new KubeletJournal({
      file: paths.journalFile,
      clock: this.clock,
      pid: opts.pid ?? process.pid,
      hostname: opts.hostname ?? opts.nodeName,
      bootId: identity.bootId,
      verbosity: opts.verbosity ?? config.verbosity,
      output: opts.output,
      format: config.loggingFormat,
    });
    const runtime = opts.runtime ?? DEFAULT_RUNTIME;
    this.cri = new CriStore(paths.root, this.clock, runtime.name);
    const changed = () => this.changed();
    this.api = new ApiView({
      clock: this.clock,
      journal: this.journal,
      timings: this.timings,
      nodeName: opts.nodeName,
      nodeIp: opts.nodeIp,
      nodeUid: identity.nodeUid,
      bootId: identity.bootId,
      role: opts.role,
      apiElsewhere: this.apiElsewhere,
      nodeReady: () => this.cniReady(),
      changed,
      runtime,
      runtimeEndpoint: config.containerRuntimeEndpoint ?? 'unix:///var/run/containerd/containerd.sock',
      kubeadm: opts.kubeadm ?? true,
    });
    const previous = opts.previous?.nodeName === opts.nodeName ? opts.previous : undefined;
    this.restored = new RestoredRuntime(
      { cri: this.cri, clock: this.clock, journal: this.journal, timings: this.timings, changed },
      previous,
    );
    if (previous) this.api.restore(structuredClone(previous.apiPods), structuredClone(previous.node ?? null));
    this.nextPodIp = this.restored.highestPodIp() + 1;
    // An empty (or absent) staticPodPath disables the file source: no static pods (§6).
    if (config.staticPodPath) {
      // The config holds the node path (§6); nodePathToHost maps it to where the files are.
      const nodeDir = config.staticPodPath;
      this.journal.info({ file: 'kubelet.go', line: 402 }, 'Adding static pod path', [['path', nodeDir]]);
      this.source = new FileSource({
        hostDir: nodePathToHost(paths, nodeDir),
        nodeDir,
        nodeName: opts.nodeName,
        clock: this.clock,
        journal: this.journal,
        relistMs: config.fileCheckFrequencyMs,
        onUpdate: (pods) => this.reconcile(pods),
      });
      this.source.start();
    }
    this.tick();
    this.statusChatter();
  }

  /** The API this kubelet talks to is not its own node's kube-apiserver. */
  private get apiElsewhere(): boolean {
    return this.opts.role === 'worker' || this.opts.apiRemote === true;
  }

  handle(): SimKubeletHandle {
    return {
      state: () => this.state(),
      on: (_e, l) => void this.events.on('change', l),
      off: (_e, l) => void this.events.off('change', l),
      stop: () => this.stop(),
      relist: () => this.source?.relist() ?? 0,
      deletePod: (ns, name, grace) => {
        const result = this.api.deletePod(ns, name, grace);
        const worker = result.pod ? this.apiWorkers.get(result.pod.metadata.uid) : undefined;
        if (worker) this.stopApiWorker(result.pod as ApiPod, worker, grace);
        this.tick();
        return { deleted: result.deleted };
      },
      deleteNode: (name) => {
        this.api.deleteNode(name);
        this.tick();
        return { deleted: true };
      },
      applyPod: (m) => {
        const r = this.api.applyPod(m);
        this.tick();
        return r;
      },
      createPod: (m, ns) => {
        const pod = this.api.createPod(m, ns);
        this.tick();
        return pod;
      },
      updateNode: (name, change) => {
        const node = this.api.updateNode(name, change);
        this.tick();
        return node;
      },
      nextResourceVersion: () => this.api.store.nextResourceVersion(),
      patchMetadata: (ns, name, labels, annotations, finalizers) => {
        const pod = this.api.patchMetadata(ns, name, labels, annotations, finalizers);
        this.tick();
        return { pod };
      },
      journal: this.journal,
      runtimeEndpoint: this.config.containerRuntimeEndpoint,
      serving: this.config.serving,
      publishRuntime: (runtime) => {
        this.publishedRuntime = runtime;
        this.changed();
      },
    };
  }

  private stop(): void {
    this.stopped = true;
    this.source?.stop();
    this.clock.clearTimer(this.housekeeping);
    this.clock.clearTimer(this.chatter);
    // The runtime does not stop with the kubelet: every pod keeps running as it is (§1.7).
    for (const e of this.statics.values()) e.worker.detach();
    for (const w of this.apiWorkers.values()) w.detach();
    this.restored.stop();
  }

  /** podStorage.merge: diff the file source's set by UID → REMOVE / ADD (§1.6). */
  private reconcile(pods: StaticPod[]): void {
    this.desired = new Set(pods.map((p) => p.uid));
    for (const [uid, entry] of this.statics) {
      if (
        this.desired.has(uid) ||
        entry.worker.phase === 'terminating' ||
        entry.worker.phase === 'terminated'
      )
        continue;
      this.journal.info(
        { file: 'kubelet.go', line: 2417 },
        'SyncLoop REMOVE',
        [
          ['source', 'file'],
          ['pods', [entry.worker.fullName]],
        ],
        2,
      );
      entry.worker.terminate(undefined, () => {
        this.clock.setTimer(() => {
          entry.worker.remove();
          this.statics.delete(uid);
          this.tick();
        }, this.timings.removeTerminatedAfterMs);
        this.startPending();
        this.tick();
      });
    }
    this.pending = this.pending.filter((p) => this.desired.has(p.uid));
    for (const sp of pods) {
      if (this.statics.has(sp.uid) || this.pending.some((p) => p.uid === sp.uid)) continue;
      const fullName = sp.key;
      const seen = this.seen.get(sp.uid) ?? seenTimestamp(this.clock.nowNs());
      this.seen.set(sp.uid, seen);
      const pod = structuredClone(sp.pod);
      pod.metadata.annotations = {
        ...(pod.metadata.annotations ?? {}),
        [ANNOTATION_CONFIG_SEEN]: seen,
        [ANNOTATION_CONFIG_SOURCE]: 'file',
      };
      this.journal.info({ file: 'config.go', line: 397 }, 'Receiving a new pod', [['pod', fullName]], 4);
      this.journal.info(
        { file: 'kubelet.go', line: 2407 },
        'SyncLoop ADD',
        [
          ['source', 'file'],
          ['pods', [fullName]],
        ],
        2,
      );
      this.pending.push({ ...sp, pod });
    }
    this.startPending();
    this.changed();
  }

  /** Static pods with the same full name are serialized (allowStaticPodStart, §1.7). */
  private startPending(): void {
    if (this.stopped) return;
    this.pending = this.pending.filter((sp) => {
      const blocked = [...this.statics.values()].some(
        (e) => e.sp.key === sp.key && e.worker.phase !== 'terminated',
      );
      if (blocked) return true;
      const worker = new PodWorker(
        { uid: sp.uid, name: sp.name, namespace: sp.namespace, pod: sp.pod },
        this.workerDeps(),
      );
      this.statics.set(sp.uid, { sp, worker });
      const kept = this.restored.claim(sp.uid);
      if (kept) worker.adopt(kept.sandbox, kept.containers);
      else worker.start();
      return false;
    });
  }

  private workerDeps(): WorkerDeps {
    return {
      clock: this.clock,
      cri: this.cri,
      journal: this.journal,
      timings: this.timings,
      nodeIp: this.opts.nodeIp,
      podIp: () => `10.244.0.${this.nextPodIp++}`,
      cgroupConflict: () => this.cgroupConflict(),
      portTaken: (component, uid) =>
        this.allWorkers().some(
          (w) =>
            w.pod.uid !== uid &&
            w.pod.pod.spec.hostNetwork === true &&
            w.slots.some(
              (s) =>
                s.handlesSigterm &&
                s.current?.state === 'CONTAINER_RUNNING' &&
                (s.spec.command?.[0] ?? '').split('/').pop() === component,
            ),
        ),
      changed: () => this.changed(),
    };
  }

  private allWorkers(): PodWorker[] {
    return [...[...this.statics.values()].map((e) => e.worker), ...this.apiWorkers.values()];
  }

  private runningSince(containerName: string): number | undefined {
    for (const { worker } of this.statics.values()) {
      if (worker.phase !== 'active') continue;
      const slot = worker.slots.find(
        (s) => s.spec.name === containerName && s.handlesSigterm && s.current?.state === 'CONTAINER_RUNNING',
      );
      if (slot?.current) return Number(BigInt(slot.current.startedAtNs) / 1_000_000n);
    }
    return this.restored.runningSince(containerName);
  }

  /** Housekeeping: API state, mirrors, add-ons, scheduling, API pod workers. */
  private tick(): void {
    if (this.stopped) return;
    this.clock.clearTimer(this.housekeeping);
    if (this.api.updateUp(this.runningSince('kube-apiserver'))) this.changed();
    if (this.api.up) {
      this.api.nodes.syncStatus(this.cniReady());
      this.api.nodes.syncDiskPressure(this.diskPressure());
    }
    this.api.collectGarbage(this.apiElsewhere || this.runningSince('kube-controller-manager') !== undefined);
    const entries = [...this.statics.values()].filter(
      (e) => this.desired.has(e.sp.uid) || e.worker.phase !== 'active',
    );
    this.api.syncMirrors(entries);
    const apiserverImage = entries
      .find((e) => e.sp.pod.spec.containers.some((c) => c.name === 'kube-apiserver'))
      ?.sp.pod.spec.containers.find((c) => c.name === 'kube-apiserver')?.image;
    this.api.syncAddons(apiserverImage ? imageTag(apiserverImage) : 'v1.32.2');
    const schedulerUp = this.apiElsewhere || this.runningSince('kube-scheduler') !== undefined;
    this.api.schedule(schedulerUp, this.cniReady());
    this.syncApiWorkers();
    // The sources are ready once the API has answered: pods no source claimed are killed.
    if (this.api.up) this.restored.killUnclaimed();
    this.housekeeping = this.clock.setTimer(() => this.tick(), this.opts.housekeepingMs ?? 500);
  }

  /**
   * The kubelet's cgroupDriver against containerd's runc `SystemdCgroup` (read from its config
   * file at each check; the real containerd reads it at its start). CRI-O is not simulated here.
   */
  private cgroupConflict(): boolean {
    if ((this.opts.runtime ?? DEFAULT_RUNTIME).name !== 'containerd') return false;
    // Only kubeadm's containerd reads /etc/containerd/config.toml: RKE2 and k3s run their own
    // containerd with a config they generate to match the kubelet (docs/distributions.md), so
    // without that file there is no conflict to simulate.
    if (!fs.existsSync(path.join(this.opts.paths.root, SIM_CONTAINERD_CONFIG))) return false;
    const runtime = readSimRuntimeConfig(this.opts.paths.root).systemdCgroup ? 'systemd' : 'cgroupfs';
    return runtime !== this.config.cgroupDriver;
  }

  /** The eviction manager's disk signals (node/disk-pressure.ts); logged when pressure starts. */
  private diskPressure(): boolean {
    const now = this.clock.now();
    if (this.lastDiskCheck && now - this.lastDiskCheck.at < DISK_CHECK_MS) return this.lastDiskCheck.pressure;
    const signal = diskPressureSignal(
      nodePathToHost(this.opts.paths, '/var/lib/kubelet'),
      path.join(this.opts.paths.root, SIM_IMAGE_FS),
    );
    const pressure = signal !== null;
    if (signal && !this.lastDiskCheck?.pressure)
      // [src: pkg/kubelet/eviction/eviction_manager.go synchronize; the line as seen in a v1.2x journal]
      this.journal.info(
        { file: 'eviction_manager.go', line: 366 },
        'Eviction manager: attempting to reclaim',
        [['resourceName', 'ephemeral-storage']],
      );
    this.lastDiskCheck = { at: now, pressure };
    return pressure;
  }

  private cniReady(): boolean {
    try {
      return fs.readdirSync(path.join(this.opts.paths.root, 'etc/cni/net.d')).some((n) => !n.startsWith('.'));
    } catch {
      return false;
    }
  }

  /** Pods bound to this node through the API run like static pods, keyed by their API UID. */
  private syncApiWorkers(): void {
    if (!this.api.up) return;
    for (const pod of this.api.store.pods) {
      if (isMirrorPod(pod) || pod.spec.nodeName !== this.opts.nodeName || pod.metadata.deletionTimestamp)
        continue;
      if (this.apiWorkers.has(pod.metadata.uid)) continue;
      const worker = new PodWorker(
        {
          uid: pod.metadata.uid,
          name: pod.metadata.name,
          namespace: pod.metadata.namespace,
          pod: pod as never,
        },
        this.workerDeps(),
      );
      this.apiWorkers.set(pod.metadata.uid, worker);
      this.journal.info(
        { file: 'kubelet.go', line: 2407 },
        'SyncLoop ADD',
        [
          ['source', 'api'],
          ['pods', [worker.fullName]],
        ],
        2,
      );
      const kept = this.restored.claim(pod.metadata.uid);
      if (kept) worker.adopt(kept.sandbox, kept.containers);
      else worker.start();
    }
    for (const pod of [...this.api.store.pods]) {
      if (pod.metadata.deletionTimestamp && !this.apiWorkers.has(pod.metadata.uid))
        this.api.store.remove(pod.metadata.uid);
    }
  }

  private stopApiWorker(pod: ApiPod, worker: PodWorker, grace: number | undefined): void {
    worker.terminate(grace, () => {
      this.api.store.remove(pod.metadata.uid);
      this.clock.setTimer(() => {
        worker.remove();
        this.apiWorkers.delete(pod.metadata.uid);
        this.changed();
      }, this.timings.removeTerminatedAfterMs);
    });
  }

  private get runtimeName(): string {
    return (this.opts.runtime ?? DEFAULT_RUNTIME).name;
  }

  private changed(): void {
    if (this.emitQueued || this.stopped) return;
    this.emitQueued = true;
    queueMicrotask(() => {
      this.emitQueued = false;
      this.events.emit('change');
    });
  }

  /**
   * The status manager's write of a pod's status: like every write to the API it takes a new
   * resourceVersion, and one that changes nothing is not made (status_manager.go skips
   * unchanged statuses), so watchers see each status change once.
   */
  private writeStatus(pod: ApiPod, status: ApiPod['status']): void {
    if (JSON.stringify(status) === JSON.stringify(pod.status)) return;
    pod.status = status;
    this.api.store.touch(pod);
    // The API's watch hands the changed pod back to the kubelet: an UPDATE from the api source
    // (kubelet.go syncLoopIteration, V(2); line as the sim's other SyncLoop lines, unverified).
    this.journal.info(
      { file: 'kubelet.go', line: 2412 },
      'SyncLoop UPDATE',
      [
        ['source', 'api'],
        ['pods', [`${pod.metadata.namespace}/${pod.metadata.name}`]],
      ],
      2,
    );
  }

  /**
   * Before v1.31 every GetPods() call logged, at V(2), "Pod status updated" for each static pod
   * with a status (kubelet_getters.go; kubernetes#98422, moved to V(4) by #125834); the eviction
   * manager calls it every 10 s and the filesystem resource analyzer every minute. At `--v=2`
   * that is the steady chatter of an idle node (OpenShift runs its kubelets at 2).
   */
  private statusChatter(): void {
    const minor = this.opts.kubeletMinor ?? 32;
    if (this.stopped || minor >= 31 || this.journal.verbosity < 2) return;
    let tick = 0;
    const every10s = () => {
      if (this.stopped) return;
      tick += 1;
      const rounds = tick % 6 === 0 ? 2 : 1; // the analyzer's minute adds a round
      for (let r = 0; r < rounds; r++) {
        for (const { sp, worker } of this.statics.values()) {
          if (worker.phase !== 'active') continue;
          const phase = String(podStatus(worker, this.opts.nodeIp, this.runtimeName).phase);
          this.journal.info(
            { file: 'kubelet_getters.go', line: 187 },
            'Pod status updated',
            [
              ['pod', sp.key],
              ['status', phase],
            ],
            2,
          );
        }
      }
      this.chatter = this.clock.setTimer(every10s, 10_000);
    };
    this.chatter = this.clock.setTimer(every10s, 10_000);
  }

  private state(): SimNodeState {
    const now = this.clock.now();
    const apiPods = this.api.store.pods.map((pod) => {
      const fullName = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (isMirrorPod(pod)) {
        const entry = [...this.statics.values()].find(
          (e) => e.sp.key === fullName && e.sp.uid === pod.metadata.annotations?.[ANNOTATION_CONFIG_MIRROR],
        );
        const at = this.api.statusAt.get(pod.metadata.uid);
        // The status manager writes a mirror's status only while its static pod is in the config;
        // after an edit (new UID) or removal it skips the update, and the API keeps the last one
        // written (§2.2; a held stale mirror stays Running → Terminating) [inf: status manager].
        if (entry && this.desired.has(entry.sp.uid) && at !== undefined && now >= at)
          this.writeStatus(pod, podStatus(entry.worker, this.opts.nodeIp, this.runtimeName));
      } else {
        const worker = this.apiWorkers.get(pod.metadata.uid);
        if (worker) this.writeStatus(pod, podStatus(worker, this.opts.nodeIp, this.runtimeName));
        else if (!pod.spec.nodeName) this.writeStatus(pod, unschedulableStatus());
      }
      return structuredClone(pod);
    });
    return {
      nodeName: this.opts.nodeName,
      role: this.opts.role,
      nodeIp: this.opts.nodeIp,
      apiServerUp: this.api.up,
      apiServing: this.api.serving,
      nodeUid: this.api.nodeUid,
      sandboxes: structuredClone(this.cri.sandboxes),
      containers: structuredClone(this.cri.containers),
      apiPods,
      node: structuredClone(this.api.nodes.node),
      kubeletPid: this.opts.pid ?? process.pid,
      ...(this.publishedRuntime ? { runtime: this.publishedRuntime } : {}),
      writtenAtNs: this.clock.nowNs(),
    };
  }
}
