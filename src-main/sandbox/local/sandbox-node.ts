/**
 * The Sandbox node: a simulated kubeadm control-plane node on this machine. Its simulated
 * kubelet runs as a child process named `kubelet`; its files live under `<data dir>/sandbox-node`.
 * Starting boots the node (the runtime starts empty); `systemctl restart kubelet` on it starts
 * the kubelet again on the same root, as systemd would, and the new kubelet takes over the
 * running pods (docs/kubelet.md §1.7). The app reaches it through the same NodeSession as SSH
 * nodes, over a local transport with `env` (core/sandbox-builtin.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../contract';
import { initSimNodeRoot } from '../engine/node/init-root';
import { simPaths, type SimPaths } from '../paths';
import { restartRequestFile, writeSandboxBin } from './sandbox-bin';

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
  stop(): Promise<void>;
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
  if (!fs.existsSync(path.join(options.bundleDir, 'kubelet.cjs'))) {
    throw new ContractError({
      code: 'unsupported',
      message: `The sandbox node's programs are not built (${options.bundleDir} has no kubelet.cjs).`,
      hint: 'Run npm run build, then connect again.',
    });
  }
  initialiseSandboxRoot(paths, false);
  // Under Electron the host decides (src-main/hosts/sandbox-runtime.ts): execPath is the app.
  const node = options.node ?? { command: process.execPath, env: {} };
  const binDir = writeSandboxBin(paths, options.bundleDir, node.command);
  const env = {
    ...process.env,
    ...node.env,
    KUBELET_SIM_ROOT: paths.root,
    PATH: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  };

  // Connecting boots the node: a state file left from an earlier run is no running runtime,
  // and must not pass for this kubelet being up.
  fs.rmSync(paths.stateFile, { force: true });
  fs.rmSync(restartRequestFile(paths), { force: true });
  let stderr = '';
  const exitListeners: Array<(reason: string) => void> = [];
  let stopping = false;
  const start = (): ChildProcess => {
    const child = spawn(
      path.join(binDir, 'kubelet'),
      [
        path.join(options.bundleDir, 'kubelet.cjs'),
        `--config=${paths.kubeletConfig}`,
        `--kubeconfig=${paths.kubeletKubeconfig}`,
        `--hostname-override=${SANDBOX_NODE_NAME}`,
        `--node-ip=${SANDBOX_NODE_IP}`,
      ],
      { env: { ...env, KUBELET_SIM_EXIT_WITH_STDIN: '1' }, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once('exit', (code, signal) => {
      if (stopping) return;
      // `systemctl restart kubelet` (sandbox-bin.ts): start it again, keeping the root.
      if (fs.existsSync(restartRequestFile(paths))) {
        fs.rmSync(restartRequestFile(paths), { force: true });
        stderr = '';
        kubelet = start();
        return;
      }
      const reason = `The sandbox kubelet stopped (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`;
      exitListeners.forEach((listener) => listener(reason));
    });
    return child;
  };
  let kubelet = start();

  try {
    await waitForFile(
      paths.stateFile,
      options.startTimeoutMs ?? 10_000,
      () => kubelet.exitCode !== null || kubelet.signalCode !== null,
      () => stderr,
    );
  } catch (error) {
    // A kubelet that did not come up in time is not left running behind the error.
    stopping = true;
    if (kubelet.exitCode === null && kubelet.signalCode === null) {
      const exited = new Promise((resolve) => kubelet.once('exit', resolve));
      kubelet.kill('SIGKILL');
      await exited;
    }
    throw error;
  }
  return {
    paths,
    env,
    get kubeletPid() {
      return kubelet.pid ?? 0;
    },
    onExit: (listener) => exitListeners.push(listener),
    async stop() {
      stopping = true;
      if (kubelet.exitCode !== null || kubelet.signalCode !== null) return;
      const exited = new Promise((resolve) => kubelet.once('exit', resolve));
      kubelet.kill('SIGTERM');
      const timer = setTimeout(() => kubelet.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForFile(
  file: string,
  timeoutMs: number,
  died: () => boolean,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (died()) {
      throw new ContractError({
        code: 'internal',
        message: `The sandbox kubelet did not start: ${output().trim() || 'it exited'}`,
      });
    }
    if (Date.now() > deadline) {
      throw new ContractError({
        code: 'timeout',
        message: `The sandbox kubelet did not publish its state within ${timeoutMs / 1000} s, so it was stopped.`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
