/**
 * A node's namespaces: started with `unshare` around the init script, entered with `nsenter`,
 * and stopped by killing the namespace's init (the kernel then kills every process in it and
 * the private mounts disappear with the last one).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { NodeLayout } from './layout';
import { childrenOf, isAlive, pidNamespaceOf, processesInNamespace, signal } from './procfs';
import type { RunOptions, RunResult } from './process';
import { cleanEnv, run, waitFor } from './process';

export interface NodeNamespace {
  unsharePid: number;
  initPid: number;
  pidNamespace: string;
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return `(${file} does not exist)`;
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts `unshare … /bin/sh init.sh`. Attached (test suites): stdin is the lifeline pipe, kept
 * unref'd so it never holds the test process open. Detached (the CLI): own session, stdin
 * /dev/null, and the nodes outlive the CLI.
 */
export async function startNamespace(layout: NodeLayout, detached: boolean): Promise<NodeNamespace> {
  const log = openSync(layout.initLog, 'a');
  const child = spawn(
    'unshare',
    [
      '--mount',
      '--uts',
      '--pid',
      '--fork',
      '--mount-proc',
      '--propagation',
      'private',
      // If unshare itself is killed, its child (the node's init) gets SIGKILL too.
      '--kill-child',
      '/bin/sh',
      layout.initScript,
      detached ? 'detached' : 'lifeline',
    ],
    { env: cleanEnv(), stdio: [detached ? 'ignore' : 'pipe', log, log], detached },
  );
  closeSync(log);
  child.unref();
  (child.stdin as Socket | null)?.unref();
  const unsharePid = child.pid;
  if (unsharePid === undefined) throw new Error(`could not start unshare for ${layout.nodeDir}`);
  const failed = () => `node ${layout.nodeDir} did not start:\n${tail(layout.initLog)}`;
  const initPid = await waitFor(
    () => {
      if (!isAlive(unsharePid)) throw new Error(failed());
      return childrenOf(unsharePid)[0];
    },
    5_000,
    failed,
  );
  const pidNamespace = pidNamespaceOf(initPid);
  if (!pidNamespace) throw new Error(failed());
  return { unsharePid, initPid, pidNamespace };
}

/** Host pid of the process whose pid inside the namespace is in `pidFile`, once it is up. */
export async function waitForPidFile(
  ns: NodeNamespace,
  pidFile: string,
  timeoutMs: number,
  describe: () => string,
): Promise<number> {
  return waitFor(
    () => {
      if (!isAlive(ns.initPid)) throw new Error(describe());
      if (!existsSync(pidFile)) return undefined;
      const nsPid = Number(readFileSync(pidFile, 'utf8').trim());
      if (!nsPid) return undefined;
      return processesInNamespace(ns.pidNamespace).find((p) => p.nsPid === nsPid)?.pid;
    },
    timeoutMs,
    describe,
  );
}

/** argv that runs `argv` as root inside the node's mount, UTS and PID namespaces. */
export function nsenterArgv(initPid: number, argv: readonly string[]): string[] {
  return ['nsenter', '-t', String(initPid), '-m', '-u', '-p', '--wd=/', '--', ...argv];
}

export function runInNamespace(
  initPid: number,
  argv: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const [file, ...args] = nsenterArgv(initPid, argv);
  return run(file!, args, opts);
}

/**
 * Kills the namespace and waits until none of its processes is left. SIGKILL on the init is
 * the one signal pid 1 of a namespace cannot ignore, and its death takes every member along.
 */
export async function stopNamespace(ns: NodeNamespace, timeoutMs = 5_000): Promise<void> {
  // Wait for unshare only if it is provably ours (the init's parent): a recorded pid from an
  // old run may belong to an unrelated process by now.
  const ownsUnshare = childrenOf(ns.unsharePid).includes(ns.initPid);
  killNamespaceSync(ns);
  await waitFor(
    () => {
      const unshareDone = !ownsUnshare || !isAlive(ns.unsharePid);
      return processesInNamespace(ns.pidNamespace).length === 0 && unshareDone ? true : undefined;
    },
    timeoutMs,
    () => {
      const left = processesInNamespace(ns.pidNamespace).map((p) => `${p.pid} ${p.args}`);
      return `namespace ${ns.pidNamespace} still has processes: ${left.join('; ')}`;
    },
  );
}

/** The synchronous part, safe in a process 'exit' handler. Checks identity before killing. */
export function killNamespaceSync(ns: NodeNamespace): void {
  // A recorded pid may have been reused by an unrelated process after a reboot or a crash:
  // only kill it if it is still in the node's namespace.
  if (pidNamespaceOf(ns.initPid) === ns.pidNamespace) signal(ns.initPid, 'SIGKILL');
  // Belt and braces: members are killed with the init anyway; unshare exits when its child does.
  for (const p of processesInNamespace(ns.pidNamespace)) signal(p.pid, 'SIGKILL');
}
