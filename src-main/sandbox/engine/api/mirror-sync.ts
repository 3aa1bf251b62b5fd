/**
 * The kubelet's mirror pods in the simulated API server: one created for each live static pod,
 * replaced when outdated, deleted when orphaned (docs/kubelet.md §2.1–2.3); a failed create is
 * logged as the kubelet logs it, and a failure it keeps repeating once a period.
 */
import type { ApiPod } from '../../model';
import type { SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import type { StaticPod } from '../../../kubelet/static-pod';
import type { PodWorker } from '../runtime/pod-worker';
import type { SimTimings } from '../runtime/timings';
import type { ApiStore } from './api-store';
import { buildMirrorPod, isMirrorOf, isMirrorPod } from './mirror';
import type { NodeRegistration } from './node-object';
import { MIRROR_RETRY_LOG_MS, RepeatLimiter } from './repeat-limiter';

const KUBELET_GO = { file: 'kubelet.go', line: 1913 } as const;

export interface StaticEntry {
  sp: StaticPod;
  worker: PodWorker;
}

export interface MirrorSyncDeps {
  clock: SimClock;
  journal: KubeletJournal;
  timings: SimTimings;
  nodeName: string;
  nodeIp: string;
  /** The kubelet talks to another node's API server (api-view.ts). */
  apiElsewhere: boolean;
  changed: () => void;
  store: ApiStore;
  nodes: NodeRegistration;
  /** Mirror API UID → when the status manager has pushed its first status (api-view.ts). */
  statusAt: Map<string, number>;
  /** Whether the API server this kubelet talks to answers. */
  up: () => boolean;
}

export class MirrorSync {
  /** `ns/name` → when the user deleted the mirror (re-created after mirrorRecreateMs). */
  private deletedAt = new Map<string, number>();
  private reportedDown = new Set<string>();
  /** Mirror API UID → last time its failed replacement was logged (repeat-limiter.ts). */
  private readonly retryLog = new RepeatLimiter(MIRROR_RETRY_LOG_MS);

  constructor(private readonly deps: MirrorSyncDeps) {}

  /** The API came up or went down: a static pod's mirror failure is reported anew. */
  apiChanged(): void {
    this.reportedDown.clear();
  }

  /** The user deleted the mirror of `ns/name` (`kubectl delete pod`, §2.4). */
  userDeleted(fullName: string, now: number): void {
    this.deletedAt.set(fullName, now);
  }

  /** SyncPod's mirror handling for every live static pod, then orphan cleanup (§2.2, §2.3). */
  sync(entries: StaticEntry[]): void {
    const now = this.deps.clock.now();
    for (const { sp, worker } of entries) {
      if (worker.phase === 'terminating' || worker.phase === 'terminated') continue;
      const fullName = `${sp.namespace}/${sp.name}`;
      if (!this.deps.up()) {
        if (!this.reportedDown.has(sp.uid) && !this.deps.apiElsewhere) {
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
      const mirror = this.deps.store.find(sp.namespace, sp.name);
      if (mirror && (isMirrorOf(mirror, sp) || !this.deleteOutdated(mirror, fullName, now))) continue;
      const deleted = this.deletedAt.get(fullName);
      if (deleted !== undefined && now - deleted < this.deps.timings.mirrorRecreateMs) continue;
      this.deletedAt.delete(fullName);
      // §2.2 step 2: no Node object (deleted, not registered) → no mirror.
      const owner = this.deps.nodes.ownerUid();
      if (!owner) {
        this.deps.nodes.noMirror(fullName);
        continue;
      }
      this.deps.journal.info(
        { file: 'kubelet.go', line: 1899 },
        'Creating a mirror pod for static pod',
        [['pod', fullName]],
        4,
      );
      const annotations = { ...(sp.pod.metadata.annotations ?? {}) };
      const created = this.deps.store.create(buildMirrorPod(sp, annotations, this.deps.nodeName, owner));
      this.deps.statusAt.set(created.metadata.uid, now + this.deps.timings.mirrorStatusMs);
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
    const outcome = this.deps.store.remove(uid);
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
      this.deps.statusAt.delete(uid);
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
    if (!this.deps.up()) return;
    const live = new Set(
      entries.filter((e) => e.worker.phase !== 'terminated').map((e) => `${e.sp.namespace}/${e.sp.name}`),
    );
    for (const pod of [...this.deps.store.pods]) {
      if (!isMirrorPod(pod) || live.has(`${pod.metadata.namespace}/${pod.metadata.name}`)) continue;
      const uid = pod.metadata.uid;
      const outcome = this.deps.store.remove(uid);
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
        this.deps.statusAt.delete(uid);
        this.retryLog.forget(uid);
      }
      if (outcome !== 'unchanged') this.deps.changed();
    }
  }
}
