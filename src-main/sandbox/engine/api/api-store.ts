/**
 * The simulated API server's pod storage: assigns UIDs (UUIDv4), resourceVersions and
 * creationTimestamps like the real one (kubelet-facts §2.1), and answers only while the
 * API server is up.
 */
import type { ApiPod } from '../../model';
import type { SimClock } from '../clock';
import { apiUid } from '../ids';

export class ApiUnavailableError extends Error {}

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
  create(pod: Omit<ApiPod, 'metadata'> & { metadata: Omit<ApiPod['metadata'], 'uid' | 'resourceVersion' | 'creationTimestamp'> }): ApiPod {
    if (this.find(pod.metadata.namespace, pod.metadata.name)) {
      throw new Error(`pods "${pod.metadata.name}" already exists`);
    }
    const created: ApiPod = {
      ...pod,
      metadata: {
        ...pod.metadata,
        uid: apiUid(),
        resourceVersion: this.nextResourceVersion(),
        creationTimestamp: new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
    this.pods.push(created);
    return created;
  }

  remove(uid: string): ApiPod | undefined {
    const i = this.pods.findIndex((p) => p.metadata.uid === uid);
    return i >= 0 ? this.pods.splice(i, 1)[0] : undefined;
  }

  touch(pod: ApiPod): void {
    pod.metadata.resourceVersion = this.nextResourceVersion();
  }
}
