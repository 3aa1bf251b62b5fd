/**
 * Pods as the API server (kubectl) shows them, reduced to what the app correlates and
 * displays (docs/kubelet.md §0, §2, §4). Flat and JSON-serialisable.
 */

/**
 * What created a pod (docs/kubelet.md §2.1, §4.1):
 * - `mirror`: the API copy of a static pod (annotation `kubernetes.io/config.mirror`,
 *   owner Node since v1.17);
 * - `static`: the kubelet's own view of a static pod (config.hash, source file, no mirror
 *   annotation; seen on the kubelet `/pods` endpoint);
 * - `deployment`: owner ReplicaSet with a `pod-template-hash` label; `replicaset` without;
 * - `daemonset`, `statefulset`, `job` by owner kind; `controlled` for any other owner;
 * - `plain`: no owner, e.g. a pod made by `kubectl apply -f` of a manifest file.
 */
export type PodKind =
  | 'mirror'
  | 'static'
  | 'daemonset'
  | 'deployment'
  | 'replicaset'
  | 'statefulset'
  | 'job'
  | 'controlled'
  | 'plain';

export interface OwnerReferenceView {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

/** The four annotations the kubelet manages (docs/kubelet.md §1.5). */
export interface KubeletConfigAnnotations {
  hash: string | null;
  mirror: string | null;
  source: string | null;
  seen: string | null;
}

export type ContainerStateView =
  | { state: 'running'; startedAt: string | null }
  | { state: 'waiting'; reason: string | null; message: string | null }
  | {
      state: 'terminated';
      reason: string | null;
      message: string | null;
      exitCode: number | null;
      signal: number | null;
      startedAt: string | null;
      finishedAt: string | null;
      /** `<runtime>://<id>` of the container that terminated, split. */
      runtime: string | null;
      containerId: string | null;
    }
  | { state: 'unknown' };

export interface ContainerStatusView {
  name: string;
  /** True for `status.initContainerStatuses[]` entries. */
  init: boolean;
  ready: boolean;
  started: boolean | null;
  restartCount: number;
  image: string;
  imageId: string;
  state: ContainerStateView;
  lastState: ContainerStateView;
  /** `containerd` from `containerd://57d5…`; null when the pod has no container yet. */
  runtime: string | null;
  /** The full CRI container id: the link to `crictl ps` (§4.1). */
  containerId: string | null;
}

export interface PodConditionView {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
}

/** One pod from `kubectl get pod[s] -o json`. */
export interface ApiPodView {
  name: string;
  namespace: string;
  /** API UUID for mirror pods; the static UID (32 hex) in the kubelet's own view (§0). */
  uid: string;
  node: string | null;
  phase: string | null;
  creationTimestamp: string | null;
  /** Set once the object is being deleted; a mirror stays so while a finalizer holds it (§2.2). */
  deletionTimestamp: string | null;
  /** `metadata.finalizers`: while any remain, a delete only sets deletionTimestamp. */
  finalizers: string[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  config: KubeletConfigAnnotations;
  ownerReferences: OwnerReferenceView[];
  kind: PodKind;
  hostNetwork: boolean;
  /** `len(spec.containers)`: kubectl's READY is ready statuses over this (0/1 while a new mirror waits, §2.4). */
  specContainerCount: number;
  hostIP: string | null;
  podIP: string | null;
  containerStatuses: ContainerStatusView[];
  conditions: PodConditionView[];
}

export type KubectlErrorKind =
  | 'connection-refused'
  | 'unreachable'
  | 'unauthorized'
  | 'not-found'
  | 'forbidden'
  | 'invalid'
  | 'server-error'
  | 'no-resources'
  | 'unknown';

/** A recognised kubectl failure (stderr). */
export interface KubectlError {
  kind: KubectlErrorKind;
  /** The line that decided the kind, verbatim. */
  message: string;
  /** `host:port` when the message names the server. */
  server: string | null;
  /** `NotFound`, `Forbidden`… from `Error from server (<Reason>)`. */
  reason: string | null;
}
