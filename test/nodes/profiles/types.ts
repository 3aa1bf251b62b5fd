/**
 * A node set-up ("profile") for the test nodes: what a node of one kind looks like — where its
 * kubelet, tools, runtime socket, units and logs are — and how the test infrastructure builds
 * it. Every fact follows the distribution's documentation and source (docs/distributions.md,
 * "Test node profiles"); the simulation is built from these facts, the app must find them on
 * its own.
 *
 * Two halves:
 * - `ProfileNode` is what a test may read to act on a node (where to drop a manifest, which
 *   file the kubelet logs to, which name the node registered). A test of the app's findings
 *   compares them with the upstream facts in the docs, not with this object.
 * - `NodeBuild` is how the node is made: extra files, extra node-local directories, host files
 *   hidden from the node, and the command line the node's "systemd" starts.
 */

import type { CredentialPlaces } from '../api-credentials';

export const PROFILE_NAMES = [
  'kubeadm-ubuntu',
  'kubeadm-rhel-crio',
  'rke2-server',
  'k3s-agent',
  'kubeadm-json-logs',
] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export type Distribution = 'kubeadm' | 'rke2' | 'k3s';
export type NodeRole = 'control-plane' | 'worker';

/** The container runtime behind the node's CRI socket. */
export interface RuntimeFacts {
  name: 'containerd' | 'cri-o';
  /** As `crictl version` prints RuntimeVersion. */
  version: string;
  /** `unix:///…`, as the kubelet's `--container-runtime-endpoint` / `containerRuntimeEndpoint`. */
  endpoint: string;
}

/** Where the kubelet's log lines go. */
export type KubeletLogPlace =
  | {
      kind: 'journal';
      /** `_SYSTEMD_UNIT`, e.g. `kubelet.service`, `k3s-agent.service`. */
      unit: string;
      /** `SYSLOG_IDENTIFIER` (`journalctl -t`). */
      identifier: string;
    }
  | {
      kind: 'file';
      /** The live file, e.g. /var/lib/rancher/rke2/agent/logs/kubelet.log. */
      path: string;
      /** Rotation at this size (lumberjack `MaxSize`, megabytes). */
      maxSizeMb: number;
      /** Rotated files kept (lumberjack `MaxBackups`), gzip-compressed beside the live file. */
      backups: number;
    };

export interface KubeletFacts {
  /** The process that runs the kubelet: `kubelet`, or `k3s-agent` for k3s's embedded one. */
  processComm: string;
  /** What `ps -o args` starts with: `kubelet`, `/usr/local/bin/k3s agent`. */
  processArgsPrefix: string;
  /**
   * The process that starts and restarts the kubelet, when it is not systemd (`rke2`): a unit
   * restart restarts it, and the kubelet with it.
   */
  supervisorComm?: string;
  /** `--config`, when the kubelet has one. */
  configFile?: string;
  /** `--config-dir`, when the kubelet has one. */
  configDir?: string;
  /** The effective staticPodPath (flags over drop-ins over the config file). */
  staticPodPath: string;
  /** The effective file check (re-list) period in seconds. */
  fileCheckSeconds: number;
  /** The kubelet's own kubeconfig. */
  kubeconfig: string;
  logging: 'text' | 'json';
  verbosity: number;
  log: KubeletLogPlace;
}

export interface ToolFacts {
  /** Absolute path of each tool on the node, or undefined when the set-up has none. */
  crictl?: string;
  kubectl?: string;
  journalctl: string;
  /** The crictl config the distribution writes (`/etc/crictl.yaml`, RKE2's agent/etc/crictl.yaml). */
  crictlConfig?: string;
  /** True when the login user's default PATH finds crictl / kubectl. */
  crictlOnPath: boolean;
  kubectlOnPath: boolean;
}

/** What a test may know about one node of a profile. */
export interface ProfileNode {
  profile: ProfileName;
  distribution: Distribution;
  /** Whose conventions the node follows: sudo's secure_path, /etc/default vs /etc/sysconfig. */
  os: 'debian' | 'rhel';
  role: NodeRole;
  hostname: string;
  /** The name the kubelet registers (k3s `--with-node-id`: `<hostname>-<id>`). */
  nodeName: string;
  runtime: RuntimeFacts;
  kubelet: KubeletFacts;
  tools: ToolFacts;
  /** Admin credentials, absent on workers and agents. */
  adminKubeconfig?: string;
  /** Unit files present on the node (absolute paths). */
  unitFiles: string[];
  /** The unit whose journal carries the set-up's own messages (kubelet, rke2-server, k3s-agent). */
  mainUnit: string;
  /** sudo's `secure_path` on the node. */
  sudoSecurePath: string;
}

/** A file the profile puts on the node. */
export interface NodeFile {
  /** Absolute path inside the node. */
  path: string;
  /** File content; or a symlink target with `symlink`. */
  content?: string;
  symlink?: string;
  /** Default 0644 (0755 for `executable`). */
  mode?: number;
}

/** How a profile's node is made (test/nodes only). */
export interface NodeBuild {
  /**
   * Directories the node gets from its node directory (`<nodeDir>/<path>`), like
   * /etc/kubernetes today: their content is the node's own and readable from the host.
   */
  nodeLocalDirs: string[];
  /** Files written before the node starts (under /etc, /usr, /var/lib, /opt, …). */
  files: NodeFile[];
  /** Host files the node must not see (a host `/usr/bin/kubectl` on an RKE2 node). */
  hidden: string[];
  /**
   * Node-local directories every node gets that this set-up does not have (/etc/kubernetes on
   * RKE2 and k3s): unmounted and removed once the node is up.
   */
  absentDirs: string[];
  /** Where the API credentials go (api-credentials.ts). */
  credentials: CredentialPlaces;
  /** Which of the simulated commands go into /usr/local/bin and /usr/local/sbin. */
  localBinCommands: readonly ('crictl' | 'kubectl' | 'journalctl')[];
  /** Whether /usr/local/bin/kubelet (the node binary under that name) exists. */
  localBinKubelet: boolean;
  /** Turns the host's /etc/sudoers into the node's. */
  sudoers(hostSudoers: string): string;
  /** What the node's "systemd" starts for the kubelet's side, as one sh command line. */
  launch: LaunchSpec;
}

export interface LaunchSpec {
  /** argv[0] as the process sees it (`kubelet`, `/usr/local/bin/k3s`). */
  argv0: string;
  /** The file executed (its name is the process's comm). */
  file: string;
  args: string[];
  env: Record<string, string>;
  /** Working directory; default `/`. */
  cwd?: string;
}

/** Everything the infrastructure needs to know to start one node of a set. */
export interface NodeInput {
  name: string;
  role: NodeRole;
  nodeIp: string;
  /** The node's copy of the simulation bundles (kubelet.cjs, crictl.cjs, …). */
  sandboxDir: string;
  /** The node program that runs the bundles. */
  nodeBinary: string;
  /** A real kubectl binary for the node, or undefined for the simulated one. */
  realKubectl?: string;
  /** `--v` requested by the suite; a profile may have its own. */
  verbosity?: number;
  /**
   * RKE2: the kubelet log's rotation size, as `kubelet-arg: log-file-max-size=N` in
   * /etc/rancher/rke2/config.yaml sets it (default 50).
   */
  kubeletLogMaxSizeMb?: number;
}

export interface ProfileDefinition {
  name: ProfileName;
  /** One line for `nodes:up` and the README. */
  summary: string;
  /** The facts and the build of one node. */
  node(input: NodeInput): { facts: ProfileNode; build: NodeBuild };
}
