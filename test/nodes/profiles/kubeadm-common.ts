/**
 * What every kubeadm node has, whatever the OS and runtime (docs/distributions.md "kubeadm"):
 * the kubelet unit from the `kubelet` package, kubeadm's drop-in, kubeadm's flags file, the
 * extra-args file (/etc/default/kubelet on deb, /etc/sysconfig/kubelet on rpm), the config
 * `kubeadm init/join` writes (here written by the simulated kubelet's first start) and the
 * manifests in /etc/kubernetes/manifests. Sources: kubernetes/release
 * `cmd/krel/templates/latest/{kubelet,kubeadm}/*.spec`, kubernetes `cmd/kubeadm/app/phases/kubelet/flags.go`.
 */
import { KUBELET_JOURNAL, SIM_ENV, formatRuntime } from '../../../src-main/sandbox/daemon/sim-env';
import { KUBEADM_CREDENTIALS } from '../api-credentials';
import type {
  LaunchSpec,
  NodeBuild,
  NodeFile,
  NodeInput,
  ProfileName,
  ProfileNode,
  RuntimeFacts,
} from './types';

export const KUBEADM_CONFIG = '/var/lib/kubelet/config.yaml';
export const KUBEADM_MANIFESTS = '/etc/kubernetes/manifests';
export const KUBEADM_KUBELET_CONF = '/etc/kubernetes/kubelet.conf';
export const KUBEADM_ADMIN_CONF = '/etc/kubernetes/admin.conf';
export const KUBEADM_UNIT = '/usr/lib/systemd/system/kubelet.service';
export const KUBEADM_DROPIN = '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf';
export const KUBEADM_FLAGS_ENV = '/var/lib/kubelet/kubeadm-flags.env';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** `kubelet.service` of the pkgs.k8s.io `kubelet` package (test/fixtures/real/systemctl-status-kubelet-v1.30.txt). */
const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

/** kubeadm's `10-kubeadm.conf`; the extra-args file differs between deb and rpm. */
function kubeadmDropIn(extraArgsFile: string): string {
  return `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-${extraArgsFile}
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;
}

export function extraArgsFile(os: 'debian' | 'rhel'): string {
  return os === 'debian' ? '/etc/default/kubelet' : '/etc/sysconfig/kubelet';
}

/** The flags kubeadm writes to kubeadm-flags.env (flags.go buildKubeletArgsCommon). */
export function kubeadmFlags(runtime: RuntimeFacts): string[] {
  return [`--container-runtime-endpoint=${runtime.endpoint}`, `--pod-infra-container-image=${PAUSE_IMAGE}`];
}

export interface KubeadmFilesInput {
  os: 'debian' | 'rhel';
  runtime: RuntimeFacts;
  /** KUBELET_EXTRA_ARGS, as an admin puts them in the extra-args file. */
  extraArgs: string[];
}

/** The unit, drop-in, flags file and extra-args file of a kubeadm node. */
export function kubeadmFiles(input: KubeadmFilesInput): NodeFile[] {
  const extra = extraArgsFile(input.os);
  return [
    { path: KUBEADM_UNIT, content: KUBELET_SERVICE, mode: 0o644 },
    { path: KUBEADM_DROPIN, content: kubeadmDropIn(extra), mode: 0o644 },
    {
      path: KUBEADM_FLAGS_ENV,
      content: `KUBELET_KUBEADM_ARGS="${kubeadmFlags(input.runtime).join(' ')}"\n`,
      mode: 0o644,
    },
    { path: extra, content: `KUBELET_EXTRA_ARGS=${input.extraArgs.join(' ')}\n`, mode: 0o644 },
  ];
}

/**
 * The kubelet's argv as systemd runs it from the drop-in: kubeconfig args, config args,
 * kubeadm's flags, then the extra args (docs/kubelet.md §6).
 */
export function kubeadmKubeletArgs(runtime: RuntimeFacts, extraArgs: string[]): string[] {
  return [
    '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
    `--kubeconfig=${KUBEADM_KUBELET_CONF}`,
    `--config=${KUBEADM_CONFIG}`,
    ...kubeadmFlags(runtime),
    ...extraArgs,
  ];
}

/** Debian's sudo keeps /usr/local/bin in secure_path; the file is the host's (Debian 12) as it is. */
export const DEBIAN_SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The RHEL family's sudoers line (docs/distributions.md "kubeadm on RHEL"). */
export const RHEL_SECURE_PATH = '/sbin:/bin:/usr/sbin:/usr/bin';

/**
 * The host's /etc/sudoers with RHEL's secure_path: the `Defaults secure_path=` line replaced by
 * the one RHEL, Rocky and Alma ship (`Defaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin`).
 */
export function rhelSudoers(hostSudoers: string): string {
  const line = `Defaults    secure_path = ${RHEL_SECURE_PATH}`;
  const replaced = hostSudoers.replace(/^Defaults\s+secure_path\s*=.*$/m, line);
  return replaced === hostSudoers && !hostSudoers.includes(line) ? `${hostSudoers}\n${line}\n` : replaced;
}

/** What differs between kubeadm nodes: the OS's conventions, the runtime, how the kubelet is installed. */
export interface KubeadmNodeSpec {
  profile: ProfileName;
  /** deb or rpm conventions: the extra-args file, sudo's secure_path. */
  os: 'debian' | 'rhel';
  runtime: RuntimeFacts;
  verbosity: number;
  /** `--logging-format`; text by default. */
  logging?: 'text' | 'json';
  /** KUBELET_EXTRA_ARGS, as an admin puts them in the extra-args file. */
  extraArgs: string[];
  /** The runtime package's /etc/crictl.yaml, when it ships one. */
  crictlYaml?: string;
  /** Files beyond kubeadm's own and the runtime's crictl.yaml (a kubelet binary link). */
  files: NodeFile[];
  /** Host tool paths the node must not have. */
  hidden: string[];
  /** Whether the kubelet binary is /usr/local/bin/kubelet. */
  localBinKubelet: boolean;
  /** How systemd starts the kubelet; argv0 is what `ps -o args` starts with. */
  launch: Pick<LaunchSpec, 'argv0' | 'file' | 'args'> & { env?: Record<string, string> };
}

/**
 * A kubeadm node: the kubelet under `kubelet.service` with kubeadm's drop-in, its config in
 * /var/lib/kubelet/config.yaml, manifests in /etc/kubernetes/manifests re-listed every 20 s
 * (docs/kubelet.md §1.1), its log in the journal of the unit, crictl and
 * kubectl installed into /usr/local/bin, admin.conf on control planes (docs/distributions.md
 * "kubeadm"); sudo's secure_path is the OS's ("kubeadm on Debian and Ubuntu", "kubeadm on RHEL").
 */
export function kubeadmNode(
  input: NodeInput,
  spec: KubeadmNodeSpec,
): { facts: ProfileNode; build: NodeBuild } {
  const { runtime, launch } = spec;
  return {
    facts: {
      profile: spec.profile,
      distribution: 'kubeadm',
      os: spec.os,
      role: input.role,
      hostname: input.name,
      nodeName: input.name,
      runtime,
      kubelet: {
        processComm: 'kubelet',
        processArgsPrefix: launch.argv0,
        configFile: KUBEADM_CONFIG,
        staticPodPath: KUBEADM_MANIFESTS,
        fileCheckSeconds: 20,
        kubeconfig: KUBEADM_KUBELET_CONF,
        logging: spec.logging ?? 'text',
        verbosity: spec.verbosity,
        log: { kind: 'journal', unit: 'kubelet.service', identifier: 'kubelet' },
      },
      tools: {
        crictl: '/usr/local/bin/crictl',
        kubectl: '/usr/local/bin/kubectl',
        journalctl: '/usr/bin/journalctl',
        ...(spec.crictlYaml === undefined ? {} : { crictlConfig: '/etc/crictl.yaml' }),
        crictlOnPath: true,
        kubectlOnPath: true,
      },
      adminKubeconfig: input.role === 'control-plane' ? KUBEADM_ADMIN_CONF : undefined,
      unitFiles: [KUBEADM_UNIT, KUBEADM_DROPIN],
      mainUnit: 'kubelet.service',
      sudoSecurePath: spec.os === 'debian' ? DEBIAN_SECURE_PATH : RHEL_SECURE_PATH,
    },
    build: {
      nodeLocalDirs: [],
      files: [
        ...kubeadmFiles({ os: spec.os, runtime, extraArgs: spec.extraArgs }),
        ...(spec.crictlYaml === undefined
          ? []
          : [{ path: '/etc/crictl.yaml', content: spec.crictlYaml, mode: 0o644 }]),
        ...spec.files,
      ],
      absentDirs: [],
      credentials: KUBEADM_CREDENTIALS(input.role),
      hidden: spec.hidden,
      localBinCommands: ['crictl', 'kubectl', 'journalctl'],
      localBinKubelet: spec.localBinKubelet,
      sudoers: spec.os === 'debian' ? (host) => host : rhelSudoers,
      launch: {
        argv0: launch.argv0,
        file: launch.file,
        args: launch.args,
        env: {
          ...launch.env,
          [SIM_ENV.runtime]: formatRuntime(runtime),
          [SIM_ENV.journal]: JSON.stringify(KUBELET_JOURNAL),
        },
      },
    },
  };
}
