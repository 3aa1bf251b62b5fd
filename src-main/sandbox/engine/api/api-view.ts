/**
 * The simulated API server as the kubelet sees it: up only while the kube-apiserver static pod
 * runs (control-plane role); mirror pods created, replaced when outdated and deleted when
 * orphaned (kubelet-facts §2.1–2.3); kubeadm's add-ons after the API first comes up; user
 * actions (`kubectl delete/apply/annotate`, §2.4).
 */
import type { ApiNode, ApiPod } from '../../model';
import type { SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import { decodeObject } from '../manifest/decode';
import { ANNOTATION_MIRROR, type StaticPod } from '../manifest/static-pod';
import type { PodWorker } from '../runtime/pod-worker';
import type { SimTimings } from '../runtime/timings';
import { corednsPod, kubeProxyPod, newAddonOwners, type AddonOwners } from './addons';
import { ApiStore } from './api-store';
import { buildMirrorPod, isMirrorOf, isMirrorPod } from './mirror';
import { withApiDefaults } from './pod-defaults';
import { NodeRegistration, ownedByMissingNode } from './node-object';

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

  constructor(private readonly deps: ApiViewDeps) {
    this.store = new ApiStore(deps.clock);
    const { clock, journal, nodeName, nodeIp, role, bootId, changed } = deps;
    this.nodes = new NodeRegistration({ clock, journal, nodeName, nodeIp, role, bootId, firstUid: deps.nodeUid, resourceVersion: () => this.store.nextResourceVersion(), changed });
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
    const up = this.deps.role === 'worker' || (apiServerRunningSinceMs !== undefined && now - apiServerRunningSinceMs >= this.deps.timings.apiReadyMs);
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
          this.deps.journal.error({ file: 'kubelet.go', line: 1915 }, 'Failed creating a mirror pod for', err, [['pod', fullName]]);
        }
        continue;
      }
      let mirror = this.store.find(sp.namespace, sp.name);
      if (mirror && !isMirrorOf(mirror, sp)) {
        this.deps.journal.info({ file: 'kubelet.go', line: 1908 }, 'Trying to delete pod', [['pod', fullName], ['podUID', mirror.metadata.uid]]);
        this.deps.journal.info({ file: 'mirror_client.go', line: 121 }, 'Deleting a mirror pod', [['pod', fullName], ['podUID', mirror.metadata.uid]], 2);
        this.store.remove(mirror.metadata.uid);
        this.statusAt.delete(mirror.metadata.uid);
        this.deps.journal.info(KUBELET_GO, 'Deleted mirror pod because it is outdated', [['pod', fullName]]);
        mirror = undefined;
        this.deps.changed();
      }
      if (mirror) continue;
      const deleted = this.deletedAt.get(fullName);
      if (deleted !== undefined && now - deleted < this.deps.timings.mirrorRecreateMs) continue;
      this.deletedAt.delete(fullName);
      // §2.2 step 2: no Node object (deleted, not registered) → no mirror.
      const owner = this.nodes.ownerUid();
      if (!owner) {
        this.nodes.noMirror(fullName);
        continue;
      }
      this.deps.journal.info({ file: 'kubelet.go', line: 1899 }, 'Creating a mirror pod for static pod', [['pod', fullName]], 4);
      const annotations = { ...(sp.pod.metadata.annotations ?? {}) };
      const created = this.store.create(buildMirrorPod(sp, annotations, this.deps.nodeName, owner));
      this.statusAt.set(created.metadata.uid, now + this.deps.timings.mirrorStatusMs);
      this.deps.changed();
    }
    this.cleanOrphans(entries);
  }

  /** Mirrors whose static pod is gone (manifest removed, pod terminated) are deleted (§2.3). */
  private cleanOrphans(entries: StaticEntry[]): void {
    if (!this.up) return;
    const live = new Set(entries.filter((e) => e.worker.phase !== 'terminated').map((e) => `${e.sp.namespace}/${e.sp.name}`));
    for (const pod of [...this.store.pods]) {
      if (!isMirrorPod(pod) || live.has(`${pod.metadata.namespace}/${pod.metadata.name}`)) continue;
      this.store.remove(pod.metadata.uid);
      this.statusAt.delete(pod.metadata.uid);
      this.deps.journal.info({ file: 'kubelet_pods.go', line: 1197 }, 'Deleted mirror pod', [['pod', `${pod.metadata.namespace}/${pod.metadata.name}`]], 3);
      this.deps.changed();
    }
  }

  /** kubeadm's add-on phase, once, a little after the API first answers. */
  syncAddons(version: string): void {
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

  /** `kubectl delete pod`: a mirror goes at once (its containers keep running, §2.4). */
  deletePod(namespace: string, name: string): { deleted: boolean; pod?: ApiPod } {
    if (!this.up) throw new Error(this.refusedError());
    const pod = this.store.find(namespace, name);
    if (!pod) throw new Error(`pods "${name}" not found`);
    if (isMirrorPod(pod)) {
      this.store.remove(pod.metadata.uid);
      this.statusAt.delete(pod.metadata.uid);
      this.deletedAt.set(`${namespace}/${name}`, this.deps.clock.now());
    } else {
      pod.metadata.deletionTimestamp = new Date(this.deps.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      this.store.touch(pod);
    }
    this.deps.changed();
    return { deleted: true, pod };
  }

  /** `kubectl apply -f`: an ordinary pod, no node suffix (§2.4). Existing → metadata update. */
  applyPod(manifest: unknown): { pod: ApiPod; created: boolean } {
    if (!this.up) throw new Error(this.refusedError());
    const decoded = decodeObject(manifest, '<stdin>');
    if (!decoded.ok) throw new Error(`error: ${decoded.error.replace(/^<stdin>: /, '')}`);
    const src = decoded.pod;
    const name = src.metadata.name;
    if (!name) throw new Error('error: resource name may not be empty');
    const namespace = src.metadata.namespace || 'default';
    const lastApplied = JSON.stringify(manifest);
    const annotations = { ...(src.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': lastApplied + '\n' };
    const existing = this.store.find(namespace, name);
    if (existing) {
      existing.metadata.labels = { ...(src.metadata.labels ?? {}) };
      existing.metadata.annotations = { ...(existing.metadata.annotations ?? {}), ...annotations };
      this.store.touch(existing);
      this.deps.changed();
      return { pod: existing, created: false };
    }
    const pod = this.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, labels: { ...(src.metadata.labels ?? {}) }, annotations },
      spec: withApiDefaults(src.spec),
      status: { phase: 'Pending', qosClass: 'Burstable' },
    });
    this.deps.changed();
    return { pod, created: true };
  }

  /** `kubectl label/annotate`: kept as is, never reverted, unless config.mirror changes (§2.4). */
  patchMetadata(namespace: string, name: string, labels?: Record<string, string | null>, annotations?: Record<string, string | null>): ApiPod {
    if (!this.up) throw new Error(this.refusedError());
    const pod = this.store.find(namespace, name);
    if (!pod) throw new Error(`pods "${name}" not found`);
    const apply = (target: Record<string, string>, patch: Record<string, string | null> | undefined) => {
      for (const [k, v] of Object.entries(patch ?? {})) {
        if (v === null) delete target[k];
        else target[k] = v;
      }
      return target;
    };
    pod.metadata.labels = apply({ ...(pod.metadata.labels ?? {}) }, labels);
    pod.metadata.annotations = apply({ ...(pod.metadata.annotations ?? {}) }, annotations);
    this.store.touch(pod);
    this.deps.changed();
    return pod;
  }

  /** `kubectl delete node NAME` (§2.4 last point). */
  deleteNode(name: string): void {
    if (!this.up) throw new Error(this.refusedError());
    this.nodes.delete(name);
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
   * status, kubeadm's add-ons are not made again, and the Node is as it was (kubelet-facts §1.7).
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
    if (rs || ds) this.addons = { replicaSetName: rs?.name ?? '', replicaSetUid: rs?.uid ?? '', daemonSetUid: ds?.uid ?? '' };
  }

  isMirrorAnnotation(key: string): boolean {
    return key === ANNOTATION_MIRROR;
  }
}
