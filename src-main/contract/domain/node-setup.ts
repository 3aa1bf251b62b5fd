/**
 * What kind of node it is and where its kubelet keeps things (docs/distributions.md): the
 * set-up (kubeadm, RKE2, k3s, k0s, MicroK8s, OpenShift), the tools the app runs and how they
 * were found, the runtime endpoint, the kubelet's log, its effective configuration with where
 * each value came from, the node name and how it was found, and the API credentials. Every
 * part says how it knows, so a view can show its source and a finding never rests on a guess.
 */

export type SetupKind = 'kubeadm' | 'rke2' | 'k3s' | 'k0s' | 'microk8s' | 'openshift' | 'kubelet' | 'unknown';

/** Whether Kubelet Studio's views hold on this set-up (docs/support-matrix.md). */
export type SupportLevel = 'supported' | 'partial' | 'unsupported';

export interface NodeSetup {
  kind: SetupKind;
  /** `server`/`agent` (RKE2, k3s), `controller`/`worker` (k0s); null when the set-up has no such split or it is unknown. */
  role: string | null;
  /** "RKE2 server", "k3s agent", "kubeadm" … */
  label: string;
  /** What on the node showed it, in words: "unit rke2-server.service is active", "process k3s-agent (pid 812)". */
  evidence: string[];
  support: SupportLevel;
  /** For partial or unsupported set-ups: what does not work here, and why, in one or two sentences. */
  supportNote: string | null;
  /**
   * Set on the app's Sandbox node: a kubelet simulated on this machine with kubeadm's layout
   * below a folder of the app's data. Its advertised address is not this machine's, so nothing
   * may be sent there (the doctor's probes skip it).
   */
  simulated?: true;
}

/**
 * The Description of the Sandbox node's `kubelet.service` as its own `systemctl show` reports
 * it (src-main/sandbox/local/systemctl.sh): the mark by which discovery knows the node is the
 * simulated one, as a unit's Description names what a real node's unit runs.
 */
export const SANDBOX_KUBELET_UNIT_DESCRIPTION =
  'kubelet: Kubelet Studio Sandbox node (simulated kubeadm node)';

export type ToolName = 'crictl' | 'kubectl' | 'journalctl';

/** A tool resolved to an absolute path (sudo's secure_path is never trusted, docs/distributions.md). */
export interface ToolRef {
  name: ToolName;
  /** The argv prefix that runs it: `['/usr/local/bin/crictl']` or `['/usr/local/bin/k3s', 'crictl']`; empty when not found. */
  argv: string[];
  /** The executable's absolute path, or null when not found. */
  path: string | null;
  /** How it was found: "PATH of ks-admin", "RKE2's tools directory", "k3s multi-call binary". */
  foundVia: string | null;
  /** First line of its version output ("crictl version v1.30.0"), or null when not read. */
  version: string | null;
  /** Where it was looked for, in order. */
  searched: string[];
  /** When not found: "crictl not found in PATH (/usr/bin:/bin) or /var/lib/rancher/rke2/bin". */
  missing: string | null;
}

/** Where an effective kubelet setting came from, most authoritative first (docs/kubelet.md §6). */
export type ConfigSourceKind = 'flag' | 'drop-in' | 'config' | 'distribution' | 'default';

export interface EffectiveValue {
  /** The value as the kubelet would use it (a path, a duration as written, an endpoint). */
  value: string;
  source: ConfigSourceKind;
  /** "--pod-manifest-path", "/var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf", "kubelet default". */
  from: string;
}

/** The kubelet settings the app relies on, each with its source; absent keys were not set anywhere. */
export interface KubeletEffectiveConfig {
  staticPodPath?: EffectiveValue;
  staticPodURL?: EffectiveValue;
  fileCheckFrequency?: EffectiveValue;
  containerRuntimeEndpoint?: EffectiveValue;
  loggingFormat?: EffectiveValue;
  kubeconfig?: EffectiveValue;
  hostnameOverride?: EffectiveValue;
  /** The drop-in files applied, in the kubelet's order (WalkDir: lexical, subdirectories included). */
  dropIns: string[];
  /** Problems the kubelet itself would stop on, or that leave a value unknown (unreadable drop-ins …). */
  problems: string[];
}

export interface RuntimeEndpointInfo {
  /** `unix:///run/containerd/containerd.sock`, or null when not found. */
  endpoint: string | null;
  /** "--container-runtime-endpoint", "containerRuntimeEndpoint in /var/lib/kubelet/config.yaml", "RKE2's default" … */
  from: string;
  /** A crictl.yaml the distribution keeps for its crictl (RKE2, k3s), passed with --config. */
  crictlConfig: string | null;
  /** `containerd`, `cri-o`, `cri-dockerd` from the socket's name; null when unknown. */
  runtime: string | null;
}

/** Where the kubelet's log is, and in what form (docs/distributions.md, docs/kubelet.md §5). */
export interface KubeletLogLocation {
  kind: 'journal' | 'file' | 'none';
  /** journald units to read (`kubelet`, `k3s-agent`, `k0sworker` …), in order of preference. */
  units: string[];
  /** SYSLOG_IDENTIFIERs to fall back on when the unit yields nothing (docs/kubelet.md §5.1). */
  identifiers: string[];
  /** The log file (RKE2's agent/logs/kubelet.log, a kubelet's --log-file). */
  file: string | null;
  /** `klog` text, `json` (--logging-format=json), `k0s` (klog wrapped in k0s's logrus lines). */
  format: 'klog' | 'json' | 'k0s';
  /** The source also carries other components' lines (k3s runs the control plane in the same process). */
  shared: boolean;
  /** One sentence: how the app knows. */
  explanation: string;
}

export interface NodeNameInfo {
  name: string;
  /** "--hostname-override on the kubelet's command line", "k3s --node-name plus --with-node-id (/etc/rancher/node/id)" … */
  how: string;
  /** False when the kubelet could register under another name (an in-tree cloud provider, an unread config). */
  certain: boolean;
}

/** Which kubeconfig kubectl uses on the node, and why (credentials are not health). */
export interface ApiCredentials {
  /** The kubeconfig passed to kubectl, or null: then there are no credentials on this node. */
  kubeconfig: string | null;
  kind: 'admin' | 'kubelet' | 'user' | 'none';
  /** "admin.conf (kubeadm's administrator credentials)", "the kubelet's own kubeconfig: it may read only this node's pods" … */
  explanation: string;
  /** Kubeconfigs that exist but could not be read as the user the app runs as. */
  unreadable: string[];
}

/** The part of the kubelet's log a pods snapshot read for its findings. */
export interface KubeletLogWindow {
  /** False when the log could not be read at all; `reason` says why. */
  readable: boolean;
  reason: string | null;
  /** "journal unit k3s-agent", "/var/lib/rancher/rke2/agent/logs/kubelet.log" … */
  source: string;
  /** The window asked for, in seconds (at least three re-list periods of the file source). */
  windowSeconds: number;
  /** The oldest line read (ms since the epoch, node clock), or null when none was. */
  oldestMs: number | null;
  /** False when a size bound cut the window short: then only the time since `oldestMs` was read. */
  complete: boolean;
  lines: number;
}
