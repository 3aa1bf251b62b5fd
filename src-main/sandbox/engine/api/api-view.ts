/**
 * The simulated API server as the kubelet sees it: up only while the kube-apiserver static pod
 * runs (control-plane role); mirror pods created, replaced when outdated and deleted when
 * orphaned (docs/kubelet.md §2.1–2.3); kubeadm's add-ons after the API first comes up; user
 * actions (`kubectl delete/apply/annotate`, §2.4).
 */
import type { ApiNode, ApiPod } from '../../model';
import type { SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import { ANNOTATION_CONFIG_MIRROR } from '../../../kubelet/config-annotations';
import type { SimTimings } from '../runtime/timings';
import { corednsPod, kubeProxyPod, newAddonOwners, type AddonOwners } from './addons';
import { ApiStore } from './api-store';
import { isMirrorPod } from './mirror';
import { MirrorSync, type StaticEntry } from './mirror-sync';
import { NodeRegistration, ownedByMissingNode } from './node-object';
import { applyPod, createPod, patchMetadata, type MetadataPatch, type PodWriteTarget } from './pod-writes';
import type { RuntimeIdentity } from '../../daemon/sim-env';

export type { StaticEntry } from './mirror-sync';

export interface ApiViewDeps {
  clock: SimClock;
  journal: KubeletJournal;
  timings: SimTimings;
  nodeName: string;
  nodeIp: string;
  nodeUid: string;
  bootId: string;
  role: 'control-plane' | 'worker';
  /**
   * The kubelet's kubeconfig names another node's API server (a node that joined a cluster):
   * the API it talks to does not depend on a kube-apiserver of its own, and kubeadm's cluster
   * add-ons (coredns) were made by the first control plane. A worker is always so.
   */
  apiElsewhere: boolean;
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
  /** Whether the API server this kubelet talks to answers. */
  up = false;
  /** Whether this node's own kube-apiserver serves (its container has run for apiReadyMs). */
  serving = false;
  private upSinceMs?: number;
  /** The Node object and this kubelet's registration (node-object.ts). */
  readonly nodes: NodeRegistration;
  private addons?: AddonOwners;
  /** Mirror API UID → when the status manager has pushed its first status. */
  readonly statusAt = new Map<string, number>();
  /** The kubelet's mirror pods (mirror-sync.ts). */
  private readonly mirrors: MirrorSync;
  /** What user writes to pods touch (pod-writes.ts). */
  private readonly writeTarget: PodWriteTarget;

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
    this.mirrors = new MirrorSync({
      ...deps,
      store: this.store,
      nodes: this.nodes,
      statusAt: this.statusAt,
      up: () => this.up,
    });
    this.writeTarget = { store: this.store, statusAt: this.statusAt, changed };
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
    const localReady =
      apiServerRunningSinceMs !== undefined && now - apiServerRunningSinceMs >= this.deps.timings.apiReadyMs;
    // A worker's stand-in API (no cluster) serves whenever its kubelet runs.
    const serving = this.deps.role === 'worker' || localReady;
    const servingChanged = serving !== this.serving;
    this.serving = serving;
    const up = this.deps.apiElsewhere || localReady;
    if (up === this.up) return servingChanged;
    this.up = up;
    this.upSinceMs = up ? now : undefined;
    this.mirrors.apiChanged();
    if (up) this.nodes.register(this.deps.nodeReady());
    return true;
  }

  /** SyncPod's mirror handling for every live static pod, then orphan cleanup (§2.2, §2.3). */
  syncMirrors(entries: StaticEntry[]): void {
    this.mirrors.sync(entries);
  }

  /** kubeadm's add-on phase, once, a little after the API first answers. */
  syncAddons(version: string): void {
    if (!this.deps.kubeadm) return;
    if (!this.up || this.addons || this.upSinceMs === undefined) return;
    if (this.deps.clock.now() - this.upSinceMs < this.deps.timings.addonsMs) return;
    this.addons = newAddonOwners();
    if (!this.deps.apiElsewhere) {
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
        this.mirrors.userDeleted(`${namespace}/${name}`, this.deps.clock.now());
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

  /** `kubectl apply -f` (pod-writes.ts). */
  applyPod(manifest: unknown): { pod: ApiPod; created: boolean } {
    if (!this.up) throw new Error(this.refusedError());
    return applyPod(this.writeTarget, manifest);
  }

  /** A pod created through the API as sent (pod-writes.ts). */
  createPod(manifest: unknown, namespace: string): ApiPod {
    if (!this.up) throw new Error(this.refusedError());
    return createPod(this.writeTarget, manifest, namespace);
  }

  /** `kubectl label/annotate/patch` (pod-writes.ts). */
  patchMetadata(...patch: MetadataPatch): ApiPod {
    if (!this.up) throw new Error(this.refusedError());
    return patchMetadata(this.writeTarget, ...patch);
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
