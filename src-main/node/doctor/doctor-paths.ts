/**
 * Where the doctor looks on a node, taken from what discovery found (the kubelet's flags and
 * config, the static pod path) and from the control plane's own manifests, never hard-coded to
 * kubeadm alone: kubeadm keeps its PKI in `<kubernetes dir>/pki` beside the manifests directory
 * (kubeadm's `KubernetesDir`, docs/kubelet.md §6), RKE2 in `server/tls` (docs/distributions.md);
 * the kubelet's serving certificate is in `--cert-dir` (default /var/lib/kubelet/pki) and its
 * root in `--root-dir` (default /var/lib/kubelet) [src: cmd/kubelet/app/options/options.go].
 */
import path from 'node:path';
import type { NodeDiscovery } from '../../contract/domain/discovery';
import { parseKubeletFlags } from '../discovery/kubelet-flags';

export interface DoctorPaths {
  nodeName: string;
  staticPodPath: string | null;
  /** The directory holding the manifests directory, the kubeconfigs and pki/ on kubeadm. */
  kubernetesDir: string;
  pkiDir: string;
  kubeconfigs: string[];
  kubeletConfig: string | null;
  kubeletCertDir: string;
  kubeletRootDir: string;
  /** kubectl's kubeconfig on the node (admin.conf on a control plane). */
  kubectlKubeconfig: string | null;
  /** argv prefix of crictl (discovery's tool path; `crictl` from PATH until it says). */
  crictl: string[];
  /** The kubelet's --node-ip, where it serves 10250 on this node; null when not given. */
  nodeIp: string | null;
}

const KUBEADM_KUBECONFIGS = [
  'admin.conf',
  'super-admin.conf',
  'controller-manager.conf',
  'scheduler.conf',
  'kubelet.conf',
];

export function doctorPaths(discovery: NodeDiscovery, crictl: string[] = ['crictl']): DoctorPaths {
  const flags = parseKubeletFlags(discovery.kubeletArgs.slice(1));
  const kubeletKubeconfig = flags.get('kubeconfig');
  const kubernetesDir = discovery.staticPodPath
    ? path.posix.dirname(discovery.staticPodPath)
    : kubeletKubeconfig
      ? path.posix.dirname(kubeletKubeconfig)
      : '/etc/kubernetes';
  const kubeconfigs = KUBEADM_KUBECONFIGS.map((f) => path.posix.join(kubernetesDir, f));
  if (kubeletKubeconfig && !kubeconfigs.includes(kubeletKubeconfig)) kubeconfigs.push(kubeletKubeconfig);
  const rootDir = flags.get('root-dir') || '/var/lib/kubelet';
  return {
    nodeName: discovery.nodeName,
    staticPodPath: discovery.staticPodPath,
    kubernetesDir,
    pkiDir: path.posix.join(kubernetesDir, 'pki'),
    kubeconfigs,
    kubeletConfig: discovery.configPath,
    kubeletCertDir: flags.get('cert-dir') || path.posix.join(rootDir, 'pki'),
    kubeletRootDir: rootDir,
    kubectlKubeconfig: discovery.kubeconfig,
    crictl,
    nodeIp: flags.get('node-ip')?.split(',')[0] || null,
  };
}
