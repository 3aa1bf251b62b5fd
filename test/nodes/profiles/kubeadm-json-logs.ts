/**
 * `kubeadm-json-logs`: the default node with the kubelet's `--logging-format=json` (set in
 * /etc/default/kubelet, as an admin would; Talos runs its kubelet this way). Each line is a klog
 * JSON object (k8s.io/component-base/logs/json): `ts`, `caller`, `msg`, `v` on info lines, the
 * pairs, `err` last; `pod` an object `{name, namespace}`, `pods` an array of them (klog
 * `k8s_references.go`).
 */
import path from 'node:path';
import { formatRuntime, KUBELET_JOURNAL, SIM_ENV } from '../../../src-main/sandbox/daemon/sim-env';
import { kubeadmFiles, kubeadmKubeletArgs } from './kubeadm-common';
import { CONTAINERD, kubeadmUbuntu } from './kubeadm-ubuntu';
import type { ProfileDefinition } from './types';

export const kubeadmJsonLogs: ProfileDefinition = {
  name: 'kubeadm-json-logs',
  summary: 'kubeadm + containerd, kubelet --logging-format=json',
  node(input) {
    const base = kubeadmUbuntu.node(input);
    const runtime = CONTAINERD;
    const extraArgs = [
      `--node-ip=${input.nodeIp}`,
      '--logging-format=json',
      ...(input.verbosity === undefined ? [] : [`--v=${input.verbosity}`]),
    ];
    return {
      facts: {
        ...base.facts,
        profile: 'kubeadm-json-logs',
        kubelet: { ...base.facts.kubelet, processArgsPrefix: '/usr/bin/kubelet', logging: 'json' },
      },
      build: {
        ...base.build,
        files: [
          ...kubeadmFiles({ os: 'debian', runtime, extraArgs }),
          { path: '/usr/bin/kubelet', symlink: input.nodeBinary },
        ],
        hidden: ['/usr/bin/kubectl'],
        localBinKubelet: false,
        launch: {
          argv0: '/usr/bin/kubelet',
          file: '/usr/bin/kubelet',
          args: [path.join(input.sandboxDir, 'kubelet.cjs'), ...kubeadmKubeletArgs(runtime, extraArgs)],
          env: {
            [SIM_ENV.role]: input.role,
            [SIM_ENV.runtime]: formatRuntime(runtime),
            [SIM_ENV.journal]: JSON.stringify(KUBELET_JOURNAL),
          },
        },
      },
    };
  },
};
