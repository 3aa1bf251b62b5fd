/**
 * The Sandbox node as a built-in entry of the node list (issue 3 point 6): connecting starts
 * the simulated kubelet, disconnecting stops it, Reset restores kubeadm's default manifests.
 */
import { ContractError, type ConnectionState } from '../contract';
import { NodeSession } from '../node/session/node-session';
import {
  initialiseSandboxRoot,
  SANDBOX_NODE_NAME,
  startSandboxNode,
  type RunningSandboxNode,
  type SandboxNodeRunner,
} from '../sandbox/local/sandbox-node';
import { simPaths } from '../sandbox/paths';
import { createLocalTransport } from '../ssh/local-transport';
import { openSandboxShell } from '../terminal/sandbox-shell';
import type { BuiltInNode, NodeRegistry } from './node-registry';

export const SANDBOX_NODE_ID = 'sandbox';

export interface SandboxOptions {
  root: string;
  bundleDir: string;
  /** The Node.js that runs the sandbox's programs (the host decides; see hosts/sandbox-runtime.ts). */
  node?: SandboxNodeRunner;
  /** Set when this build cannot run the Sandbox node: connecting says why and what to do. */
  unavailable?: { reason: string; hint: string };
}

/**
 * The session the app uses on the running Sandbox node: its commands run locally with the
 * node's env, as root would on a node ('direct'); the terminal pane's shell gets the same env.
 */
export function sandboxSession(node: RunningSandboxNode): NodeSession {
  const { env } = node;
  return new NodeSession({
    name: 'Sandbox node',
    transport: {
      ...createLocalTransport({ env }),
      openShell: (size) =>
        openSandboxShell({ env, root: node.paths.root, nodeName: SANDBOX_NODE_NAME }, size),
    },
    privilege: 'direct',
  });
}

export function sandboxBuiltIn(options: SandboxOptions): BuiltInNode {
  return {
    summary: { id: SANDBOX_NODE_ID, name: 'Sandbox node', kind: 'sandbox', target: '' },
    connector: {
      async connect() {
        if (options.unavailable) {
          const { reason, hint } = options.unavailable;
          throw new ContractError({ code: 'unsupported', message: reason, hint });
        }
        const node: RunningSandboxNode = await startSandboxNode(options);
        const listeners: Array<(state: ConnectionState, reason?: string) => void> = [];
        node.onExit((reason) => listeners.forEach((listener) => listener('failed', reason)));
        return {
          session: sandboxSession(node),
          close: () => node.stop(),
          onState: (listener) => listeners.push(listener),
        };
      },
    },
  };
}

/** Stops the sandbox kubelet if it runs, restores the defaults, and reconnects if it was connected. */
export async function resetSandbox(registry: NodeRegistry, options: SandboxOptions): Promise<void> {
  const wasConnected = registry.get(SANDBOX_NODE_ID).state === 'connected';
  await registry.disconnect(SANDBOX_NODE_ID);
  initialiseSandboxRoot(simPaths(options.root), true);
  if (wasConnected) await registry.connect(SANDBOX_NODE_ID);
}
