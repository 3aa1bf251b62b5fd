/**
 * What RKE2 and k3s nodes share: the k3s agent code, which RKE2 reuses (docs/distributions.md
 * "RKE2", "k3s"). Under the data dir (`--data-dir`), the kubelet's drop-ins in
 * agent/etc/kubelet.conf.d, its static pods in agent/pod-manifests, its kubeconfig
 * agent/kubelet.kubeconfig (k3s `pkg/agent/config/config.go`), crictl's config
 * agent/etc/crictl.yaml; the embedded containerd's socket /run/k3s/containerd/containerd.sock
 * (k3s `applyContainerdStateAndAddress`); the distribution's config in /etc/rancher; no
 * /etc/kubernetes. The test nodes are Debian (sudo keeps its secure_path), their kubelet logs
 * plain text at --v=0 and is started by the distribution's own process in LAUNCH_DIR.
 */
import { formatRuntime, SIM_ENV } from '../../../src-main/sandbox/daemon/sim-env';
import type { CredentialPlaces } from '../api-credentials';
import { DEBIAN_SECURE_PATH } from './kubeadm-common';
import { LAUNCH_DIR } from './tool-files';
import type {
  Distribution,
  KubeletFacts,
  LaunchSpec,
  NodeBuild,
  NodeFile,
  NodeInput,
  NodeRole,
  ProfileName,
  ProfileNode,
  RuntimeFacts,
  ToolFacts,
} from './types';

/** The containerd k3s embeds (and RKE2 with it). */
export const K3S_CONTAINERD: RuntimeFacts = {
  name: 'containerd',
  version: 'v1.7.23-k3s2',
  endpoint: 'unix:///run/k3s/containerd/containerd.sock',
};

/** The simulated API server's certificates (a place of the test nodes', not the distribution's). */
const API_PKI = '/run/kubelet-sim/apiserver-pki';

/** What differs between an RKE2 and a k3s node. */
export interface K3sAgentNodeSpec {
  profile: ProfileName;
  distribution: Extract<Distribution, 'rke2' | 'k3s'>;
  /** `/var/lib/rancher/rke2`, `/var/lib/rancher/k3s`. */
  dataDir: string;
  role: NodeRole;
  nodeName: string;
  kubelet: Pick<
    KubeletFacts,
    'processComm' | 'processArgsPrefix' | 'supervisorComm' | 'fileCheckSeconds' | 'log'
  >;
  tools: Pick<ToolFacts, 'crictl' | 'kubectl' | 'crictlOnPath' | 'kubectlOnPath'>;
  /** The admin kubeconfig, on servers. */
  admin?: CredentialPlaces['admin'];
  unitFiles: string[];
  mainUnit: string;
  files: NodeFile[];
  /** The distribution's process; HOME, the runtime and the API's certificates are added. */
  launch: Pick<LaunchSpec, 'argv0' | 'file' | 'args'> & { env?: Record<string, string> };
}

export function k3sAgentNode(
  input: NodeInput,
  spec: K3sAgentNodeSpec,
): { facts: ProfileNode; build: NodeBuild } {
  const agent = `${spec.dataDir}/agent`;
  const runtime = K3S_CONTAINERD;
  return {
    facts: {
      profile: spec.profile,
      distribution: spec.distribution,
      os: 'debian',
      role: spec.role,
      hostname: input.name,
      nodeName: spec.nodeName,
      runtime,
      kubelet: {
        processComm: spec.kubelet.processComm,
        processArgsPrefix: spec.kubelet.processArgsPrefix,
        ...(spec.kubelet.supervisorComm === undefined ? {} : { supervisorComm: spec.kubelet.supervisorComm }),
        configDir: `${agent}/etc/kubelet.conf.d`,
        staticPodPath: `${agent}/pod-manifests`,
        fileCheckSeconds: spec.kubelet.fileCheckSeconds,
        kubeconfig: `${agent}/kubelet.kubeconfig`,
        logging: 'text',
        verbosity: 0,
        log: spec.kubelet.log,
      },
      tools: {
        crictl: spec.tools.crictl,
        kubectl: spec.tools.kubectl,
        journalctl: '/usr/bin/journalctl',
        crictlConfig: `${agent}/etc/crictl.yaml`,
        crictlOnPath: spec.tools.crictlOnPath,
        kubectlOnPath: spec.tools.kubectlOnPath,
      },
      ...(spec.admin === undefined ? {} : { adminKubeconfig: spec.admin.path }),
      unitFiles: spec.unitFiles,
      mainUnit: spec.mainUnit,
      sudoSecurePath: DEBIAN_SECURE_PATH,
    },
    build: {
      nodeLocalDirs: [spec.dataDir, '/etc/rancher'],
      files: spec.files,
      hidden: ['/usr/bin/kubectl', '/usr/bin/crictl'],
      absentDirs: ['/etc/kubernetes'],
      credentials: {
        pkiDir: API_PKI,
        kubeletKubeconfig: `${agent}/kubelet.kubeconfig`,
        ...(spec.admin === undefined ? {} : { admin: spec.admin }),
      },
      localBinCommands: ['journalctl'],
      localBinKubelet: false,
      sudoers: (host) => host,
      launch: {
        argv0: spec.launch.argv0,
        file: spec.launch.file,
        args: spec.launch.args,
        cwd: LAUNCH_DIR,
        env: {
          HOME: '/root',
          ...spec.launch.env,
          [SIM_ENV.runtime]: formatRuntime(runtime),
          [SIM_ENV.apiPki]: API_PKI,
        },
      },
    },
  };
}
