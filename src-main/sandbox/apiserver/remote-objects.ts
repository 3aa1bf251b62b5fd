/**
 * The objects other kubelets keep in this node's API server: their Node and the pods bound to
 * them (mirror pods, kube-proxy). This node then holds the cluster's store: its API lists every
 * Node and every node's mirror pods, as one cluster's API server does (the others reach it,
 * ../daemon/api-sync.ts). Each write takes a resourceVersion from the same counter as the local
 * objects (one store, one counter), so a watch sees every change in order.
 *
 * Kept simple, as the owning kubelet keeps the truth: a create keeps the UID the kubelet sent
 * (the real API server assigns its own; here the kubelet's view and the API's would otherwise
 * need a mapping), an update replaces the object, status included, and a delete removes it at
 * once (the kubelet deletes mirrors with grace 0, §2.2).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ApiNode, ApiPod, ClusterObjects } from '../model';

const podKey = (namespace: string, name: string) => `${namespace}/${name}`;

export class RemoteObjects {
  private readonly nodes = new Map<string, ApiNode>();
  private readonly pods = new Map<string, ApiPod>();
  private readonly events = new EventEmitter();

  constructor(
    private readonly nextResourceVersion: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A restart of the holding kubelet: what it published last (the store outlives it). */
  restore(objects: ClusterObjects | undefined): void {
    for (const node of objects?.nodes ?? []) this.nodes.set(node.metadata.name, node);
    for (const pod of objects?.pods ?? [])
      this.pods.set(podKey(pod.metadata.namespace, pod.metadata.name), pod);
  }

  snapshot(): ClusterObjects {
    return { nodes: [...this.nodes.values()], pods: [...this.pods.values()] };
  }

  on(event: 'change', listener: () => void): void {
    this.events.on(event, listener);
  }

  node(name: string): ApiNode | undefined {
    return this.nodes.get(name);
  }

  pod(namespace: string, name: string): ApiPod | undefined {
    return this.pods.get(podKey(namespace, name));
  }

  putNode(node: ApiNode): ApiNode {
    const stored = this.stamp(node, this.nodes.get(node.metadata.name));
    this.nodes.set(node.metadata.name, stored);
    this.events.emit('change');
    return stored;
  }

  deleteNode(name: string): boolean {
    const gone = this.nodes.delete(name);
    if (gone) this.events.emit('change');
    return gone;
  }

  putPod(pod: ApiPod): ApiPod {
    const key = podKey(pod.metadata.namespace, pod.metadata.name);
    const stored = this.stamp(pod, this.pods.get(key));
    this.pods.set(key, stored);
    this.events.emit('change');
    return stored;
  }

  deletePod(namespace: string, name: string): boolean {
    const gone = this.pods.delete(podKey(namespace, name));
    if (gone) this.events.emit('change');
    return gone;
  }

  /** A new resourceVersion; the sender's uid (else the stored one), creationTimestamp kept. */
  private stamp<T extends ApiNode | ApiPod>(object: T, before: T | undefined): T {
    const copy = structuredClone(object);
    const meta = copy.metadata as T['metadata'] & { uid?: string; creationTimestamp?: string };
    meta.uid = meta.uid || before?.metadata.uid || randomUUID();
    meta.creationTimestamp =
      before?.metadata.creationTimestamp ??
      meta.creationTimestamp ??
      new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    meta.resourceVersion = this.nextResourceVersion();
    return copy;
  }
}
