/**
 * What tests do to a node's sshd: start it, restart it with new host keys, freeze it (a dead
 * peer), cut its connections, count its sessions. Processes are found by PID namespace, so
 * only this node's sshd is ever touched, never the host's or another node's.
 */
import { rm } from 'node:fs/promises';
import type { HostKey } from './description';
import { generateHostKeys } from './keys';
import type { NodeLayout } from './layout';
import type { NodeNamespace } from './namespace';
import { runInNamespace, tail, waitForPidFile } from './namespace';
import type { ProcInfo } from './procfs';
import { processesInNamespace, signal } from './procfs';
import { waitFor } from './process';

export interface SshdHandle {
  ns: NodeNamespace;
  layout: NodeLayout;
  /** Host pid of the listener. */
  listenerPid: number;
}

export function sshdProcesses(ns: NodeNamespace): ProcInfo[] {
  return processesInNamespace(ns.pidNamespace).filter((p) => p.comm === 'sshd');
}

/**
 * sshd processes serving connections: per connection a privileged monitor (`sshd: user [priv]`)
 * and an unprivileged child (`sshd: user@notty`, or `[preauth]` before auth), so an idle node
 * counts 0 and one authenticated connection 2. The baseline test compares counts, not meanings.
 */
export function sshdSessionProcesses(handle: SshdHandle): ProcInfo[] {
  return sshdProcesses(handle.ns).filter((p) => p.pid !== handle.listenerPid);
}

/** SIGSTOP (freeze) or SIGCONT (thaw) every sshd process of the node, listener included. */
export function signalAllSshd(handle: SshdHandle, sig: 'SIGSTOP' | 'SIGCONT'): number {
  const procs = sshdProcesses(handle.ns);
  for (const p of procs) signal(p.pid, sig);
  return procs.length;
}

/** Kills every connection's sshd processes but not the listener: new logins keep working. */
export async function cutConnections(handle: SshdHandle): Promise<number> {
  const victims = sshdSessionProcesses(handle);
  for (const p of victims) signal(p.pid, 'SIGKILL');
  await waitFor(
    () => (victims.every((v) => !sshdProcesses(handle.ns).some((p) => p.pid === v.pid)) ? true : undefined),
    5_000,
    () => 'sshd session processes survived SIGKILL',
  );
  return victims.length;
}

/** Starts the listener inside the node (it daemonizes; the node's init adopts it). */
export async function startSshd(ns: NodeNamespace, layout: NodeLayout): Promise<number> {
  await rm(layout.sshdPidFile, { force: true });
  await runInNamespace(ns.initPid, ['/usr/sbin/sshd', '-f', layout.sshdConfig, '-E', layout.sshdLog]);
  return waitSshdReady(ns, layout);
}

/** sshd writes its PidFile only after it listens, so the pid file is the readiness signal. */
export function waitSshdReady(ns: NodeNamespace, layout: NodeLayout): Promise<number> {
  return waitForPidFile(ns, layout.sshdPidFile, 10_000, () => {
    return `sshd of ${layout.nodeDir} is not up:\n${tail(layout.sshdLog)}\n${tail(layout.initLog)}`;
  });
}

export interface RestartOptions {
  /** Generate new host keys first (the changed-host-key test). Default false. */
  newHostKeys?: boolean;
  hostname: string;
}

export interface RestartResult {
  listenerPid: number;
  hostKeys?: HostKey[];
}

/**
 * Stops the listener (existing connections stay, as with `systemctl restart ssh`), optionally
 * replaces the host keys, and starts a new listener on the same port.
 */
export async function restartSshd(handle: SshdHandle, opts: RestartOptions): Promise<RestartResult> {
  const old = handle.listenerPid;
  signal(old, 'SIGCONT'); // a frozen listener would never handle SIGTERM
  signal(old, 'SIGTERM');
  await waitFor(
    () => (sshdProcesses(handle.ns).some((p) => p.pid === old) ? undefined : true),
    5_000,
    () => `sshd listener ${old} did not exit`,
  );
  const hostKeys = opts.newHostKeys ? await generateHostKeys(handle.layout.sshDir, opts.hostname) : undefined;
  const listenerPid = await startSshd(handle.ns, handle.layout);
  return { listenerPid, ...(hostKeys ? { hostKeys } : {}) };
}
