/**
 * Where a node's files live on the host. The node directory mirrors the real paths it stands
 * in for (`<nodeDir>/etc/kubernetes` is the node's /etc/kubernetes, `<nodeDir>/var/log` its
 * /var/log, …), so a test can inspect a node's files from the host without entering it.
 */
import path from 'node:path';

/** Real path inside the node → host directory or file bind-mounted there. */
export interface BindMount {
  target: string;
  source: string;
  kind: 'dir' | 'file';
}

export interface NodeLayout {
  nodeDir: string;
  /** Empty on the host; inside the node a private tmpfs for overlay upper dirs. */
  scratchDir: string;
  initScript: string;
  initLog: string;
  sshDir: string;
  sshdConfig: string;
  sshdLog: string;
  sshdPidFile: string;
  etcDir: string;
  binDir: string;
  sbinDir: string;
  homeDir: string;
  kubeletConfig: string;
  kubeletStdout: string;
  /** The simulated kubelet's state file, host view (paths.ts `stateFile`). */
  kubeletStateFile: string;
  /** Bind mounts in the order the init script applies them. */
  binds: BindMount[];
  /** Directories that must exist on the host before the binds. */
  dirs: string[];
}

/** Files of /etc replaced inside the node; everything else in /etc is the host's, read-only in effect. */
export const NODE_ETC_FILES = ['passwd', 'shadow', 'group', 'hosts', 'hostname', 'sudoers'] as const;

/**
 * `localDirs`: a profile's own node-local directories (/var/lib/rancher/rke2, /etc/rancher, …),
 * bound from `<nodeDir>/<dir>` like /etc/kubernetes.
 */
export function nodeLayout(stateDir: string, name: string, localDirs: readonly string[] = []): NodeLayout {
  const nodeDir = path.join(stateDir, name);
  const at = (...p: string[]) => path.join(nodeDir, ...p);
  const etcDir = at('etc');
  const binDir = at('usr/local/bin');
  const sbinDir = at('usr/local/sbin');
  const dir = (target: string, source: string): BindMount => ({ target, source, kind: 'dir' });
  const file = (target: string, source: string): BindMount => ({ target, source, kind: 'file' });
  const dirBinds: BindMount[] = [
    dir('/etc/sudoers.d', at('etc/sudoers.d')),
    dir('/etc/kubernetes', at('etc/kubernetes')),
    dir('/var/lib/kubelet', at('var/lib/kubelet')),
    dir('/var/log', at('var/log')),
    dir('/home', at('home')),
    dir('/root', at('root')),
    dir('/tmp', at('tmp')),
    dir('/usr/local/bin', binDir),
    dir('/usr/local/sbin', sbinDir),
    ...localDirs.map((d) => dir(d, at(d))),
  ];
  const fileBinds: BindMount[] = [
    ...NODE_ETC_FILES.map((f) => file(`/etc/${f}`, path.join(etcDir, f))),
    // Shadows the real journalctl inside this node only (the host's file is never written).
    file('/usr/bin/journalctl', path.join(binDir, 'journalctl')),
  ];
  return {
    nodeDir,
    scratchDir: at('.ns'),
    initScript: at('init.sh'),
    initLog: at('init.log'),
    sshDir: at('ssh'),
    sshdConfig: at('ssh/sshd_config'),
    sshdLog: at('ssh/sshd.log'),
    sshdPidFile: at('ssh/sshd.pid'),
    etcDir,
    binDir,
    sbinDir,
    homeDir: at('home'),
    kubeletConfig: at('var/lib/kubelet/config.yaml'),
    kubeletStdout: at('var/log/kubelet-sim.out'),
    kubeletStateFile: at('run/kubelet-sim/state.json'),
    binds: [...dirBinds, ...fileBinds],
    dirs: [
      at('.ns'),
      at('ssh'),
      ...dirBinds.map((b) => b.source),
      at('var/log/journal'),
      at('var/log/pods'),
      at('run/kubelet-sim'),
    ],
  };
}

/** The per-node source of /run/kubelet-sim (bound after /run gets its fresh tmpfs). */
export function runKubeletSimDir(layout: NodeLayout): string {
  return path.join(layout.nodeDir, 'run/kubelet-sim');
}

/** Maps a path inside the node to the host file behind it, for the bind-mounted trees. */
export function hostPathOf(layout: NodeLayout, nodePath: string): string {
  const all = [
    ...layout.binds,
    { target: '/run/kubelet-sim', source: runKubeletSimDir(layout), kind: 'dir' },
  ];
  const hit = all
    .filter((b) => nodePath === b.target || nodePath.startsWith(`${b.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  if (!hit) throw new Error(`${nodePath} is not a node-local path`);
  return hit.source + nodePath.slice(hit.target.length);
}
