import path from 'node:path';

/**
 * Where a simulated node keeps its files, below a root directory. On a test node the root is
 * `/` inside the node's own mount namespace, so the paths are the real kubeadm ones; the
 * sandbox node in the app uses a folder in the app's data directory as its root.
 * The node commands find the root in `KUBELET_SIM_ROOT` (default `/`).
 */
export interface SimPaths {
  root: string;
  /** kubeadm's staticPodPath (docs/kubelet.md §6). */
  manifestDir: string;
  /** The kubelet config named by `--config` (docs/kubelet.md §6). */
  kubeletConfig: string;
  /** kubeadm's /etc/kubernetes/tmp, where backups and staged files go (docs/kubelet.md §7). */
  kubernetesTmpDir: string;
  adminKubeconfig: string;
  /** kubeadm's certificate directory: the API server's serving certificate and the cluster CA. */
  pkiDir: string;
  kubeletKubeconfig: string;
  /** `/var/log/pods` (docs/kubelet.md §3.1). */
  podLogDir: string;
  /** The simulated runtime's state, written atomically by the kubelet daemon. */
  stateFile: string;
  /** The unix socket the kubelet daemon answers commands on (kubectl delete/apply, …). */
  socketPath: string;
  /** The kubelet unit's journal, one JSON entry per line, append-only. */
  journalFile: string;
  /** The daemon's pid. */
  pidFile: string;
  /** The version the running kubelet was started as: what a new `kubelet --version` answers. */
  versionFile: string;
}

export function simPaths(root: string = process.env.KUBELET_SIM_ROOT || '/'): SimPaths {
  const at = (...parts: string[]) => path.join(root, ...parts);
  return {
    root,
    manifestDir: at('etc/kubernetes/manifests'),
    kubeletConfig: at('var/lib/kubelet/config.yaml'),
    kubernetesTmpDir: at('etc/kubernetes/tmp'),
    adminKubeconfig: at('etc/kubernetes/admin.conf'),
    pkiDir: at('etc/kubernetes/pki'),
    kubeletKubeconfig: at('etc/kubernetes/kubelet.conf'),
    podLogDir: at('var/log/pods'),
    stateFile: at('run/kubelet-sim/state.json'),
    socketPath: at('run/kubelet-sim/sim.sock'),
    journalFile: at('var/log/journal/kubelet.jsonl'),
    pidFile: at('run/kubelet-sim/kubelet.pid'),
    versionFile: at('run/kubelet-sim/kubelet-version'),
  };
}

/**
 * Where a path the simulated kubelet was configured with really is. On a test node the root
 * is `/`, so node paths are host paths. The sandbox node's config names real directories below
 * its root already (they are what the app, running on this machine, must read and write);
 * anything else is taken as relative to the root.
 */
export function nodePathToHost(paths: SimPaths, nodePath: string): string {
  if (
    paths.root === '/' ||
    nodePath === paths.root ||
    nodePath.startsWith(`${paths.root.replace(/\/+$/, '')}/`)
  )
    return nodePath;
  return path.join(paths.root, nodePath);
}
