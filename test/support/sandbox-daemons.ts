/**
 * The Sandbox node keeps running between runs of the app and the CLI (its daemon,
 * src-main/sandbox/local/daemon-client.ts). A test that runs the CLI or browser mode on a data
 * dir of its own stops that dir's daemon when done, by the pid its record names (checked to be
 * that daemon first): `await stopSandboxDaemon(dataDir)`.
 *
 * As a global setup (vitest, Playwright) this file also checks that a run leaves none behind:
 * a daemon of this checkout's programs that started during the run and still runs at its end
 * is reported, then stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runningDaemon, stopRecordedDaemon, terminate } from '../../src-main/sandbox/local/daemon-client';
import { DAEMON_PROGRAM } from '../../src-main/sandbox/local/daemon-record';
import { simPaths } from '../../src-main/sandbox/paths';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** What the CLI says on stderr, once, when a command of it started the Sandbox node. */
export const SANDBOX_STARTED_NOTE =
  'Kubelet Studio: started the Sandbox node; it keeps running for the next commands and the app. Stop it with: kubelet-studio sandbox stop\n';

export function sandboxPaths(dataDir: string) {
  return simPaths(path.join(dataDir, 'sandbox-node'));
}

/** Stops the Sandbox node daemon of `dataDir` if one runs; returns its pid, or null. */
export async function stopSandboxDaemon(dataDir: string): Promise<number | null> {
  return (await stopRecordedDaemon(sandboxPaths(dataDir)))?.pid ?? null;
}

/** The pid of `dataDir`'s running daemon, or null. */
export function sandboxDaemonPid(dataDir: string): number | null {
  return runningDaemon(sandboxPaths(dataDir))?.pid ?? null;
}

/**
 * True while `pid` runs. A process that has exited may stay a zombie until its parent (or init,
 * for a daemon whose app is gone) reaps it: that is no longer running.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Daemons running this checkout's programs: pid → their --root. */
function ourDaemons(): Map<number, string> {
  const bundleArg = `--bundle-dir=${path.join(repoRoot, 'out', 'sandbox')}`;
  const found = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!argv.some((a) => a.endsWith(DAEMON_PROGRAM)) || !argv.includes(bundleArg)) continue;
    const root = argv.find((a) => a.startsWith('--root='))?.slice('--root='.length);
    if (root) found.set(Number(entry), root);
  }
  return found;
}

export default function setup(): () => Promise<void> {
  const before = new Set(ourDaemons().keys());
  return async () => {
    const leaked = [...ourDaemons()].filter(([pid]) => !before.has(pid));
    for (const [pid, root] of leaked) await terminate(simPaths(root), pid);
    if (leaked.length > 0) {
      throw new Error(
        `Tests left Sandbox node daemons running (now stopped): ${leaked.map(([pid, root]) => `${pid} (${root})`).join(', ')}. Stop them with stopSandboxDaemon(dataDir).`,
      );
    }
  };
}
