/**
 * The simulated API server as the kubelet sees it: up only while the kube-apiserver static pod
 * runs (control-plane role); mirror pods created, replaced when outdated and deleted when
 * orphaned (docs/kubelet.md §2.1–2.3); kubeadm's add-ons after the API first comes up; user
 * actions (`kubectl delete/apply/annotate`, §2.4).
 */
import type { ApiNode, ApiPod } from '../../model';
import type { SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import { decodeObject } from '../../../kubelet/manifest-decode';
import { ANNOTATION_CONFIG_MIRROR } from '../../../kubelet/config-annotations';
import type { StaticPod } from '../../../kubelet/static-pod';
import type { PodObject } from '../../../kubelet/pod-object';
import type { PodWorker } from '../runtime/pod-worker';
import type { SimTimings } from '../runtime/timings';
import { corednsPod, kubeProxyPod, newAddonOwners, type AddonOwners } from './addons';
import { ApiStore } from './api-store';
import { buildMirrorPod, isMirrorOf, isMirrorPod } from './mirror';
import { withApiDefaults } from './pod-defaults';
import { MIRROR_RETRY_LOG_MS, RepeatLimiter } from './repeat-limiter';
import { NodeRegistration, ownedByMissingNode } from './node-object';
import type { RuntimeIdentity } from '../../daemon/sim-env';

/** A decoded pod manifest whose name is known to be set. */
type NamedPod = PodObject & { metadata: { name: string } };

const KUBELET_GO = { file: 'kubelet.go', line: 1913 } as const;

export interface StaticEntry {
  sp: StaticPod;
  worker: PodWorker;
}

export interface ApiViewDeps {
  clock: SimClock;
  journal: KubeletJournal;
  timings: SimTimings;
  nodeName: string;
  nodeIp: string;
  nodeUid: string;
  bootId: string;
  role: 'control-plane' | 'worker';
  /** The Node's Ready condition: whether the pod network is configured. */
  nodeReady: () => boolean;
  changed: () => void;
  runtime: RuntimeIdentity;
  runtimeEndpoint: string;
  /** kubeadm's marks on the Node and its add-ons (coredns, kube-proxy); false for RKE2, k3s. */
  kubeadm: boolean;
}

export class ApiView {
  readonly store: ApiStore;
  up = false;
  private upSinceMs?: number;
  /** The Node object and this kubelet's registration (node-object.ts). */
  readonly nodes: NodeRegistration;
  private addons?: AddonOwners;
  /** Mirror API UID → when the status manager has pushed its first status. */
  readonly statusAt = new Map<string, number>();
  /** `ns/name` → when the user deleted the mirror (re-created after mirrorRecreateMs). */
  private deletedAt = new Map<string, number>();
  private reportedDown = new Set<string>();
  /** Mirror API UID → last time its failed replacement was logged (repeat-limiter.ts). */
  private readonly retryLog = new RepeatLimiter(MIRROR_RETRY_LOG_MS);

  constructor(private readonly deps: ApiViewDeps) {
    this.store = new ApiStore(deps.clock);
    const { clock, journal, nodeName, nodeIp, role, bootId, changed } = deps;
    this.nodes = new NodeRegistration({
      clock,
      journal,
      nodeName,
      nodeIp,
      role,
      bootId,
      firstUid: deps.nodeUid,
      resourceVersion: () => this.store.nextResourceVersion(),
      changed,
      runtime: deps.runtime,
      runtimeEndpoint: deps.runtimeEndpoint,
      kubeadm: deps.kubeadm,
    });
  }

  get nodeUid(): string {
    return this.nodes.node?.metadata.uid ?? this.deps.nodeUid;
  }

  /** Connection error the API clients see while the API server is down. */
  refusedError(): string {
    return `The connection to the server ${this.deps.nodeIp}:6443 was refused - did you specify the right host or port?`;
  }

  /** Re-evaluates whether the API answers; returns true if that changed. */
  updateUp(apiServerRunningSinceMs: number | undefined): boolean {
    const now = this.deps.clock.now();
    const up =
      this.deps.role === 'worker' ||
      (apiServerRunningSinceMs !== undefined &&
        now - apiServerRunningSinceMs >= this.deps.timings.apiReadyMs);
    if (up === this.up) return false;
    this.up = up;
    this.upSinceMs = up ? now : undefined;
    this.reportedDown.clear();
    if (up) this.nodes.register(this.deps.nodeReady());
    return true;
  }

  /** SyncPod's mirror handling for every live static pod, then orphan cleanup (§2.2, §2.3). */
  syncMirrors(entries: StaticEntry[]): void {
    const now = this.deps.clock.now();
    for (const { sp, worker } of entries) {
      if (worker.phase === 'terminating' || worker.phase === 'terminated') continue;
      const fullName = `${sp.namespace}/${sp.name}`;
      if (!this.up) {
        if (!this.reportedDown.has(sp.uid) && this.deps.role === 'control-plane') {
          this.reportedDown.add(sp.uid);
          const err = `Post "https://${this.deps.nodeIp}:6443/api/v1/namespaces/${sp.namespace}/pods": dial tcp ${this.deps.nodeIp}:6443: connect: connection refused`;
          this.deps.journal.error(
            { file: 'kubelet.go', line: 1915 },
            'Failed creating a mirror pod for',
            err,
            [['pod', fullName]],
          );
        }
        continue;
      }
      const mirror = this.store.find(sp.namespace, sp.name);
      if (mirror && (isMirrorOf(mirror, sp) || !this.deleteOutdated(mirror, fullName, now))) continue;
      const deleted = this.deletedAt.get(fullName);
      if (deleted !== undefined && now - deleted < this.deps.timings.mirrorRecreateMs) continue;
      this.deletedAt.delete(fullName);
      // §2.2 step 2: no Node object (deleted, not registered) → no mirror.
      const owner = this.nodes.ownerUid();
      if (!owner) {
        this.nodes.noMirror(fullName);
        continue;
      }
      this.deps.journal.info(
        { file: 'kubelet.go', line: 1899 },
        'Creating a mirror pod for static pod',
        [['pod', fullName]],
        4,
      );
      const annotations = { ...(sp.pod.metadata.annotations ?? {}) };
      const created = this.store.create(buildMirrorPod(sp, annotations, this.deps.nodeName, owner));
      this.statusAt.set(created.metadata.uid, now + this.deps.timings.mirrorStatusMs);
      this.deps.changed();
    }
    this.cleanOrphans(entries);
  }

  /**
   * §2.2 step 1: an outdated mirror (another hash, or being deleted) is deleted with grace 0 and
   * a UID precondition, and the new one is created in the same sync. A finalizer keeps the old
   * object (the delete only marks it), so that create fails with AlreadyExists (§2.1) on every
   * sync until the finalizer is removed; those repeats are logged once a period [inf].
   * Returns true when the old mirror is gone.
   */
  private deleteOutdated(mirror: ApiPod, fullName: string, now: number): boolean {
    const uid = mirror.metadata.uid;
    const outcome = this.store.remove(uid);
    if (outcome !== 'unchanged') this.retryLog.forget(uid);
    const say = this.retryLog.allow(uid, now);
    if (say) {
      this.deps.journal.info({ file: 'kubelet.go', line: 1908 }, 'Trying to delete pod', [
        ['pod', fullName],
        ['podUID', uid],
      ]);
      this.deps.journal.info(
        { file: 'mirror_client.go', line: 121 },
        'Deleting a mirror pod',
        [
          ['pod', fullName],
          ['podUID', uid],
        ],
        2,
      );
      this.deps.journal.info(KUBELET_GO, 'Deleted mirror pod because it is outdated', [['pod', fullName]]);
    }
    if (outcome === 'gone') {
      this.statusAt.delete(uid);
      this.retryLog.forget(uid);
      this.deps.changed();
      return true;
    }
    if (outcome === 'marked') this.deps.changed();
    if (say) {
      this.deps.journal.info(
        { file: 'kubelet.go', line: 1899 },
        'Creating a mirror pod for static pod',
        [['pod', fullName]],
        4,
      );
      this.deps.journal.error(
        { file: 'kubelet.go', line: 1915 },
        'Failed creating a mirror pod for',
        `pods "${mirror.metadata.name}" already exists`,
        [['pod', fullName]],
      );
    }
    return false;
  }

  /**
   * Mirrors whose static pod is gone (manifest removed, pod terminated) are deleted (§2.3); one
   * held by a finalizer stays marked, and the kubelet repeats the delete each cleanup [inf].
   */
  private cleanOrphans(entries: StaticEntry[]): void {
    if (!this.up) return;
    const live = new Set(
      entries.filter((e) => e.worker.phase !== 'terminated').map((e) => `${e.sp.namespace}/${e.sp.name}`),
    );
    for (const pod of [...this.store.pods]) {
      if (!isMirrorPod(pod) || live.has(`${pod.metadata.namespace}/${pod.metadata.name}`)) continue;
      const uid = pod.metadata.uid;
      const outcome = this.store.remove(uid);
      if (outcome !== 'unchanged') this.retryLog.forget(uid);
      if (this.retryLog.allow(uid, this.deps.clock.now())) {
        this.deps.journal.info(
          { file: 'kubelet_pods.go', line: 1197 },
          'Deleted mirror pod',
          [['pod', `${pod.metadata.namespace}/${pod.metadata.name}`]],
          3,
        );
      }
      if (outcome === 'gone') {
        this.statusAt.delete(uid);
        this.retryLog.forget(uid);
      }
      if (outcome !== 'unchanged') this.deps.changed();
    }
  }

  /** kubeadm's add-on phase, once, a little after the API first answers. */
  syncAddons(version: string): void {
    if (!this.deps.kubeadm) return;
    if (!this.up || this.addons || this.upSinceMs === undefined) return;
    if (this.deps.clock.now() - this.upSinceMs < this.deps.timings.addonsMs) return;
    this.addons = newAddonOwners();
    if (this.deps.role === 'control-plane') {
      this.store.create(corednsPod(this.addons));
      this.store.create(corednsPod(this.addons));
    }
    this.store.create(kubeProxyPod(this.addons, version, this.deps.nodeName));
    this.deps.changed();
  }

  /** Ordinary pods get a node once the scheduler could place them (pod network needed unless hostNetwork). */
  schedule(schedulerUp: boolean, cniReady: boolean): void {
    if (!this.up || !schedulerUp) return;
    for (const pod of this.store.pods) {
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp) continue;
      if (pod.spec.hostNetwork !== true && !cniReady) continue;
      pod.spec.nodeName = this.deps.nodeName;
      this.store.touch(pod);
      this.deps.changed();
    }
  }

  /**
   * `kubectl delete pod`: a mirror goes at once (the kubelet force-deletes it at its next sync;
   * its containers keep running, §2.4) unless a finalizer holds it, then it stays marked. An
   * ordinary pod is marked for its grace period (none when unscheduled) and goes once the
   * kubelet has stopped it.
   */
  deletePod(
    namespace: string,
    name: string,
    gracePeriodSeconds?: number,
  ): { deleted: boolean; pod?: ApiPod } {
    if (!this.up) throw new Error(this.refusedError());
    const pod = this.store.find(namespace, name);
    if (!pod) throw new Error(`pods "${name}" not found`);
    if (isMirrorPod(pod)) {
      if (this.store.remove(pod.metadata.uid) === 'gone') {
        this.statusAt.delete(pod.metadata.uid);
        this.deletedAt.set(`${namespace}/${name}`, this.deps.clock.now());
      }
    } else {
      const podGrace =
        typeof pod.spec.terminationGracePeriodSeconds === 'number'
          ? pod.spec.terminationGracePeriodSeconds
          : 30;
      this.store.remove(pod.metadata.uid, pod.spec.nodeName ? (gracePeriodSeconds ?? podGrace) : 0);
    }
    this.deps.changed();
    return { deleted: true, pod };
  }

  /** `kubectl apply -f`: an ordinary pod, no node suffix (§2.4). Existing → metadata update. */
  applyPod(manifest: unknown): { pod: ApiPod; created: boolean } {
    const src = this.decodePod(manifest);
    const namespace = src.metadata.namespace || 'default';
    const lastApplied = JSON.stringify(manifest);
    const annotations = {
      ...(src.metadata.annotations ?? {}),
      'kubectl.kubernetes.io/last-applied-configuration': lastApplied + '\n',
    };
    const existing = this.store.find(namespace, src.metadata.name);
    if (existing) {
      existing.metadata.labels = { ...(src.metadata.labels ?? {}) };
      existing.metadata.annotations = { ...(existing.metadata.annotations ?? {}), ...annotations };
      this.store.touch(existing);
      this.deps.changed();
      return { pod: existing, created: false };
    }
    return { pod: this.storeNewPod(src, namespace, annotations), created: true };
  }

  /**
   * A pod created through the API as sent (POST, what `kubectl create` and a first
   * `kubectl apply` send, the latter with its last-applied annotation already in the object).
   * Fails with the API's AlreadyExists text when the name is taken.
   */
  createPod(manifest: unknown, namespace: string): ApiPod {
    const src = this.decodePod(manifest);
    if (this.store.find(namespace, src.metadata.name))
      throw new Error(`pods "${src.metadata.name}" already exists`);
    return this.storeNewPod(src, namespace, { ...(src.metadata.annotations ?? {}) });
  }

  private decodePod(manifest: unknown): NamedPod {
    if (!this.up) throw new Error(this.refusedError());
    const decoded = decodeObject(manifest, '<stdin>');
    if (!decoded.ok) throw new Error(`error: ${decoded.error.replace(/^<stdin>: /, '')}`);
    const { pod } = decoded;
    const name = pod.metadata.name;
    if (!name) throw new Error('error: resource name may not be empty');
    return { ...pod, metadata: { ...pod.metadata, name } };
  }

  private storeNewPod(src: NamedPod, namespace: string, annotations: Record<string, string>): ApiPod {
    const pod = this.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: src.metadata.name,
        namespace,
        labels: { ...(src.metadata.labels ?? {}) },
        annotations,
      },
      spec: withApiDefaults(src.spec),
      status: { phase: 'Pending', qosClass: 'Burstable' },
    });
    this.deps.changed();
    return pod;
  }

  /**
   * `kubectl label/annotate/patch`: kept as is, never reverted, unless config.mirror changes
   * (§2.4). `finalizers` replaces the list; no new one may be added to an object being deleted,
   * and removing the last one from a force-deleted object deletes it (api-store.ts).
   */
  patchMetadata(
    namespace: string,
    name: string,
    labels?: Record<string, string | null>,
    annotations?: Record<string, string | null>,
    finalizers?: string[],
  ): ApiPod {
    if (!this.up) throw new Error(this.refusedError());
    const pod = this.store.find(namespace, name);
    if (!pod) throw new Error(`pods "${name}" not found`);
    const current = pod.metadata.finalizers ?? [];
    const added = (finalizers ?? []).filter((f) => !current.includes(f));
    if (pod.metadata.deletionTimestamp && added.length) {
      throw new Error(
        `The Pod "${name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
      );
    }
    const apply = (target: Record<string, string>, patch: Record<string, string | null> | undefined) => {
      for (const [k, v] of Object.entries(patch ?? {})) {
        if (v === null) delete target[k];
        else target[k] = v;
      }
      return target;
    };
    const before = JSON.stringify(pod.metadata);
    pod.metadata.labels = apply({ ...(pod.metadata.labels ?? {}) }, labels);
    pod.metadata.annotations = apply({ ...(pod.metadata.annotations ?? {}) }, annotations);
    if (finalizers !== undefined && this.store.setFinalizers(pod, finalizers))
      this.statusAt.delete(pod.metadata.uid);
    // A patch that changes nothing leaves the resourceVersion alone, as the API server does.
    if (JSON.stringify(pod.metadata) !== before) {
      this.store.touch(pod);
      this.deps.changed();
    }
    return pod;
  }

  /** `kubectl delete node NAME` (§2.4 last point). */
  deleteNode(name: string): void {
    if (!this.up) throw new Error(this.refusedError());
    this.nodes.delete(name);
  }

  /** An update of the Node's labels, annotations and spec (`kubectl label|cordon|taint node`). */
  updateNode(
    name: string,
    change: Pick<ApiNode['metadata'], 'labels' | 'annotations'> & { spec: ApiNode['spec'] },
  ): ApiNode {
    if (!this.up) throw new Error(this.refusedError());
    return this.nodes.update(name, change);
  }

  /**
   * kube-controller-manager's garbage collector: pods owned by a Node that no longer exists
   * (mirror pods, §2.1) are deleted through their ownerReference (§2.4), while it runs.
   */
  collectGarbage(collectorRuns: boolean): void {
    if (!this.up || !collectorRuns) return;
    for (const pod of ownedByMissingNode(this.store.pods, this.nodes.node)) {
      if (pod.metadata.deletionTimestamp) continue;
      this.store.remove(pod.metadata.uid);
      if (!this.store.pods.includes(pod)) this.statusAt.delete(pod.metadata.uid);
      this.deps.changed();
    }
  }

  /**
   * A kubelet restart: the API server (etcd) kept its objects, so mirrors keep their UIDs and
   * status, kubeadm's add-ons are not made again, and the Node is as it was (docs/kubelet.md §1.7).
   */
  restore(pods: ApiPod[], node: ApiNode | null): void {
    const now = this.deps.clock.now();
    for (const pod of pods) {
      this.store.pods.push(pod);
      if (isMirrorPod(pod)) this.statusAt.set(pod.metadata.uid, now);
    }
    this.nodes.restore(node);
    const owners = pods.flatMap((p) => p.metadata.ownerReferences ?? []);
    const rs = owners.find((o) => o.kind === 'ReplicaSet');
    const ds = owners.find((o) => o.kind === 'DaemonSet');
    if (rs || ds)
      this.addons = {
        replicaSetName: rs?.name ?? '',
        replicaSetUid: rs?.uid ?? '',
        daemonSetUid: ds?.uid ?? '',
      };
  }

  isMirrorAnnotation(key: string): boolean {
    return key === ANNOTATION_CONFIG_MIRROR;
  }
}
