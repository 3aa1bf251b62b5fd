/**
 * The subset of API pod-create validation and the static-pod checks the file source runs
 * after applying defaults (docs/kubelet.md §1.3). Errors use the field.Error wording
 * (`<path>: Required value`, `Not found: "x"`, …) and are joined as Go prints a slice.
 */
import { isObject, type ContainerSpec, type PodObject } from './pod-object';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** An RFC 1123 subdomain of at most 253 characters: what a pod's name must be. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** ValidatePodCreate, reduced to what a hand-edited static manifest usually gets wrong. */
export function validatePod(pod: PodObject): string[] {
  const errs: string[] = [];
  const name = pod.metadata.name ?? '';
  if (!name) errs.push('metadata.name: Required value: name or generateName is required');
  else if (!isDns1123Subdomain(name)) errs.push(`metadata.name: Invalid value: "${name}": ${SUBDOMAIN_MSG}`);
  const ns = pod.metadata.namespace ?? '';
  if (ns && !DNS1123_LABEL.test(ns)) errs.push(`metadata.namespace: Invalid value: "${ns}": ${LABEL_MSG}`);

  const volumes = new Set<string>();
  (pod.spec.volumes ?? []).forEach((v, i) => {
    const vName = isObject(v) && typeof v.name === 'string' ? v.name : '';
    if (!vName) errs.push(`spec.volumes[${i}].name: Required value`);
    else if (volumes.has(vName)) errs.push(`spec.volumes[${i}].name: Duplicate value: "${vName}"`);
    volumes.add(vName);
  });

  if (pod.spec.containers.length === 0) errs.push('spec.containers: Required value');
  const seen = new Set<string>();
  const check = (list: ContainerSpec[], field: string) =>
    list.forEach((c, i) => {
      const at = `spec.${field}[${i}]`;
      if (!c.name) errs.push(`${at}.name: Required value`);
      else if (!DNS1123_LABEL.test(c.name)) errs.push(`${at}.name: Invalid value: "${c.name}": ${LABEL_MSG}`);
      else if (seen.has(c.name)) errs.push(`${at}.name: Duplicate value: "${c.name}"`);
      seen.add(c.name);
      if (!c.image) errs.push(`${at}.image: Required value`);
      (c.volumeMounts ?? []).forEach((m, j) => {
        const mName = isObject(m) && typeof m.name === 'string' ? m.name : '';
        if (!mName) errs.push(`${at}.volumeMounts[${j}].name: Required value`);
        else if (!volumes.has(mName)) errs.push(`${at}.volumeMounts[${j}].name: Not found: "${mName}"`);
        if (!isObject(m) || !m.mountPath) errs.push(`${at}.volumeMounts[${j}].mountPath: Required value`);
      });
    });
  check(pod.spec.initContainers ?? [], 'initContainers');
  check(pod.spec.containers, 'containers');
  return errs;
}

/** `fmt.Errorf("invalid pod: %v", errs)` on a field.ErrorList prints `[e1 e2]` (§1.3). */
export function formatValidationError(errs: string[]): string {
  return `invalid pod: [${errs.join(' ')}]`;
}

/**
 * podutil.HasAPIObjectReference (PreventStaticPodAPIReferences): the resource of the first
 * API object the pod references, or undefined. The kubelet then fails the file with
 * `static pods may not reference <resource>` (§1.3).
 */
export function apiObjectReference(pod: PodObject): string | undefined {
  const spec = pod.spec;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) return 'serviceaccounts';
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccount) return 'serviceaccounts';
  if (Array.isArray(spec.imagePullSecrets) && spec.imagePullSecrets.length > 0) return 'secrets';
  for (const v of spec.volumes ?? []) {
    if (!isObject(v)) continue;
    if (v.secret) return 'secrets';
    if (v.configMap) return 'configmaps';
    if (v.persistentVolumeClaim) return 'persistentvolumeclaims';
    if (v.ephemeral) return 'persistentvolumeclaims';
    if (isObject(v.projected) && Array.isArray(v.projected.sources)) {
      for (const s of v.projected.sources) {
        if (!isObject(s)) continue;
        if (s.secret) return 'secrets';
        if (s.configMap) return 'configmaps';
        if (s.serviceAccountToken) return 'serviceaccounts';
        if (s.clusterTrustBundle) return 'clustertrustbundles';
      }
    }
  }
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
      if (isObject(e) && e.secretRef) return 'secrets';
      if (isObject(e) && e.configMapRef) return 'configmaps';
    }
    for (const e of Array.isArray(c.env) ? c.env : []) {
      const from = isObject(e) && isObject(e.valueFrom) ? e.valueFrom : undefined;
      if (from?.secretKeyRef) return 'secrets';
      if (from?.configMapKeyRef) return 'configmaps';
    }
  }
  if (Array.isArray(spec.resourceClaims) && spec.resourceClaims.length > 0) return 'resourceclaims';
  return undefined;
}
