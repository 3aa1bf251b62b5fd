/**
 * The version the simulated kubelet claims to be: its `--version` answer, its Node's
 * status.nodeInfo.kubeletVersion, and the kubelet version whose file-source rules it applies
 * (the kubelet model, src-main/kubelet). kubeadm v1.32.2's by default (the default manifests are
 * that release's); KUBELET_SIM_VERSION picks another, so version-dependent rules can be run.
 */
import { KUBEADM_VERSION } from './default-manifests';

export function simKubeletVersion(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.KUBELET_SIM_VERSION?.trim();
  return wanted && /^v1\.\d+\.\d+$/.test(wanted) ? wanted : KUBEADM_VERSION;
}

/** What `kubelet --version` prints (cmd/kubelet: component-base/version/verflag). */
export function kubeletVersionLine(version: string): string {
  return `Kubernetes ${version}`;
}
