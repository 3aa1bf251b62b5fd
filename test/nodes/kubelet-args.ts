/**
 * The simulated kubelet's command line on a test node. The node starts with no
 * /var/lib/kubelet/config.yaml: the daemon's first start writes it, the kubeconfigs and (on the
 * control plane) the four kubeadm manifests, as `kubeadm init/join` would; it skips all of
 * that when the config already exists (src-main/sandbox/engine/node/init-root.ts).
 */
import path from 'node:path';

export interface KubeletArgsInput {
  sandboxDir: string;
  name: string;
  nodeIp: string;
  role: 'control-plane' | 'worker';
  verbosity?: number;
}

/**
 * argv after `kubelet` (the symlink to node): the bundle, then flags as a kubeadm node's
 * kubelet has them, so `ps -o args= -C kubelet` reads `kubelet /…/kubelet.cjs --config=…`.
 */
export function kubeletArgs(input: KubeletArgsInput): string[] {
  return [
    path.join(input.sandboxDir, 'kubelet.cjs'),
    '--config=/var/lib/kubelet/config.yaml',
    '--kubeconfig=/etc/kubernetes/kubelet.conf',
    `--hostname-override=${input.name}`,
    `--node-ip=${input.nodeIp}`,
    `--role=${input.role}`,
    ...(input.verbosity === undefined ? [] : [`--v=${input.verbosity}`]),
  ];
}
