/**
 * Mirror pods (docs/kubelet.md §2.1): a copy of the static pod with `config.mirror` = config.hash,
 * an ownerReference to the Node (controller: true), API defaults filled in.
 */
import type { ApiPod } from '../../model';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_CONFIG_MIRROR } from '../../../kubelet/config-annotations';
import type { StaticPod } from '../../../kubelet/static-pod';
import { withApiDefaults } from './pod-defaults';

export type NewApiPod = Omit<ApiPod, 'metadata'> & {
  metadata: Omit<ApiPod['metadata'], 'uid' | 'resourceVersion' | 'creationTimestamp'>;
};

export function buildMirrorPod(
  sp: StaticPod,
  annotations: Record<string, string>,
  nodeName: string,
  nodeUid: string,
): NewApiPod {
  const pod = structuredClone(sp.pod);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: sp.name,
      namespace: sp.namespace,
      labels: { ...(pod.metadata.labels ?? {}) },
      annotations: {
        ...annotations,
        [ANNOTATION_CONFIG_MIRROR]: annotations[ANNOTATION_CONFIG_HASH] ?? sp.uid,
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid, controller: true }],
    },
    spec: withApiDefaults(pod.spec),
    status: { phase: 'Pending', qosClass: 'Burstable' },
  };
}

/** IsMirrorPodOf: same name/namespace and config.mirror equal to the static pod's hash (§2.2). */
export function isMirrorOf(mirror: ApiPod, sp: StaticPod): boolean {
  return (
    mirror.metadata.name === sp.name &&
    mirror.metadata.namespace === sp.namespace &&
    mirror.metadata.annotations?.[ANNOTATION_CONFIG_MIRROR] === sp.uid &&
    !mirror.metadata.deletionTimestamp
  );
}

export function isMirrorPod(pod: ApiPod): boolean {
  return pod.metadata.annotations?.[ANNOTATION_CONFIG_MIRROR] !== undefined;
}
