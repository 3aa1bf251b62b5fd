/**
 * `kubeadm-json-logs`: the default node with the kubelet's `--logging-format=json` (set in
 * /etc/default/kubelet, as an admin would; Talos runs its kubelet this way). Each line is a klog
 * JSON object (k8s.io/component-base/logs/json): `ts`, `caller`, `msg`, `v` on info lines, the
 * pairs, `err` last; `pod` an object `{name, namespace}`, `pods` an array of them (klog
 * `k8s_references.go`).
 */
import path from 'node:path';
import { SIM_ENV } from '../../../src-main/sandbox/daemon/sim-env';
import { kubeadmKubeletArgs, kubeadmNode } from './kubeadm-common';
import { CONTAINERD } from './kubeadm-ubuntu';
import type { ProfileDefinition } from './types';

export const kubeadmJsonLogs: ProfileDefinition = {
  name: 'kubeadm-json-logs',
  summary: 'kubeadm + containerd, kubelet --logging-format=json',
  node(input) {
    const runtime = CONTAINERD;
    const extraArgs = [
      `--node-ip=${input.nodeIp}`,
      '--logging-format=json',
      ...(input.verbosity === undefined ? [] : [`--v=${input.verbosity}`]),
    ];
    return kubeadmNode(input, {
      profile: 'kubeadm-json-logs',
      os: 'debian',
      runtime,
      verbosity: input.verbosity ?? 0,
      logging: 'json',
      extraArgs,
      // The package's kubelet is /usr/bin/kubelet (kubernetes/release `kubelet.spec`), run by
      // the drop-in with the extra args.
      files: [{ path: '/usr/bin/kubelet', symlink: input.nodeBinary }],
      hidden: ['/usr/bin/kubectl'],
      localBinKubelet: false,
      launch: {
        argv0: '/usr/bin/kubelet',
        file: '/usr/bin/kubelet',
        args: [path.join(input.sandboxDir, 'kubelet.cjs'), ...kubeadmKubeletArgs(runtime, extraArgs)],
        env: { [SIM_ENV.role]: input.role },
      },
    });
  },
};
