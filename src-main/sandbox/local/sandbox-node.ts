/**
 * The Sandbox node: a simulated kubeadm control-plane node on this machine. Its simulated
 * kubelet runs as a child process named `kubelet`, under a daemon that plays systemd
 * (supervisor.ts); its files live under `<data dir>/sandbox-node`. Starting boots the node (the
 * runtime starts empty) or reuses the one an earlier run left running (daemon-client.ts);
 * `systemctl restart kubelet` on it starts the kubelet again on the same root, as systemd would,
 * and the new kubelet takes over the running pods (docs/kubelet.md §1.7). The app reaches it
 * through the same NodeSession as SSH nodes, over a local transport with `env`
 * (core/sandbox-builtin.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../contract';
import { initSimNodeRoot } from '../engine/node/init-root';
import { simPaths, type SimPaths } from '../paths';
import { ensurePrivateRoot, ensureSandboxDaemon } from './daemon-client';
import { DAEMON_PROGRAM, daemonBuildId } from './daemon-record';
import { sandboxBinDir } from './sandbox-bin';

export const SANDBOX_NODE_NAME = 'controlplane';
const SANDBOX_NODE_IP = '10.0.0.10';

export interface SandboxNodeOptions {
  /** `<data dir>/sandbox-node`. */
  root: string;
  /** Where the build put kubelet.cjs, crictl.cjs, kubectl.cjs, journalctl.cjs. */
  bundleDir: string;
  /** The Node.js that runs those programs; this process's own by default (a Node host). */
  node?: SandboxNodeRunner;
  /** How long the kubelet may take to publish its state before it is killed (default 10 s). */
  startTimeoutMs?: number;
  /**
   * Keep the node running after this process ends (the hosts: the next app or CLI run reuses
   * it; `kubelet-studio sandbox stop` stops it). Default false: it dies with this process.
   */
  persist?: boolean;
  /** The app's version, part of the daemon's build id (daemon-record.ts). */
  appVersion?: string;
}

export interface SandboxNodeRunner {
  command: string;
  /** Added to the programs' environment. */
  env: Record<string, string>;
}

export interface RunningSandboxNode {
  paths: SimPaths;
  /** The environment of the node's commands: its bin directory first on PATH, KUBELET_SIM_ROOT. */
  env: NodeJS.ProcessEnv;
  /** The current kubelet process (a restart makes a new one). */
  readonly kubeletPid: number;
  /** The daemon that supervises the kubelet (supervisor.ts). */
  daemonPid: number;
  /** When the node booted (ms since the epoch); earlier than this start when reused. */
  bootedAt: number;
  /** True when a running node (started by an earlier run) was reused. */
  reused: boolean;
  /** Stops the node: its daemon and kubelet. */
  stop(): Promise<void>;
  /** This process is done with it: a persistent node keeps running, another one stops. */
  release(): Promise<void>;
  onExit(listener: (reason: string) => void): void;
}

export function initialiseSandboxRoot(paths: SimPaths, force: boolean): void {
  // The root sits in the app's data directory, which may not exist yet: both owner-only.
  fs.mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  initSimNodeRoot(paths, {
    role: 'control-plane',
    nodeName: SANDBOX_NODE_NAME,
    nodeIp: SANDBOX_NODE_IP,
    staticPodPath: paths.manifestDir,
    force,
  });
}

export async function startSandboxNode(options: SandboxNodeOptions): Promise<RunningSandboxNode> {
  const paths = simPaths(path.resolve(options.root));
  const missing = ['kubelet.cjs', DAEMON_PROGRAM].filter(
    (f) => !fs.existsSync(path.join(options.bundleDir, f)),
  );
  if (missing.length > 0) {
    throw new ContractError({
      code: 'unsupported',
      message: `The sandbox node's programs are not built (${options.bundleDir} has no ${missing.join(', ')}).`,
      hint: 'Run npm run build, then connect again.',
    });
  }
  ensurePrivateRoot(paths);
  initialiseSandboxRoot(paths, false);
  // Under Electron the host decides (src-main/hosts/sandbox-runtime.ts): execPath is the app.
  const node = options.node ?? { command: process.execPath, env: {} };
  const env = {
    ...process.env,
    ...node.env,
    KUBELET_SIM_ROOT: paths.root,
    PATH: `${sandboxBinDir(paths)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  };
  const daemon = await ensureSandboxDaemon({
    paths,
    bundleDir: options.bundleDir,
    node,
    env,
    kubeletArgv: [
      path.join(options.bundleDir, 'kubelet.cjs'),
      `--config=${paths.kubeletConfig}`,
      `--kubeconfig=${paths.kubeletKubeconfig}`,
      `--hostname-override=${SANDBOX_NODE_NAME}`,
      `--node-ip=${SANDBOX_NODE_IP}`,
    ],
    buildId: daemonBuildId(options.appVersion ?? 'dev', options.bundleDir, env),
    persist: options.persist ?? false,
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  return {
    paths,
    env,
    daemonPid: daemon.pid,
    bootedAt: daemon.bootedAt,
    reused: daemon.reused,
    get kubeletPid() {
      return daemon.kubeletPid;
    },
    onExit: (listener) => daemon.onExit(listener),
    stop: () => daemon.stop(),
    release: () => daemon.release(),
  };
}
