/**
 * The version the simulated kubelet claims to be: its `--version` answer, its Node's
 * status.nodeInfo.kubeletVersion, and the kubelet version whose file-source rules it applies
 * (the kubelet model, src-main/kubelet). kubeadm v1.32.2's by default (the default manifests are
 * that release's); the node's KUBELET_SIM_KUBELET_VERSION (sim-env.ts) picks another, so version-dependent rules can be run.
 */
import { KUBEADM_VERSION } from './default-manifests';
import { SIM_ENV } from './daemon/sim-env';

export function simKubeletVersion(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env[SIM_ENV.kubeletVersion]?.trim();
  return wanted && /^v1\.\d+\.\d+$/.test(wanted) ? wanted : KUBEADM_VERSION;
}

/** The minor release of simKubeletVersion (`v1.30.4` → 30): decides version-specific behaviour. */
export function simKubeletMinor(env: NodeJS.ProcessEnv = process.env): number {
  return Number(/^v1\.(\d+)\./.exec(simKubeletVersion(env))?.[1]);
}

/** What `kubelet --version` prints (cmd/kubelet: component-base/version/verflag). */
export function kubeletVersionLine(version: string): string {
  return `Kubernetes ${version}`;
}
