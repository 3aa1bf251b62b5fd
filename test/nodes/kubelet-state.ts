/**
 * Waiting on the simulated kubelet from the host: it publishes its state atomically to
 * /run/kubelet-sim/state.json (src-main/sandbox/paths.ts), which the host reads through the
 * node's bind-mounted directory, without entering the node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { NodeLayout } from './layout';
import type { NodeNamespace } from './namespace';
import { tail } from './namespace';
import { processesInNamespace } from './procfs';
import { waitFor } from './process';

/** The fields the test infrastructure reads; the daemon writes many more (model.ts SimNodeState). */
const PublishedState = z.object({
  apiServerUp: z.boolean().optional(),
  /** The pid (inside the node) of the kubelet that published this; a restart changes it. */
  kubeletPid: z.number().optional(),
  sandboxes: z.array(z.object({ name: z.string(), namespace: z.string(), state: z.string() })).optional(),
});
export type PublishedState = z.infer<typeof PublishedState>;

export function readKubeletState(layout: NodeLayout): PublishedState | undefined {
  if (!existsSync(layout.kubeletStateFile)) return undefined;
  try {
    return PublishedState.parse(JSON.parse(readFileSync(layout.kubeletStateFile, 'utf8')));
  } catch {
    return undefined; // a stand-in or an older daemon may publish another shape
  }
}

function kubeletAlive(ns: NodeNamespace, comm: string): boolean {
  return processesInNamespace(ns.pidNamespace).some((p) => p.comm === comm);
}

/**
 * Resolves once `ready(state)` holds; fails fast with the kubelet's output if it died.
 * `ready` defaults to "has published a state file", the daemon's sign that it is up.
 */
export async function waitForKubelet(
  ns: NodeNamespace,
  layout: NodeLayout,
  timeoutMs: number,
  /** The comm of the process that runs the kubelet: `kubelet`, or `k3s-agent` (profiles). */
  comm: string,
  ready: (state: PublishedState) => boolean = () => true,
): Promise<void> {
  await waitFor(
    () => {
      if (!kubeletAlive(ns, comm))
        throw new Error(
          `the simulated kubelet (${comm}) of ${layout.nodeDir} exited:\n${tail(layout.kubeletStdout)}`,
        );
      if (!existsSync(layout.kubeletStateFile)) return undefined;
      const state = readKubeletState(layout) ?? {};
      return ready(state) ? true : undefined;
    },
    timeoutMs,
    () => `the simulated kubelet of ${layout.nodeDir} is not ready:\n${tail(layout.kubeletStdout)}`,
    20,
  );
}
