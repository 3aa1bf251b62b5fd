/**
 * The two round trips of discovery (docs/kubelet.md §6): first the kubelet's process (pid,
 * command line) and the host name; then the files its flags name.
 */
import path from 'node:path';
import { batchArgv } from '../batch/batch-script';
import KUBELET_FILES_SCRIPT from './kubelet-files.sh';
import KUBELET_PROCESS_SCRIPT from './kubelet-process.sh';
import READ_FILES_SCRIPT from './read-files.sh';
import type { NodeCommand } from '../session/node-command';

/** Known static pod paths when neither flag nor config says (docs/kubelet.md §6 point 3). */
export const DEFAULT_STATIC_POD_PATHS = [
  '/etc/kubernetes/manifests',
  '/var/lib/rancher/rke2/agent/pod-manifests',
  '/var/lib/rancher/k3s/agent/pod-manifests',
];

/**
 * The kubelet's process (kubelet-process.sh `kp`) as the batch section `kubelet`; the pods
 * snapshot reads the same section on every refresh to notice a restarted kubelet.
 */
export function kubeletProcessCommand(): NodeCommand {
  return {
    purpose: "find the kubelet's process",
    argv: batchArgv([KUBELET_PROCESS_SCRIPT, 'sec kubelet kp'], []),
    privileged: true,
  };
}

export function kubeletFilesCommand(
  configPath: string,
  configDir: string,
  kubeconfigCandidates: string[],
): NodeCommand {
  return {
    purpose: "read the kubelet's configuration",
    argv: batchArgv(KUBELET_FILES_SCRIPT, [
      configPath,
      configDir,
      kubeconfigCandidates.join('\n'),
      ...DEFAULT_STATIC_POD_PATHS,
    ]),
    privileged: true,
  };
}

/** Drop-in files are read in a third step only when the config dir has any (rare). */
export function readFilesCommand(files: string[]): NodeCommand {
  return {
    purpose: 'read kubelet configuration drop-ins',
    argv: batchArgv(READ_FILES_SCRIPT, files),
    privileged: true,
  };
}

/**
 * kubectl's kubeconfig on the node: admin.conf beside the kubelet's kubeconfig on a control
 * plane (kubeadm writes both to /etc/kubernetes), else the kubelet's own.
 */
export function kubeconfigCandidates(kubeletKubeconfig: string | undefined): string[] {
  const dir = kubeletKubeconfig ? path.posix.dirname(kubeletKubeconfig) : '/etc/kubernetes';
  const candidates = [path.posix.join(dir, 'admin.conf')];
  if (kubeletKubeconfig) candidates.push(kubeletKubeconfig);
  else candidates.push('/etc/kubernetes/kubelet.conf');
  return candidates;
}
