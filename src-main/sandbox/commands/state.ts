/**
 * Reading what the simulated kubelet publishes: the node state (atomically replaced JSON file)
 * and nothing else. Reads never go through the daemon socket, as the real crictl/kubectl read
 * the runtime and the API server without asking the kubelet (see ../rpc.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SimNodeState } from '../model';
import { simPaths, type SimPaths } from '../paths';

export function commandPaths(env: Record<string, string | undefined>): SimPaths {
  return simPaths(env.KUBELET_SIM_ROOT || '/');
}

/** The published state, or null when the simulated node is not running (no state file). */
export async function readNodeState(paths: SimPaths): Promise<SimNodeState | null> {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = await fs.readFile(paths.stateFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return JSON.parse(text) as SimNodeState;
    } catch (e) {
      // The daemon renames a complete file into place; a parse error means a writer that
      // does not, so retry briefly before giving up.
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** A node path (e.g. a container's /var/log/pods/… logPath) resolved below the sim root. */
export function nodePath(paths: SimPaths, p: string): string {
  return path.join(paths.root, p);
}
