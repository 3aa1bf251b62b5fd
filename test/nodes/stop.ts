/**
 * Stopping a node set from its description: by pid, verified. Used by TestNodeSet.stop() and by
 * `nodes:down`, which only has the nodes.json a previous `nodes:up` wrote.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NodeSetInfo } from './description';
import { DESCRIPTION_FILE, readNodeSet } from './description';
import { stopNamespace } from './namespace';
import { pidNamespaceOf } from './procfs';

export interface StopReport {
  stateDir: string;
  stopped: string[];
  /** Nodes whose namespace was already gone (a crash, a reboot, an earlier down). */
  alreadyGone: string[];
}

/** Mounts of this (the host's) mount namespace below `dir`: there must be none. */
export function hostMountsUnder(dir: string): string[] {
  const prefix = path.resolve(dir);
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((mountPoint) => mountPoint === prefix || mountPoint.startsWith(`${prefix}/`));
}

export async function stopRecordedSet(info: NodeSetInfo): Promise<StopReport> {
  const wasRunning = await Promise.all(
    info.nodes.map(async (node) => {
      const running = pidNamespaceOf(node.initPid) === node.pidNamespace;
      await stopNamespace(node);
      return running;
    }),
  );
  const report: StopReport = {
    stateDir: info.stateDir,
    stopped: info.nodes.filter((_, i) => wasRunning[i]).map((n) => n.name),
    alreadyGone: info.nodes.filter((_, i) => !wasRunning[i]).map((n) => n.name),
  };
  // The node mounts live in the nodes' private mount namespaces; if one leaked to the host
  // (propagation not private), say so rather than leave it behind silently.
  const leaked = hostMountsUnder(info.stateDir);
  if (leaked.length > 0) throw new Error(`mounts left on the host: ${leaked.join(', ')}`);
  return report;
}

/** `nodes:down`: stop whatever the nodes.json in `stateDir` describes. */
export async function stopStateDir(stateDir: string): Promise<StopReport | undefined> {
  const file = path.join(stateDir, DESCRIPTION_FILE);
  if (!existsSync(file)) return undefined;
  return stopRecordedSet(readNodeSet(file));
}

/** True while any node of the recorded set still runs. */
export function isSetRunning(info: NodeSetInfo): boolean {
  return info.nodes.some((n) => pidNamespaceOf(n.initPid) === n.pidNamespace);
}
