/**
 * What `kubectl apply`, `create`, `label`, `annotate` and `patch` write to pods in the simulated
 * API server (docs/kubelet.md §2.4); the caller has checked that the API answers.
 */
import type { ApiPod } from '../../model';
import { decodeObject } from '../../../kubelet/manifest-decode';
import type { PodObject } from '../../../kubelet/pod-object';
import type { ApiStore } from './api-store';
import { withApiDefaults } from './pod-defaults';

/** A decoded pod manifest whose name is known to be set. */
type NamedPod = PodObject & { metadata: { name: string } };

export interface PodWriteTarget {
  store: ApiStore;
  /** Mirror API UID → when the status manager has pushed its first status (api-view.ts). */
  statusAt: Map<string, number>;
  changed: () => void;
}

/** `kubectl apply -f`: an ordinary pod, no node suffix (§2.4). Existing → metadata update. */
export function applyPod(target: PodWriteTarget, manifest: unknown): { pod: ApiPod; created: boolean } {
  const src = decodePod(manifest);
  const namespace = src.metadata.namespace || 'default';
  const lastApplied = JSON.stringify(manifest);
  const annotations = {
    ...(src.metadata.annotations ?? {}),
    'kubectl.kubernetes.io/last-applied-configuration': lastApplied + '\n',
  };
  const existing = target.store.find(namespace, src.metadata.name);
  if (existing) {
    existing.metadata.labels = { ...(src.metadata.labels ?? {}) };
    existing.metadata.annotations = { ...(existing.metadata.annotations ?? {}), ...annotations };
    target.store.touch(existing);
    target.changed();
    return { pod: existing, created: false };
  }
  return { pod: storeNewPod(target, src, namespace, annotations), created: true };
}

/**
 * A pod created through the API as sent (POST, what `kubectl create` and a first
 * `kubectl apply` send, the latter with its last-applied annotation already in the object).
 * Fails with the API's AlreadyExists text when the name is taken.
 */
export function createPod(target: PodWriteTarget, manifest: unknown, namespace: string): ApiPod {
  const src = decodePod(manifest);
  if (target.store.find(namespace, src.metadata.name))
    throw new Error(`pods "${src.metadata.name}" already exists`);
  return storeNewPod(target, src, namespace, { ...(src.metadata.annotations ?? {}) });
}

function decodePod(manifest: unknown): NamedPod {
  const decoded = decodeObject(manifest, '<stdin>');
  if (!decoded.ok) throw new Error(`error: ${decoded.error.replace(/^<stdin>: /, '')}`);
  const { pod } = decoded;
  const name = pod.metadata.name;
  if (!name) throw new Error('error: resource name may not be empty');
  return { ...pod, metadata: { ...pod.metadata, name } };
}

function storeNewPod(
  target: PodWriteTarget,
  src: NamedPod,
  namespace: string,
  annotations: Record<string, string>,
): ApiPod {
  const pod = target.store.create({
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
  target.changed();
  return pod;
}

/**
 * `kubectl label/annotate/patch`: kept as is, never reverted, unless config.mirror changes
 * (§2.4). `finalizers` replaces the list; no new one may be added to an object being deleted,
 * and removing the last one from a force-deleted object deletes it (api-store.ts).
 */
/** What a metadata patch names: the pod, then labels and annotations (null removes a key), finalizers. */
export type MetadataPatch = [
  namespace: string,
  name: string,
  labels?: Record<string, string | null>,
  annotations?: Record<string, string | null>,
  finalizers?: string[],
];

export function patchMetadata(
  target: PodWriteTarget,
  ...[namespace, name, labels, annotations, finalizers]: MetadataPatch
): ApiPod {
  const pod = target.store.find(namespace, name);
  if (!pod) throw new Error(`pods "${name}" not found`);
  const current = pod.metadata.finalizers ?? [];
  const added = (finalizers ?? []).filter((f) => !current.includes(f));
  if (pod.metadata.deletionTimestamp && added.length) {
    throw new Error(
      `The Pod "${name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
    );
  }
  const apply = (into: Record<string, string>, patch: Record<string, string | null> | undefined) => {
    for (const [k, v] of Object.entries(patch ?? {})) {
      if (v === null) delete into[k];
      else into[k] = v;
    }
    return into;
  };
  const before = JSON.stringify(pod.metadata);
  pod.metadata.labels = apply({ ...(pod.metadata.labels ?? {}) }, labels);
  pod.metadata.annotations = apply({ ...(pod.metadata.annotations ?? {}) }, annotations);
  if (finalizers !== undefined && target.store.setFinalizers(pod, finalizers))
    target.statusAt.delete(pod.metadata.uid);
  // A patch that changes nothing leaves the resourceVersion alone, as the API server does.
  if (JSON.stringify(pod.metadata) !== before) {
    target.store.touch(pod);
    target.changed();
  }
  return pod;
}
