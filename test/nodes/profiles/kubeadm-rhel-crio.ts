/**
 * `kubeadm-rhel-crio`: kubeadm with CRI-O on RHEL, Rocky or Alma (docs/distributions.md
 * "kubeadm on RHEL", "Container runtimes with kubeadm"):
 * - sudo's `secure_path` is RHEL's (`/sbin:/bin:/usr/sbin:/usr/bin`) while crictl and kubectl
 *   were installed into /usr/local/bin (tarball, kubespray), so `sudo crictl` is "command not
 *   found" although the login user finds crictl; no other kubectl hides behind /usr/bin;
 * - CRI-O answers on /var/run/crio/crio.sock, and its package's /etc/crictl.yaml points there
 *   (cri-o/cri-o `crictl.yaml`);
 * - the kubelet runs at `--v=2` from /etc/sysconfig/kubelet, as OpenShift's does
 *   (KUBELET_LOG_LEVEL=2): a chatty log. The emulated kubelet is 1.30, the release before the
 *   V(2) "Pod status updated" line for every static pod was moved to V(4)
 *   (kubernetes/kubernetes#125834, #98422).
 */
import path from 'node:path';
import { SIM_ENV } from '../../../src-main/sandbox/daemon/sim-env';
import { kubeadmKubeletArgs, kubeadmNode } from './kubeadm-common';
import type { NodeInput, ProfileDefinition, RuntimeFacts } from './types';

export const CRIO: RuntimeFacts = {
  name: 'cri-o',
  version: '1.32.1',
  endpoint: 'unix:///var/run/crio/crio.sock',
};

/** The cri-o package's /etc/crictl.yaml (cri-o/cri-o `crictl.yaml`, kubernetes/release `cri-o.spec`). */
export const CRIO_CRICTL_YAML =
  'runtime-endpoint: "unix:///var/run/crio/crio.sock"\ntimeout: 0\ndebug: false\n';

export const kubeadmRhelCrio: ProfileDefinition = {
  name: 'kubeadm-rhel-crio',
  summary: 'kubeadm + CRI-O on RHEL; secure_path without /usr/local/bin; kubelet --v=2',
  node(input: NodeInput) {
    const runtime = CRIO;
    // OpenShift's KUBELET_LOG_LEVEL=2, set in /etc/sysconfig/kubelet.
    const verbosity = input.verbosity ?? 2;
    const extraArgs = [`--node-ip=${input.nodeIp}`, `--v=${verbosity}`];
    return kubeadmNode(input, {
      profile: 'kubeadm-rhel-crio',
      os: 'rhel',
      runtime,
      verbosity,
      extraArgs,
      crictlYaml: CRIO_CRICTL_YAML,
      // The package's kubelet is /usr/bin/kubelet (kubernetes/release `kubelet.spec`).
      files: [{ path: '/usr/bin/kubelet', symlink: input.nodeBinary }],
      // Only the /usr/local/bin copies exist, out of sudo's secure_path (see above).
      hidden: ['/usr/bin/kubectl', '/usr/bin/crictl'],
      localBinKubelet: false,
      launch: {
        argv0: '/usr/bin/kubelet',
        file: '/usr/bin/kubelet',
        args: [path.join(input.sandboxDir, 'kubelet.cjs'), ...kubeadmKubeletArgs(runtime, extraArgs)],
        // The emulated kubelet release (see above).
        env: { [SIM_ENV.role]: input.role, [SIM_ENV.kubeletVersion]: 'v1.30.4' },
      },
    });
  },
};
