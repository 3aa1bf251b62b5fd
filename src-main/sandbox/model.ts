/**
 * The state of a simulated node's Kubernetes side, as the simulated kubelet (engine) keeps it
 * and as the simulated node commands (crictl, kubectl, journalctl) read it.
 *
 * It is plain JSON (int64 nanosecond times are decimal strings, as protojson prints them,
 * docs/kubelet.md §3.3), so the kubelet daemon can publish it as a file and the commands, which
 * run as separate processes over SSH, can read it without sharing memory.
 */

/** CRI sandbox states, as crictl's JSON names them (docs/kubelet.md §3.3). */
export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** CRI container states (docs/kubelet.md §3.3). */
export type ContainerState =
  'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

/** A pod sandbox as the container runtime holds it (docs/kubelet.md §3.1). */
export interface SimSandbox {
  /** 64 lowercase hex characters. */
  id: string;
  /** Pod name, e.g. `kube-apiserver-controlplane`. */
  name: string;
  namespace: string;
  /** The static UID (32 hex, no dashes) for static pods. */
  uid: string;
  attempt: number;
  state: SandboxState;
  /** Nanoseconds since the epoch, decimal string. */
  createdAtNs: string;
  /** Pod labels plus io.kubernetes.pod.{name,namespace,uid}. */
  labels: Record<string, string>;
  /** All pod annotations (config.hash, config.seen, config.source, kubeadm's). */
  annotations: Record<string, string>;
  runtimeHandler: string;
  hostNetwork: boolean;
  /** Pod IP; the node IP when hostNetwork. */
  ip: string;
}

/** A container as the container runtime holds it (docs/kubelet.md §3.1, §3.4). */
export interface SimContainer {
  /** 64 lowercase hex characters. */
  id: string;
  podSandboxId: string;
  name: string;
  /** = restart count (docs/kubelet.md §3.1). */
  attempt: number;
  /** The image reference from the pod spec, e.g. `registry.k8s.io/kube-scheduler:v1.32.2`. */
  imageSpec: string;
  /** `sha256:<64 hex>` image id, what containerd reports as image.image. */
  imageId: string;
  /** `repo@sha256:<64 hex>` digest reference. */
  imageRef: string;
  state: ContainerState;
  createdAtNs: string;
  /** '0' when never started. */
  startedAtNs: string;
  /** '0' when not finished. */
  finishedAtNs: string;
  exitCode: number;
  /** e.g. `Error`, `Completed`; empty while running. */
  reason: string;
  message: string;
  /** Exactly the four io.kubernetes.* container labels. */
  labels: Record<string, string>;
  /** io.kubernetes.container.hash, restartCount, terminationMessagePath/Policy, pod.terminationGracePeriod, ports. */
  annotations: Record<string, string>;
  /** `/var/log/pods/<ns>_<pod>_<uid>/<container>/<attempt>.log` (node path). */
  logPath: string;
  /** The container's command line (for inspect). */
  command: string[];
}

/**
 * A pod as the (simulated) API server stores it: mirror pods, ordinary pods created with
 * `kubectl apply`, and add-on pods (coredns, kube-proxy). Kept as a Kubernetes Pod object so
 * `kubectl -o json|yaml` can print it as is.
 */
export interface ApiPod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    deletionTimestamp?: string;
    /** Set with deletionTimestamp: the grace period the deletion was asked with (0 = forced). */
    deletionGracePeriodSeconds?: number;
    /** While any remain, a delete only marks the object (deletionTimestamp); docs/kubelet.md §2.2. */
    finalizers?: string[];
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
      blockOwnerDeletion?: boolean;
    }>;
    generateName?: string;
  };
  spec: Record<string, unknown> & { nodeName?: string; containers: Array<Record<string, unknown>> };
  status: Record<string, unknown>;
}

/** A journal entry of the kubelet unit (docs/kubelet.md §5.1, §5.2, §9.6). All values strings. */
export interface JournalEntry {
  /** `s=<32hex>;i=<hex seq>;b=<32hex boot>;m=<hex mono>;t=<hex realtime>;x=<16hex>` */
  __CURSOR: string;
  /** Microseconds since the epoch, decimal string. */
  __REALTIME_TIMESTAMP: string;
  __MONOTONIC_TIMESTAMP: string;
  /** The klog-formatted line. */
  MESSAGE: string;
  PRIORITY: '6';
  /** `kubelet`; `k3s` for k3s's embedded kubelet, `rke2` for RKE2's own lines. */
  SYSLOG_IDENTIFIER: string;
  /** `kubelet.service`, `k3s-agent.service`, `rke2-server.service`. */
  _SYSTEMD_UNIT: string;
  _TRANSPORT: 'stdout';
  _PID: string;
  _HOSTNAME: string;
  _BOOT_ID: string;
  [field: string]: string;
}

/**
 * The Node object the kubelet registers (docs/kubelet.md §2.1: the owner of its mirror pods), kept
 * minimal: identity, labels, the Ready condition and nodeInfo, as `kubectl get node -o yaml`
 * shows them.
 */
export interface ApiNode {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: {
    name: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: { taints?: Array<{ key: string; effect: string; value?: string }>; unschedulable?: boolean };
  status: {
    addresses: Array<{ type: string; address: string }>;
    conditions: Array<{
      type: string;
      status: 'True' | 'False' | 'Unknown';
      reason: string;
      message: string;
      lastHeartbeatTime: string;
      lastTransitionTime: string;
    }>;
    daemonEndpoints: { kubeletEndpoint: { Port: number } };
    nodeInfo: Record<string, string>;
  };
}

/** Everything the node commands need to answer, published by the simulated kubelet. */
export interface SimNodeState {
  nodeName: string;
  role: 'control-plane' | 'worker';
  nodeIp: string;
  /** Whether the kube-apiserver static pod is running, i.e. whether kubectl gets answers. */
  apiServerUp: boolean;
  /** The Node object's UID (mirror pods' ownerReference), once registered. */
  nodeUid: string;
  sandboxes: SimSandbox[];
  containers: SimContainer[];
  apiPods: ApiPod[];
  /** The Node object; null once deleted (`kubectl delete node`), until the kubelet registers again. */
  node?: ApiNode | null;
  /** The pid of the kubelet process that wrote this (a restart publishes a new one). */
  kubeletPid?: number;
  /**
   * The runtime behind the node's CRI socket, when the simulation serves one (test nodes): crictl
   * then dials the socket as the real one does. Absent on the app's Sandbox node.
   */
  runtime?: { name: string; version: string; endpoint: string };
  /** When this snapshot was written, ns since epoch. */
  writtenAtNs: string;
}
