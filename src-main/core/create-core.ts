/**
 * The core: everything that touches a node, in plain Node, behind the contract. Every host
 * (Electron, browser mode, CLI) creates one and talks to it only through the dispatcher.
 */
import os from 'node:os';
import { ContractError, type HostKind, type NodeSummary } from '../contract';
import type { NodeDiscovery } from '../contract/domain/discovery';
import { discoverNode } from '../node/discovery/discover';
import type { NodeSession } from '../node/session/node-session';
import { readPodsSnapshot } from '../node/snapshot/read-pods-snapshot';
import { SavedNodes } from '../store/saved-nodes';
import type { CoreApi } from './handlers';
import { NodeRegistry, type NodeConnector } from './node-registry';
import { SANDBOX_NODE_ID, resetSandbox, sandboxBuiltIn, type SandboxOptions } from './sandbox-builtin';
import { appVersion } from './version';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  /** The built-in sandbox node; absent in builds without its programs. */
  sandbox?: SandboxOptions;
  /** How SSH nodes are reached. */
  sshConnector?: NodeConnector;
}

const sshNotAvailable: NodeConnector = {
  async connect(node: NodeSummary) {
    throw new ContractError({
      code: 'unsupported',
      message: `Cannot connect to ${node.name}: this build has no SSH transport configured.`,
    });
  },
};

export async function createCore(options: CoreOptions): Promise<CoreApi> {
  const registry = new NodeRegistry(
    new SavedNodes(options.dataDir),
    options.sshConnector ?? sshNotAvailable,
    options.sandbox ? [sandboxBuiltIn(options.sandbox)] : [],
  );
  await registry.load();

  // Discovery runs once per session (kubelet-facts §6); a new connection discovers afresh.
  const discoveries = new WeakMap<NodeSession, Promise<NodeDiscovery>>();
  const discovery = (id: string): Promise<NodeDiscovery> => {
    const session = registry.session(id);
    let found = discoveries.get(session);
    if (!found) {
      found = discoverNode(session);
      found.catch(() => discoveries.delete(session));
      discoveries.set(session, found);
    }
    return found;
  };

  return {
    handlers: {
      'app.info': async () => ({
        name: 'Kubelet Studio' as const,
        version: appVersion(),
        host: options.host,
        platform: `${os.platform()}-${os.arch()}`,
      }),
      'nodes.list': async () => registry.list(),
      'nodes.add': async ({ target, name }) => registry.add(target, name),
      'nodes.remove': async ({ id }) => ({ removed: await registry.remove(id) }),
      'nodes.connect': async ({ id }) => registry.connect(id),
      'nodes.disconnect': async ({ id }) => registry.disconnect(id),
      'node.discover': async ({ id }) => discovery(id),
      'pods.snapshot': async ({ id }) => readPodsSnapshot(registry.session(id), await discovery(id)),
      'sandbox.reset': async () => {
        if (!options.sandbox) throw new ContractError({ code: 'unsupported', message: 'This build has no sandbox node.' });
        await resetSandbox(registry, options.sandbox);
        return { reset: true };
      },
    },
    streams: {
      'nodes.events': (_args, sink) => {
        sink.push({ type: 'list', nodes: registry.list() });
        return registry.subscribe((event) => sink.push(event));
      },
    },
    dispose: () => registry.dispose(),
  };
}

export { SANDBOX_NODE_ID };
