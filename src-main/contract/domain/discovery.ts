/**
 * What the app found out about a node's kubelet (docs/kubelet.md §6, docs/distributions.md):
 * what kind of node it is, where static pods come from, which tools and credentials the views
 * use, where the kubelet logs — and, for each, how it knows.
 */
import type {
  ApiCredentials,
  KubeletEffectiveConfig,
  KubeletLogLocation,
  NodeNameInfo,
  NodeSetup,
  RuntimeEndpointInfo,
  ToolName,
  ToolRef,
} from './node-setup';

/**
 * Where the static pod path came from, most reliable first (docs/kubelet.md §6): `url` when the
 * kubelet takes static pods over HTTP (staticPodURL, k0s), `unknown` when the kubelet's
 * configuration could not be read (no permission): then nothing is claimed about the path.
 */
export type StaticPodPathSource = 'flag' | 'config-dir' | 'config' | 'default' | 'none' | 'url' | 'unknown';

/** The kubelet's version as discovery read it on the node, or why it could not. */
export interface KubeletVersionRead {
  /** As stated ("v1.32.2", "v1.30.4+k3s1"); null when it could not be read. */
  version: string | null;
  /** What answered: the kubelet's binary, the binary of the distribution embedding it (k3s). */
  source: 'kubelet-binary' | 'distribution-binary' | 'unknown';
  /** What was run and what it printed, or why nothing was: "`/proc/812/exe --version` printed …". */
  evidence: string;
}

export interface NodeDiscovery {
  /** The node name the kubelet registers (`--hostname-override`, else the hostname), lowercased. */
  nodeName: string;
  kubeletPid: number | null;
  /** The kubelet's command line, as read from /proc/<pid>/cmdline. */
  kubeletArgs: string[];
  /** The file named by `--config`, if any. */
  configPath: string | null;
  /** Absolute path, or null when static pods are disabled or nothing was found. */
  staticPodPath: string | null;
  staticPodPathSource: StaticPodPathSource;
  /** One sentence: "--pod-manifest-path on the kubelet's command line", … */
  staticPodPathExplanation: string;
  /** True when the config sets `staticPodPath: ""`: the file source is off. */
  staticPodsDisabled: boolean;
  /** `fileCheckFrequency` in seconds (kubeadm writes 0s, meaning the 20 s default). */
  fileCheckFrequencySeconds: number;
  /** The kubeconfig kubectl should use on the node: admin.conf on control planes, else the kubelet's. */
  kubeconfig: string | null;
  /** Things worth telling the user (unreadable config, several kubelets …). */
  warnings: string[];
  /** The kubelet's version, which decides the rules its manifests are judged by. */
  kubeletVersion: KubeletVersionRead;
}

/**
 * Discovery's account of the node as a whole (docs/distributions.md): what kind of node it is,
 * the tools, runtime, log, configuration, name and credentials the views use, each saying how
 * it was found.
 */
export interface NodeDiscoveryDetails {
  /** What kind of node it is, and how well the views hold there. */
  setup: NodeSetup;
  /** How the node name was found, and whether the API should confirm it. */
  nodeNameInfo: NodeNameInfo;
  /** crictl, kubectl and journalctl as the views run them (absolute paths, versions). */
  tools: Record<ToolName, ToolRef>;
  /** The runtime the kubelet talks to, and what crictl is told. */
  runtime: RuntimeEndpointInfo;
  /** Where the kubelet's log is. */
  kubeletLog: KubeletLogLocation;
  /** The kubelet's effective settings with their sources. */
  kubeletConfig: KubeletEffectiveConfig;
  /** Which kubeconfig kubectl uses on the node, or none. */
  credentials: ApiCredentials;
  /** staticPodURL: static pods served over HTTP (k0s); null otherwise. */
  staticPodURL: string | null;
  /** The user the views read as, and whether as root (directly or through sudo). */
  readAs: { user: string; root: boolean };
  /** This host's IPv4 addresses (to find its Node by address when the name is uncertain). */
  hostIps: string[];
  /** The process that runs the kubelet (`kubelet`, `k3s-agent` …), to notice a restart. */
  kubeletHost: { comm: string | null; unit: string | null };
}
