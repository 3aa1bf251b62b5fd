/**
 * `kubeadm-ubuntu`, the default: kubeadm with containerd on a Debian-like system, crictl and
 * kubectl in /usr/local/bin (which Debian's sudo keeps in secure_path), the kubelet logging to
 * journald under `kubelet.service`, manifests root-owned 0600 (docs/distributions.md "kubeadm",
 * "kubeadm on Debian and Ubuntu"). It is the test node as it was before profiles, plus what a
 * real node has that it lacked: the unit files, kubeadm's flags file, containerd's socket.
 */
import path from 'node:path';
import { KUBEADM_CONFIG, KUBEADM_KUBELET_CONF, kubeadmNode } from './kubeadm-common';
import type { NodeInput, ProfileDefinition, RuntimeFacts } from './types';

export const CONTAINERD: RuntimeFacts = {
  name: 'containerd',
  version: 'v1.7.24',
  // kubeadm writes the /var/run form; /var/run is a link to /run (docs/distributions.md).
  endpoint: 'unix:///var/run/containerd/containerd.sock',
};

/** The default node's kubelet command line, as it has been: bundle first, then real-looking flags. */
export function defaultKubeletArgs(input: NodeInput, runtime: RuntimeFacts): string[] {
  return [
    path.join(input.sandboxDir, 'kubelet.cjs'),
    `--config=${KUBEADM_CONFIG}`,
    `--kubeconfig=${KUBEADM_KUBELET_CONF}`,
    `--container-runtime-endpoint=${runtime.endpoint}`,
    `--hostname-override=${input.name}`,
    `--node-ip=${input.nodeIp}`,
    `--role=${input.role}`,
    ...(input.verbosity === undefined ? [] : [`--v=${input.verbosity}`]),
  ];
}

export const kubeadmUbuntu: ProfileDefinition = {
  name: 'kubeadm-ubuntu',
  summary: 'kubeadm + containerd on Debian/Ubuntu; tools in /usr/local/bin; kubelet in journald',
  node(input) {
    const runtime = CONTAINERD;
    return kubeadmNode(input, {
      profile: 'kubeadm-ubuntu',
      os: 'debian',
      runtime,
      verbosity: input.verbosity ?? 0,
      extraArgs: [],
      files: [],
      hidden: [],
      localBinKubelet: true,
      launch: { argv0: 'kubelet', file: '/usr/local/bin/kubelet', args: defaultKubeletArgs(input, runtime) },
    });
  },
};
