/**
 * Static pods and API objects. From kubelet 1.34 (PreventStaticPodAPIReferences, beta and on by
 * default, kubernetes PR #131837) the file source refuses a pod that references a ServiceAccount,
 * Secret, ConfigMap, PVC, ResourceClaim … with "static pods may not reference <resource>", in the
 * order of pkg/api/pod/util.go HasAPIObjectReference. Before 1.34 the pod runs and the API server
 * refuses only its mirror pod (kubernetes issue #103587: "a mirror pod may not reference service
 * accounts"); the file source refused only ClusterTrustBundle projections
 * (ErrStaticPodTriedToUseClusterTrustBundle, common_test.go
 * TestDecodeSinglePodRejectsClusterTrustBundleVolumes).
 */
import { list, obj, str } from '../decode/pod-defaults';
import type { Decoded, DecodedObject } from '../go-types/typed-decode';

/** HasAPIObjectReference: the plural resource of the first reference, or null. */
export function apiObjectReference(pod: DecodedObject): string | null {
  const spec = obj(pod.spec);
  if (str(spec.serviceAccountName) !== '') return 'serviceaccounts';
  const containers = [
    ...list(spec.initContainers),
    ...list(spec.containers),
    ...list(spec.ephemeralContainers),
  ].map(obj);
  const volumes = list(spec.volumes).map(obj);
  const named = (v: Decoded | undefined, key = 'name') => str(obj(v)[key]) !== '';

  // VisitPodSecretNames (empty names are skipped).
  const secret =
    list(spec.imagePullSecrets).some((r) => named(r)) ||
    containers.some(
      (c) =>
        list(c.envFrom).some((e) => named(obj(e).secretRef)) ||
        list(c.env).some((e) => named(obj(obj(e).valueFrom).secretKeyRef)),
    ) ||
    volumes.some((v) => {
      if (v.azureFile) return named(v.azureFile, 'secretName');
      for (const k of ['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'])
        if (v[k]) return named(obj(v[k]).secretRef);
      if (v.projected) return list(obj(v.projected).sources).some((s) => named(obj(s).secret));
      if (v.secret) return named(v.secret, 'secretName');
      if (v.csi) return named(obj(v.csi).nodePublishSecretRef);
      return false;
    });
  if (secret) return 'secrets';

  const configMap =
    containers.some(
      (c) =>
        list(c.envFrom).some((e) => named(obj(e).configMapRef)) ||
        list(c.env).some((e) => named(obj(obj(e).valueFrom).configMapKeyRef)),
    ) ||
    volumes.some((v) => {
      if (v.projected) return list(obj(v.projected).sources).some((s) => named(obj(s).configMap));
      if (v.configMap) return named(v.configMap);
      return false;
    });
  if (configMap) return 'configmaps';
  if (list(spec.resourceClaims).length > 0) return 'resourceclaims';

  for (const v of volumes) {
    if (v.configMap) return 'configmaps (via configmap volumes)';
    if (v.secret) return 'secrets (via secret volumes)';
    if (v.csi) return 'csidrivers (via CSI volumes)';
    if (v.glusterfs) return 'endpoints (via glusterFS volumes)';
    if (v.persistentVolumeClaim) return 'persistentvolumeclaims';
    if (v.ephemeral) return 'persistentvolumeclaims (via ephemeral volumes)';
    if (v.azureFile) return 'secrets (via azureFile volumes)';
    if (v.projected) {
      for (const s of list(obj(v.projected).sources).map(obj)) {
        if (s.configMap) return 'configmaps (via projected volumes)';
        if (s.secret) return 'secrets (via projected volumes)';
        if (s.serviceAccountToken) return 'serviceaccounts (via projected volumes)';
        if (s.clusterTrustBundle) return 'clustertrustbundles';
        if (s.podCertificate) return 'podcertificates';
      }
    }
  }
  return null;
}

/** Before 1.34: the file source's own refusals (ClusterTrustBundle projections). */
export function legacyStaticPodRefusal(pod: DecodedObject): string | null {
  for (const v of list(obj(pod.spec).volumes).map(obj)) {
    if (list(obj(v.projected).sources).some((s) => obj(s).clusterTrustBundle))
      return 'static pods may not use ClusterTrustBundle projected volume sources';
  }
  return null;
}
