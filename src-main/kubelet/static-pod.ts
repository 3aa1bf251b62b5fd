/**
 * A decoded manifest → the kubelet's static pod: defaults of common.go applyDefaults
 * (docs/kubelet.md §1.4), then validation and the static-pod checks (§1.3).
 */
import { canonicalJson, staticPodUid } from './static-pod-uid';
import { decodeManifest } from './manifest-decode';
import type { PodObject } from './pod-object';
import { ANNOTATION_CONFIG_HASH } from './config-annotations';
import { apiObjectReference, formatValidationError, validatePod } from './pod-validation';

export interface StaticPod {
  /** 32 hex, = config.hash (§0). */
  uid: string;
  name: string;
  namespace: string;
  /** `namespace/name`, the file source store's key (§1.6). */
  key: string;
  /** The manifest's path on the node (e.g. /etc/kubernetes/manifests/etcd.yaml). */
  filePath: string;
  /** The defaulted pod (without config.seen/config.source: those are added by the merge). */
  pod: PodObject;
}

export type StaticPodResult = { ok: true; pod: StaticPod } | { ok: false; error: string };

/** `<metadata.name>-<strings.ToLower(nodeName)>` (generatePodName, §1.4). */
export function staticPodName(name: string, nodeName: string): string {
  return `${name}-${nodeName.toLowerCase()}`;
}

/** Applies applyDefaults to a decoded pod. Pure: the input is not modified. */
export function applyDefaults(decoded: PodObject, nodeName: string, filePath: string): PodObject {
  const uid = decoded.metadata.uid || staticPodUid(canonicalJson(decoded), nodeName, filePath);
  const pod: PodObject = structuredClone(decoded);
  pod.metadata.uid = uid;
  pod.metadata.name = staticPodName(decoded.metadata.name ?? '', nodeName);
  if (!pod.metadata.namespace) pod.metadata.namespace = 'default';
  pod.spec.nodeName = nodeName;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [ANNOTATION_CONFIG_HASH]: uid };
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: 'Exists', effect: 'NoExecute' }];
  pod.status = { phase: 'Pending' };
  return pod;
}

/** The whole file-source pipeline for one file's bytes (tryDecodeSinglePod). */
export function staticPodFromManifest(
  bytes: Buffer | string,
  nodeName: string,
  filePath: string,
): StaticPodResult {
  const decoded = decodeManifest(bytes, filePath);
  if (!decoded.ok) return decoded;
  const pod = applyDefaults(decoded.pod, nodeName, filePath);
  // Missing name is checked on the decoded name; the generated `-node` would hide it.
  const errs = validatePod({
    ...pod,
    metadata: { ...pod.metadata, name: decoded.pod.metadata.name ? pod.metadata.name : '' },
  });
  if (errs.length > 0) return { ok: false, error: formatValidationError(errs) };
  const reference = apiObjectReference(pod);
  if (reference) return { ok: false, error: `static pods may not reference ${reference}` };
  const name = pod.metadata.name as string;
  const namespace = pod.metadata.namespace as string;
  return {
    ok: true,
    pod: { uid: pod.metadata.uid as string, name, namespace, key: `${namespace}/${name}`, filePath, pod },
  };
}
