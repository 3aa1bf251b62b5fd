/**
 * The Sandbox node's daemon as the data dir records it. The daemon (bin/sandbox-daemon.ts)
 * supervises the simulated kubelet and keeps running between runs of the app and the CLI, so
 * that `kubelet-studio status sandbox` finds the control plane up instead of booting it each
 * time. Its record says which build started it: an app of another build stops it and starts its
 * own rather than talk to an old one.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SimPaths } from '../paths';

export interface SandboxDaemonRecord {
  pid: number;
  /** appVersion() and a hash of the programs (daemonBuildId): another build means another daemon. */
  buildId: string;
  bundleDir: string;
  /** The Node.js (or Electron as Node) that runs the programs. */
  nodeCommand: string;
  /** When the daemon booted the node (ms since the epoch). */
  startedAt: number;
}

export const DAEMON_PROGRAM = 'sandbox-daemon.cjs';

export function daemonRecordFile(paths: SimPaths): string {
  return path.join(paths.root, 'run', 'sandbox-daemon.json');
}

/** The daemon's and the kubelet's stderr (a detached daemon has no terminal). */
export function daemonLogFile(paths: SimPaths): string {
  return path.join(paths.root, 'run', 'sandbox-daemon.log');
}

/**
 * The build of the programs in `bundleDir`, with the app's version and the simulation's settings
 * (the `KUBELET_SIM_*` variables of the node's environment, e.g. the emulated kubelet version):
 * a rebuild or other settings change it, so a developer's daemon does not outlive the code it
 * runs, and a run that asks for another simulation does not get the old one.
 */
export function daemonBuildId(appVersion: string, bundleDir: string, env: NodeJS.ProcessEnv = {}): string {
  const hash = createHash('sha256');
  for (const program of [DAEMON_PROGRAM, 'kubelet.cjs']) {
    const file = path.join(bundleDir, program);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : program);
  }
  const settings = Object.entries(env)
    .filter(([name]) => name.startsWith('KUBELET_SIM_') && !PER_PROCESS_SETTINGS.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify(settings));
  return `${appVersion}+${hash.digest('hex').slice(0, 16)}`;
}

/** Set for each process by the app or the daemon, not a choice of simulation. */
const PER_PROCESS_SETTINGS = new Set(['KUBELET_SIM_ROOT', 'KUBELET_SIM_EXIT_WITH_STDIN']);

export function readDaemonRecord(paths: SimPaths): SandboxDaemonRecord | null {
  try {
    const value = JSON.parse(
      fs.readFileSync(daemonRecordFile(paths), 'utf8'),
    ) as Partial<SandboxDaemonRecord>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return {
      pid: value.pid,
      buildId: String(value.buildId ?? ''),
      bundleDir: String(value.bundleDir ?? ''),
      nodeCommand: String(value.nodeCommand ?? ''),
      startedAt: Number(value.startedAt ?? 0),
    };
  } catch {
    return null;
  }
}

/**
 * Writes the record only if no live daemon holds it (exclusive create): two apps starting the
 * node at once must not run two kubelets on one root. Returns the holder's pid when one does.
 */
export function claimDaemonRecord(paths: SimPaths, record: SandboxDaemonRecord): number | null {
  const file = daemonRecordFile(paths);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(record)}\n`, { flag: 'wx', mode: 0o600 });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readDaemonRecord(paths);
      if (holder && holder.pid !== record.pid && isDaemonOf(holder.pid, paths)) return holder.pid;
      fs.rmSync(file, { force: true }); // left by a daemon that died without removing it
    }
  }
  throw new Error(`could not claim ${file}`);
}

/** Removes the record if it is `pid`'s (a newer daemon's record stays). */
export function releaseDaemonRecord(paths: SimPaths, pid: number): void {
  if (readDaemonRecord(paths)?.pid === pid) fs.rmSync(daemonRecordFile(paths), { force: true });
}

/** The argv of `pid` if it is this user's process, else null (gone, or someone else's). */
function argvOf(pid: number): string[] | null {
  try {
    if (process.platform === 'linux') {
      if (fs.statSync(`/proc/${pid}`).uid !== process.getuid?.()) return null;
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    }
    const line = execFileSync('ps', ['-o', 'uid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const [uid, ...argv] = line.split(/\s+/);
    return Number(uid) === process.getuid?.() ? argv : null;
  } catch {
    return null;
  }
}

/**
 * True when `pid` is a live daemon of this node's root, run by this user. A recorded pid can
 * belong to another process by now (after a crash or a reboot), and a process of another user
 * is never ours to reuse or stop: the owner and the command line must be the daemon's, with
 * exactly this root (not one that merely starts with it).
 */
export function isDaemonOf(pid: number, paths: SimPaths): boolean {
  const argv = argvOf(pid);
  return (
    argv !== null && argv.some((arg) => arg.endsWith(DAEMON_PROGRAM)) && argv.includes(`--root=${paths.root}`)
  );
}

/** The last lines of the daemon's log, for an error message. */
export function daemonLogTail(paths: SimPaths, maxChars = 1500): string {
  try {
    const text = fs.readFileSync(daemonLogFile(paths), 'utf8');
    return text.slice(-maxChars).trim();
  } catch {
    return '';
  }
}
