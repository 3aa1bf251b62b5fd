/**
 * The Node object of the simulated node and the kubelet's side of it: registration when the API
 * first answers (once per kubelet process), `kubectl delete node`, the failing status updates
 * that follow, and the garbage collection of the mirror pods it owned (docs/kubelet.md §2.1,
 * §2.2 step 2, §2.4 last point).
 */
import fs from 'node:fs';
import os from 'node:os';
import type { ApiNode, ApiPod } from '../../model';
import type { SimClock } from '../clock';
import type { KubeletJournal } from '../journal/journal';
import { KUBEADM_VERSION } from '../../default-manifests';
import type { RuntimeIdentity } from '../../daemon/sim-env';
import { apiUid } from '../ids';

/** metav1.Time as the API server writes it: RFC 3339 in whole seconds. */
const apiTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The control-plane role label and taint kubeadm's mark-control-plane phase puts on the Node. */
export const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

/** nodeStatusUpdateFrequency: kubeadm writes 0s, defaulted to 10 s. */
export const NODE_STATUS_UPDATE_MS = 10_000;

/** nodeStatusUpdateRetry in kubelet_node_status.go: each update is tried this many times. */
const NODE_STATUS_UPDATE_RETRY = 5;

const NODE_STATUS_GO = (line: number) => ({ file: 'kubelet_node_status.go', line }) as const;

export interface NodeObjectInput {
  name: string;
  uid: string;
  role: 'control-plane' | 'worker';
  nodeIp: string;
  bootId: string;
  resourceVersion: string;
  nowMs: number;
  ready: boolean;
  /**
   * kubeadm init/join marks a control plane (role label + NoSchedule taint) once. A kubelet that
   * registers its Node again after `kubectl delete node` cannot set node-role labels (the
   * NodeRestriction admission plugin forbids them), so the new Node has none [inf].
   */
  markedByKubeadm: boolean;
  /** The runtime behind the CRI socket and the socket (nodeInfo, kubeadm's cri-socket annotation). */
  runtime: RuntimeIdentity;
  runtimeEndpoint: string;
}

function osImage(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux';
  } catch {
    return 'Linux';
  }
}

function readyCondition(ready: boolean, at: string): ApiNode['status']['conditions'][number] {
  return ready
    ? {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: at,
        lastTransitionTime: at,
      }
    : {
        type: 'Ready',
        status: 'False',
        reason: 'KubeletNotReady',
        message:
          'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        lastHeartbeatTime: at,
        lastTransitionTime: at,
      };
}

export function newNodeObject(input: NodeObjectInput): ApiNode {
  const at = apiTime(input.nowMs);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': input.name,
    'kubernetes.io/os': 'linux',
  };
  const controlPlane = input.role === 'control-plane' && input.markedByKubeadm;
  if (controlPlane)
    Object.assign(labels, {
      [CONTROL_PLANE_ROLE]: '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
  const pressure = (type: string, reason: string, message: string) => ({
    type,
    status: 'False' as const,
    reason,
    message,
    lastHeartbeatTime: at,
    lastTransitionTime: at,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      uid: input.uid,
      resourceVersion: input.resourceVersion,
      creationTimestamp: at,
      labels,
      annotations: {
        ...(input.markedByKubeadm ? { 'kubeadm.alpha.kubernetes.io/cri-socket': input.runtimeEndpoint } : {}),
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: controlPlane ? { taints: [{ effect: 'NoSchedule', key: CONTROL_PLANE_ROLE }] } : {},
    status: {
      addresses: [
        { type: 'InternalIP', address: input.nodeIp },
        { type: 'Hostname', address: input.name },
      ],
      conditions: [
        pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        readyCondition(input.ready, at),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: input.bootId,
        containerRuntimeVersion: runtimeVersionString(input.runtime),
        kernelVersion: os.release(),
        kubeProxyVersion: KUBEADM_VERSION,
        kubeletVersion: KUBEADM_VERSION,
        operatingSystem: 'linux',
        osImage: osImage(),
      },
    },
  };
}

/** Pods owned by a Node that no longer exists: the garbage collector deletes them (§2.4). */
export function ownedByMissingNode(pods: readonly ApiPod[], node: ApiNode | null): ApiPod[] {
  return pods.filter((p) =>
    p.metadata.ownerReferences?.some((o) => o.kind === 'Node' && o.uid !== node?.metadata.uid),
  );
}

/** `containerd://1.7.24`, `cri-o://1.30.4` as the kubelet reports the runtime's Version (nodeInfo). */
export function runtimeVersionString(runtime: RuntimeIdentity): string {
  return `${runtime.name}://${runtime.version.replace(/^v/, '')}`;
}

export interface NodeRegistrationDeps {
  clock: SimClock;
  journal: KubeletJournal;
  nodeName: string;
  nodeIp: string;
  role: 'control-plane' | 'worker';
  bootId: string;
  /** The UID of the node's first Node object (persistent identity, node/identity.ts). */
  firstUid: string;
  resourceVersion: () => string;
  changed: () => void;
  runtime: RuntimeIdentity;
  runtimeEndpoint: string;
  /** kubeadm marks its nodes (labels, taint, annotation); RKE2 and k3s do not do it this way. */
  kubeadm: boolean;
}

/**
 * The Node object as the API server stores it, and what this kubelet process did about it.
 * registerWithAPIServer runs once per kubelet start: it creates the Node, or finds the existing
 * one. After `kubectl delete node` the kubelet does not register again until it restarts
 * (kubernetes/kubernetes#71398, #116485): no mirror pods (§2.2 step 2), failing status updates.
 */
export class NodeRegistration {
  node: ApiNode | null = null;
  private registered = false;
  /** Whether the API's store came from before this kubelet start (a restart, not a boot). */
  private restored = false;
  private nextStatusErrorAt = 0;
  private readonly noMirrorLogged = new Set<string>();

  constructor(private readonly deps: NodeRegistrationDeps) {}

  /** A kubelet restart: the API server kept its Node object, or lost it to `kubectl delete node`. */
  restore(node: ApiNode | null): void {
    this.node = node;
    this.restored = true;
  }

  /** The owner UID for new mirror pods, or undefined while the kubelet cannot get its Node. */
  ownerUid(): string | undefined {
    return this.registered ? this.node?.metadata.uid : undefined;
  }

  /** registerWithAPIServer, when the API first answers in this kubelet process. */
  register(ready: boolean): void {
    if (this.registered) return;
    const { journal, nodeName } = this.deps;
    journal.info(NODE_STATUS_GO(75), 'Attempting to register node', [['node', nodeName]]);
    if (!this.node) {
      const first = !this.restored;
      this.node = newNodeObject({
        name: nodeName,
        uid: first ? this.deps.firstUid : apiUid(),
        role: this.deps.role,
        nodeIp: this.deps.nodeIp,
        bootId: this.deps.bootId,
        resourceVersion: this.deps.resourceVersion(),
        nowMs: this.deps.clock.now(),
        ready,
        markedByKubeadm: first && this.deps.kubeadm,
        runtime: this.deps.runtime,
        runtimeEndpoint: this.deps.runtimeEndpoint,
      });
      this.deps.changed();
    }
    this.registered = true;
    this.noMirrorLogged.clear();
    journal.info(NODE_STATUS_GO(78), 'Successfully registered node', [['node', nodeName]]);
  }

  /** `kubectl delete node NAME`: the object goes at once (a Node has no finalizers). */
  delete(name: string): void {
    if (!this.node || this.node.metadata.name !== name) throw new Error(`nodes "${name}" not found`);
    this.node = null;
    this.nextStatusErrorAt = this.deps.clock.now();
    this.deps.changed();
  }

  /** An update through the API: labels, annotations and spec as given; unchanged → same version. */
  update(
    name: string,
    change: Pick<ApiNode['metadata'], 'labels' | 'annotations'> & { spec: ApiNode['spec'] },
  ): ApiNode {
    const node = this.node;
    if (!node || node.metadata.name !== name) throw new Error(`nodes "${name}" not found`);
    const before = JSON.stringify([node.metadata.labels, node.metadata.annotations, node.spec]);
    if (JSON.stringify([change.labels, change.annotations, change.spec]) === before) return node;
    node.metadata.labels = { ...change.labels };
    node.metadata.annotations = { ...change.annotations };
    node.spec = structuredClone(change.spec);
    node.metadata.resourceVersion = this.deps.resourceVersion();
    this.deps.changed();
    return node;
  }

  /**
   * The status loop, every housekeeping tick while the API answers: the Ready condition follows
   * the pod network (no CNI config → NotReady, as on a fresh kubeadm node); with the Node gone,
   * each update (every nodeStatusUpdateFrequency) fails its 5 tries, then gives up [inf: the
   * wording is updateNodeStatus/tryUpdateNodeStatus's].
   */
  syncStatus(ready: boolean): void {
    const now = this.deps.clock.now();
    if (this.node) {
      const cond = this.node.status.conditions.find((c) => c.type === 'Ready');
      if (cond && (cond.status === 'True') !== ready) {
        Object.assign(cond, readyCondition(ready, apiTime(now)));
        this.node.metadata.resourceVersion = this.deps.resourceVersion();
        this.deps.changed();
      }
      return;
    }
    if (!this.registered || now < this.nextStatusErrorAt) return;
    this.nextStatusErrorAt = now + NODE_STATUS_UPDATE_MS;
    const err = `error getting node "${this.deps.nodeName}": nodes "${this.deps.nodeName}" not found`;
    for (let i = 0; i < NODE_STATUS_UPDATE_RETRY; i++)
      this.deps.journal.error(NODE_STATUS_GO(549), 'Error updating node status, will retry', err);
    this.deps.journal.error(
      NODE_STATUS_GO(536),
      'Unable to update node status',
      'update node status exceeds retry count',
    );
  }

  /** §2.2 step 2, once per pod while the Node is missing (V4, so silent at kubeadm's verbosity). */
  noMirror(fullName: string): void {
    if (this.noMirrorLogged.has(fullName)) return;
    this.noMirrorLogged.add(fullName);
    this.deps.journal.info(
      { file: 'kubelet.go', line: 1893 },
      'No need to create a mirror pod, since failed to get node info from the cluster',
      [['pod', fullName]],
      4,
    );
  }
}
