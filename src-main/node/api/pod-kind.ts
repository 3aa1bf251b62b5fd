/**
 * What created a pod, from its annotations and owner references (docs/kubelet.md §1.5, §2.1,
 * §2.4, §4.1). This is the first question the app asks of any pod in `kubectl get pods`:
 * is it the mirror of a static pod on this node, or something a controller made?
 */
import type { OwnerReferenceView, PodKind } from '../../contract/domain/pods';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_CONFIG_MIRROR } from '../../kubelet/config-annotations';

export interface ClassifiablePod {
  uid: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerReferences: readonly OwnerReferenceView[];
}

export function classifyPod(pod: ClassifiablePod): PodKind {
  // The kubelet itself decides "mirror" by this annotation (IsMirrorPod, §2.1). Since
  // v1.17 the mirror is also owned by its Node; an older mirror has no owner at all.
  if (ANNOTATION_CONFIG_MIRROR in pod.annotations) return 'mirror';
  const owner = pod.ownerReferences.find((o) => o.controller) ?? pod.ownerReferences[0];
  if (owner?.kind === 'Node') return 'mirror';
  // The kubelet's own view of a static pod: uid == config.hash, no mirror annotation (§4.1).
  const hash = pod.annotations[ANNOTATION_CONFIG_HASH];
  if (owner === undefined && hash !== undefined && hash === pod.uid) return 'static';
  switch (owner?.kind) {
    case undefined:
      return 'plain';
    case 'DaemonSet':
      return 'daemonset';
    case 'ReplicaSet':
      // Deployments name their ReplicaSets and label the pods with pod-template-hash.
      return 'pod-template-hash' in pod.labels ? 'deployment' : 'replicaset';
    case 'StatefulSet':
      return 'statefulset';
    case 'Job':
      return 'job';
    default:
      return 'controlled';
  }
}
