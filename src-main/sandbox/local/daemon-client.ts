/**
 * The app's side of the Sandbox node's daemon (supervisor.ts): find the one this data dir
 * records and reuse it when the same build started it, else stop it and start our own; stop it
 * on request (Disconnect, Reset, `kubelet-studio sandbox stop`). A persistent daemon runs in its
 * own session and outlives the app, so the next `kubelet-studio status sandbox` or app start
 * finds the control plane up; an attached one (tests) dies with this process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../contract';
import type { SimPaths } from '../paths';
import {
  DAEMON_PROGRAM,
  daemonLogFile,
  daemonLogTail,
  isDaemonOf,
  readDaemonRecord,
  type SandboxDaemonRecord,
} from './daemon-record';
import { writeSandboxBin } from './sandbox-bin';
import { ALREADY_RUNNING } from './supervisor';

export interface DaemonStartOptions {
  paths: SimPaths;
  bundleDir: string;
  /** The Node.js that runs the programs, and what it needs in its environment. */
  node: { command: string; env: Record<string, string> };
  /** The node's environment: its bin directory first on PATH, KUBELET_SIM_ROOT. */
  env: NodeJS.ProcessEnv;
  kubeletArgv: string[];
  buildId: string;
  persist: boolean;
  startTimeoutMs: number;
}

export interface RunningDaemon {
  pid: number;
  /** When the node booted (ms since the epoch): now, or earlier when reused. */
  bootedAt: number;
  /** True when a daemon started earlier (by this app or another) was found and reused. */
  reused: boolean;
  /** The kubelet's pid now (a restart makes a new one); 0 while none runs. */
  readonly kubeletPid: number;
  /** Stops the daemon and its kubelet. */
  stop(): Promise<void>;
  /** This process is done with the node: a persistent daemon keeps running, an attached one stops. */
  release(): Promise<void>;
  onExit(listener: (reason: string) => void): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readPid(file: string): number {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. Only if it is the node's daemon. */
export async function terminate(paths: SimPaths, pid: number): Promise<void> {
  if (!isDaemonOf(pid, paths)) return;
  process.kill(pid, 'SIGTERM');
  for (const deadline = Date.now() + 10_000; isDaemonOf(pid, paths); await sleep(25)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
  }
  while (isDaemonOf(pid, paths)) await sleep(25);
}

/**
 * The node's root holds the programs the daemon runs (bin/) and its record: owner only (0700),
 * so no other local user can swap a program or point the record at a process of theirs. A root
 * of another owner is refused, not used.
 */
export function ensurePrivateRoot(paths: SimPaths): void {
  fs.mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  const stat = fs.statSync(paths.root);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new ContractError({
      code: 'unsupported',
      message: `The Sandbox node's folder ${paths.root} belongs to user id ${stat.uid}, not to you (${uid}), so it is not used.`,
      hint: 'Remove that folder or point KUBELET_STUDIO_DATA_DIR at a folder of your own.',
    });
  }
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(paths.root, 0o700);
}

/** The recorded daemon if it still runs (a stale record is removed). */
export function runningDaemon(paths: SimPaths): SandboxDaemonRecord | null {
  const record = readDaemonRecord(paths);
  if (record && isDaemonOf(record.pid, paths)) return record;
  return null;
}

/** `kubelet-studio sandbox stop`: the recorded daemon stopped, or null when none ran. */
export async function stopRecordedDaemon(paths: SimPaths): Promise<SandboxDaemonRecord | null> {
  const record = runningDaemon(paths);
  if (record) await terminate(paths, record.pid);
  return record;
}

function fits(record: SandboxDaemonRecord, options: DaemonStartOptions): boolean {
  return (
    record.buildId === options.buildId &&
    record.bundleDir === options.bundleDir &&
    record.nodeCommand === options.node.command
  );
}

export async function ensureSandboxDaemon(options: DaemonStartOptions): Promise<RunningDaemon> {
  const { paths } = options;
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = runningDaemon(paths);
    if (found && fits(found, options)) {
      await waitForState(
        options,
        () => isDaemonOf(found.pid, paths),
        () => daemonLogTail(paths),
      );
      return handle(options, found, true, null);
    }
    // Another build's daemon (an upgraded app, a rebuilt checkout): not one to talk to.
    if (found) await terminate(paths, found.pid);
    const started = await startDaemon(options);
    if (started) return started;
    // Another app started the node at the same moment: use that one.
  }
  throw new ContractError({ code: 'internal', message: 'The Sandbox node could not be started.' });
}

async function startDaemon(options: DaemonStartOptions): Promise<RunningDaemon | null> {
  const { paths, persist } = options;
  writeSandboxBin(paths, options.bundleDir, options.node.command);
  fs.mkdirSync(path.dirname(daemonLogFile(paths)), { recursive: true });
  const log = persist ? fs.openSync(daemonLogFile(paths), 'w', 0o600) : undefined;
  const child = spawn(
    options.node.command,
    [
      path.join(options.bundleDir, DAEMON_PROGRAM),
      `--root=${paths.root}`,
      `--bundle-dir=${options.bundleDir}`,
      `--build-id=${options.buildId}`,
      `--node-command=${options.node.command}`,
      ...(persist ? [] : ['--attached']),
      '--',
      ...options.kubeletArgv,
    ],
    {
      cwd: paths.root,
      env: options.env,
      // Persistent: its own session, out of reach of the terminal's Ctrl-C, not waited for.
      detached: persist,
      stdio: persist ? ['ignore', log, log] : ['pipe', 'ignore', 'pipe'],
    },
  );
  if (log !== undefined) fs.closeSync(log);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  if (persist) child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new ContractError({ code: 'internal', message: `Could not start ${options.node.command}.` });
  }
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => (exitCode = code ?? (signal ? 128 : 1)));
  const output = () => (persist ? daemonLogTail(paths) : stderr.trim());
  try {
    await waitForState(options, () => exitCode === null, output);
  } catch (error) {
    if (exitCode === ALREADY_RUNNING) return null;
    // A node that did not come up in time is not left running behind the error: SIGTERM lets the
    // daemon stop its kubelet first (supervisor.ts); SIGKILL if it has not gone in 10 s.
    if (exitCode === null) {
      child.kill('SIGTERM');
      const killAt = Date.now() + 10_000;
      while (exitCode === null) {
        if (Date.now() > killAt) child.kill('SIGKILL');
        await sleep(25);
      }
    }
    throw error;
  }
  const record = readDaemonRecord(paths);
  const started = record?.pid === pid ? record : { pid, startedAt: Date.now() };
  return handle(options, started, false, persist ? null : child);
}

async function waitForState(
  options: DaemonStartOptions,
  alive: () => boolean,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + options.startTimeoutMs;
  // Up means its state published and its pid file written (the last step of its start).
  while (!fs.existsSync(options.paths.stateFile) || readPid(options.paths.pidFile) === 0) {
    if (!alive()) {
      throw new ContractError({
        code: 'internal',
        message: `The sandbox kubelet did not start: ${output() || 'it exited'}`,
      });
    }
    if (Date.now() > deadline) {
      throw new ContractError({
        code: 'timeout',
        message: `The sandbox kubelet did not publish its state within ${options.startTimeoutMs / 1000} s, so it was stopped.`,
      });
    }
    await sleep(50);
  }
}

function handle(
  options: DaemonStartOptions,
  daemon: Pick<SandboxDaemonRecord, 'pid' | 'startedAt'>,
  reused: boolean,
  child: ReturnType<typeof spawn> | null,
): RunningDaemon {
  const { paths } = options;
  const listeners: Array<(reason: string) => void> = [];
  let done = false;
  const exited = (how: string) => {
    if (done) return;
    done = true;
    clearInterval(watch);
    const log = child ? '' : daemonLogTail(paths, 600);
    listeners.forEach((listener) => listener(`The Sandbox node stopped (${how})${log ? `: ${log}` : ''}`));
  };
  // A child reports its exit; a detached daemon (ours or another app's) is watched by pid,
  // so `kubelet-studio sandbox stop` elsewhere shows here as the node stopping.
  child?.once('exit', (code, signal) => exited(signal ?? `exit ${code}`));
  const watch = setInterval(() => {
    if (!child && !isDaemonOf(daemon.pid, paths)) exited('its daemon is gone');
  }, 1000);
  watch.unref();
  const stop = async () => {
    done = true;
    clearInterval(watch);
    await terminate(paths, daemon.pid);
  };
  return {
    pid: daemon.pid,
    bootedAt: daemon.startedAt,
    reused,
    get kubeletPid() {
      return readPid(paths.pidFile);
    },
    stop,
    async release() {
      if (child) return stop();
      done = true;
      clearInterval(watch);
    },
    onExit: (listener) => listeners.push(listener),
  };
}
