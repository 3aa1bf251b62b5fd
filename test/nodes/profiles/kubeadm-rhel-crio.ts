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
import { formatRuntime, KUBELET_JOURNAL, SIM_ENV } from '../../../src-main/sandbox/daemon/sim-env';
import {
  KUBEADM_ADMIN_CONF,
  KUBEADM_CONFIG,
  KUBEADM_DROPIN,
  KUBEADM_KUBELET_CONF,
  KUBEADM_MANIFESTS,
  KUBEADM_UNIT,
  RHEL_SECURE_PATH,
  kubeadmFiles,
  kubeadmKubeletArgs,
  rhelSudoers,
} from './kubeadm-common';
import { KUBEADM_CREDENTIALS } from '../api-credentials';
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
    const verbosity = input.verbosity ?? 2;
    const extraArgs = [`--node-ip=${input.nodeIp}`, `--v=${verbosity}`];
    return {
      facts: {
        profile: 'kubeadm-rhel-crio',
        distribution: 'kubeadm',
        os: 'rhel',
        role: input.role,
        hostname: input.name,
        nodeName: input.name,
        runtime,
        kubelet: {
          processComm: 'kubelet',
          processArgsPrefix: '/usr/bin/kubelet',
          configFile: KUBEADM_CONFIG,
          staticPodPath: KUBEADM_MANIFESTS,
          fileCheckSeconds: 20,
          kubeconfig: KUBEADM_KUBELET_CONF,
          logging: 'text',
          verbosity,
          log: { kind: 'journal', unit: 'kubelet.service', identifier: 'kubelet' },
        },
        tools: {
          crictl: '/usr/local/bin/crictl',
          kubectl: '/usr/local/bin/kubectl',
          journalctl: '/usr/bin/journalctl',
          crictlConfig: '/etc/crictl.yaml',
          crictlOnPath: true,
          kubectlOnPath: true,
        },
        adminKubeconfig: input.role === 'control-plane' ? KUBEADM_ADMIN_CONF : undefined,
        unitFiles: [KUBEADM_UNIT, KUBEADM_DROPIN],
        mainUnit: 'kubelet.service',
        sudoSecurePath: RHEL_SECURE_PATH,
      },
      build: {
        nodeLocalDirs: [],
        files: [
          ...kubeadmFiles({ os: 'rhel', runtime, extraArgs }),
          { path: '/etc/crictl.yaml', content: CRIO_CRICTL_YAML, mode: 0o644 },
          { path: '/usr/bin/kubelet', symlink: input.nodeBinary },
        ],
        absentDirs: [],
        credentials: KUBEADM_CREDENTIALS(input.role),
        hidden: ['/usr/bin/kubectl', '/usr/bin/crictl'],
        localBinCommands: ['crictl', 'kubectl', 'journalctl'],
        localBinKubelet: false,
        sudoers: rhelSudoers,
        launch: {
          argv0: '/usr/bin/kubelet',
          file: '/usr/bin/kubelet',
          args: [path.join(input.sandboxDir, 'kubelet.cjs'), ...kubeadmKubeletArgs(runtime, extraArgs)],
          env: {
            [SIM_ENV.role]: input.role,
            [SIM_ENV.runtime]: formatRuntime(runtime),
            [SIM_ENV.journal]: JSON.stringify(KUBELET_JOURNAL),
            [SIM_ENV.kubeletVersion]: 'v1.30.4',
          },
        },
      },
    };
  },
};
