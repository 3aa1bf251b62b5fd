/**
 * Whether a manifest is one of a control plane's static pods: kubeadm writes kube-apiserver,
 * kube-controller-manager, kube-scheduler and etcd into kube-system with the label
 * `tier: control-plane` (kubernetes/cmd/kubeadm/app/util/staticpod/utils.go, ComponentPod).
 * For those a failed edit can take the cluster down, so rolling back on failure is the default.
 */
const KUBEADM_COMPONENTS = new Set(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);

export function isControlPlanePod(
  pod: { metadataName: string; namespace: string } | null,
  content: string,
): boolean {
  if (!pod || pod.namespace !== 'kube-system') return false;
  return KUBEADM_COMPONENTS.has(pod.metadataName) || /^\s+tier:\s*["']?control-plane["']?\s*$/m.test(content);
}
