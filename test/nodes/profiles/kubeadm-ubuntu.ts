/**
 * `kubeadm-ubuntu`, the default: kubeadm with containerd on a Debian-like system, crictl and
 * kubectl in /usr/local/bin (which Debian's sudo keeps in secure_path), the kubelet logging to
 * journald under `kubelet.service`, manifests root-owned 0600 (docs/distributions.md "kubeadm",
 * "kubeadm on Debian and Ubuntu"). It is the test node as it was before profiles, plus what a
 * real node has that it lacked: the unit files, kubeadm's flags file, containerd's socket.
 */
import path from 'node:path';
import { formatRuntime, KUBELET_JOURNAL, SIM_ENV } from '../../../src-main/sandbox/daemon/sim-env';
import {
  DEBIAN_SECURE_PATH,
  KUBEADM_ADMIN_CONF,
  KUBEADM_CONFIG,
  KUBEADM_DROPIN,
  KUBEADM_KUBELET_CONF,
  KUBEADM_MANIFESTS,
  KUBEADM_UNIT,
  kubeadmFiles,
} from './kubeadm-common';
import { KUBEADM_CREDENTIALS } from '../api-credentials';
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
    return {
      facts: {
        profile: 'kubeadm-ubuntu',
        distribution: 'kubeadm',
        os: 'debian',
        role: input.role,
        hostname: input.name,
        nodeName: input.name,
        runtime,
        kubelet: {
          processComm: 'kubelet',
          processArgsPrefix: 'kubelet',
          configFile: KUBEADM_CONFIG,
          staticPodPath: KUBEADM_MANIFESTS,
          fileCheckSeconds: 20,
          kubeconfig: KUBEADM_KUBELET_CONF,
          logging: 'text',
          verbosity: input.verbosity ?? 0,
          log: { kind: 'journal', unit: 'kubelet.service', identifier: 'kubelet' },
        },
        tools: {
          crictl: '/usr/local/bin/crictl',
          kubectl: '/usr/local/bin/kubectl',
          journalctl: '/usr/bin/journalctl',
          crictlOnPath: true,
          kubectlOnPath: true,
        },
        adminKubeconfig: input.role === 'control-plane' ? KUBEADM_ADMIN_CONF : undefined,
        unitFiles: [KUBEADM_UNIT, KUBEADM_DROPIN],
        mainUnit: 'kubelet.service',
        sudoSecurePath: DEBIAN_SECURE_PATH,
      },
      build: {
        nodeLocalDirs: [],
        files: kubeadmFiles({ os: 'debian', runtime, extraArgs: [] }),
        absentDirs: [],
        credentials: KUBEADM_CREDENTIALS(input.role),
        hidden: [],
        localBinCommands: ['crictl', 'kubectl', 'journalctl'],
        localBinKubelet: true,
        sudoers: (host) => host,
        launch: {
          argv0: 'kubelet',
          file: '/usr/local/bin/kubelet',
          args: defaultKubeletArgs(input, runtime),
          env: {
            [SIM_ENV.runtime]: formatRuntime(runtime),
            [SIM_ENV.journal]: JSON.stringify(KUBELET_JOURNAL),
          },
        },
      },
    };
  },
};
