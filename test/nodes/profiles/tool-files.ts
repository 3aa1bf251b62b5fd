/**
 * The command files a profile places: the simulated crictl/kubectl as `exec node <bundle>`
 * wrappers (as node-files.ts writes them into /usr/local/bin), told where "their binary" is so
 * crictl's config fallback names the right directory (os.Executable: the real file a symlink
 * points to), or the real kubectl binary when the suite uses one (kubectl-choice.ts).
 */
import path from 'node:path';
import type { NodeFile, NodeInput } from './types';

/** A wrapper running one of the simulation's commands, installed at `at`. */
export function simCommand(input: NodeInput, command: 'crictl' | 'kubectl', at: string): NodeFile {
  const bundle = path.join(input.sandboxDir, `${command}.cjs`);
  return {
    path: at,
    content: `#!/bin/sh\nexport KUBELET_SIM_EXE=${at}\nexec ${input.nodeBinary} ${bundle} "$@"\n`,
    mode: 0o755,
  };
}

/** kubectl at `at`: the real binary the suite chose, or the simulated one. */
export function kubectlFile(input: NodeInput, at: string): NodeFile {
  return input.realKubectl ? { path: at, symlink: input.realKubectl } : simCommand(input, 'kubectl', at);
}

/** The link the launcher runs a distribution process through (comm is its name). */
export function nodeBinaryLink(input: NodeInput, at: string): NodeFile {
  return { path: at, symlink: input.nodeBinary };
}

/**
 * The directory a distribution process is started in, holding `<script>` → the kubelet
 * bundle, so that node runs it while argv is exactly the real one (`/usr/local/bin/k3s agent`).
 */
export const LAUNCH_DIR = '/run/kubelet-sim/launch';

export function launchScriptLink(input: NodeInput, script: 'agent' | 'server'): NodeFile {
  return { path: path.join(LAUNCH_DIR, script), symlink: path.join(input.sandboxDir, 'kubelet.cjs') };
}
