/**
 * What the app found out about a node's kubelet (docs/kubelet.md §6): where static pods come
 * from, and how it knows.
 */

/** Where the static pod path came from, most reliable first (docs/kubelet.md §6). */
export type StaticPodPathSource = 'flag' | 'config-dir' | 'config' | 'default' | 'none';

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
}
