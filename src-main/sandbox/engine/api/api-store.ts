/**
 * The simulated API server's pod storage: assigns UIDs (UUIDv4), resourceVersions and
 * creationTimestamps like the real one (docs/kubelet.md §2.1), and answers only while the
 * API server is up. Deletes honour finalizers (§2.2, the stale mirror that persists): an
 * object that still has some is only marked (deletionTimestamp, deletionGracePeriodSeconds)
 * and goes once its last finalizer is removed.
 */
import type { ApiPod } from '../../model';
import type { SimClock } from '../clock';
import { apiUid } from '../ids';

export class ApiUnavailableError extends Error {}

/** gone: removed; marked: deletionTimestamp set or shortened; unchanged: already so marked. */
export type DeleteOutcome = 'gone' | 'marked' | 'unchanged' | 'absent';

/** metav1.Time as the API writes it: RFC 3339 in whole seconds. */
export const apiTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ApiStore {
  readonly pods: ApiPod[] = [];
  private resourceVersion = 400;

  constructor(private readonly clock: SimClock) {}

  nextResourceVersion(): string {
    this.resourceVersion += 1 + Math.floor(Math.random() * 7);
    return String(this.resourceVersion);
  }

  find(namespace: string, name: string): ApiPod | undefined {
    return this.pods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
  }

  /** POST: fails with the real AlreadyExists text when the name is taken. */
  create(
    pod: Omit<ApiPod, 'metadata'> & {
      metadata: Omit<ApiPod['metadata'], 'uid' | 'resourceVersion' | 'creationTimestamp'>;
    },
  ): ApiPod {
    if (this.find(pod.metadata.namespace, pod.metadata.name)) {
      throw new Error(`pods "${pod.metadata.name}" already exists`);
    }
    const created: ApiPod = {
      ...pod,
      metadata: {
        ...pod.metadata,
        uid: apiUid(),
        resourceVersion: this.nextResourceVersion(),
        creationTimestamp: apiTime(this.clock.now()),
      },
    };
    this.pods.push(created);
    return created;
  }

  /**
   * DELETE with `gracePeriodSeconds` (0 = forced, as the kubelet deletes mirrors, §2.2, and as
   * it ends an API pod it has stopped). An object without finalizers goes at once at grace 0;
   * otherwise it is marked: deletionTimestamp = now + grace, and a deletion already under way
   * can only be shortened [inf: apiserver graceful deletion, rest.BeforeDelete]. Repeating a
   * delete that changes nothing leaves the object (and its resourceVersion) alone.
   */
  remove(uid: string, gracePeriodSeconds = 0): DeleteOutcome {
    const pod = this.pods.find((p) => p.metadata.uid === uid);
    if (!pod) return 'absent';
    if (gracePeriodSeconds === 0 && !pod.metadata.finalizers?.length) {
      this.pods.splice(this.pods.indexOf(pod), 1);
      return 'gone';
    }
    const meta = pod.metadata;
    if (meta.deletionTimestamp !== undefined && (meta.deletionGracePeriodSeconds ?? 0) <= gracePeriodSeconds)
      return 'unchanged';
    meta.deletionTimestamp = apiTime(this.clock.now() + gracePeriodSeconds * 1000);
    meta.deletionGracePeriodSeconds = gracePeriodSeconds;
    this.touch(pod);
    return 'marked';
  }

  /**
   * Writes metadata.finalizers (empty = none). An object whose forced deletion waited only for
   * them (deletionGracePeriodSeconds 0) goes with the last one; one still in its grace period
   * waits for its final delete [inf: the registry's ShouldDeleteDuringUpdate, from memory].
   * Returns whether the object is gone.
   */
  setFinalizers(pod: ApiPod, finalizers: string[]): boolean {
    if (finalizers.length) pod.metadata.finalizers = [...finalizers];
    else delete pod.metadata.finalizers;
    if (
      finalizers.length === 0 &&
      pod.metadata.deletionTimestamp !== undefined &&
      pod.metadata.deletionGracePeriodSeconds === 0
    ) {
      this.pods.splice(this.pods.indexOf(pod), 1);
      return true;
    }
    return false;
  }

  touch(pod: ApiPod): void {
    pod.metadata.resourceVersion = this.nextResourceVersion();
  }
}
