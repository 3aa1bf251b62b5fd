/**
 * The core: everything that touches a node, in plain Node, behind the contract. Every host
 * (Electron, browser mode, CLI) creates one and talks to it only through the dispatcher.
 * Each domain's handlers live in core/handlers/<domain>.ts; the types make a missing one a
 * compile error.
 */
import { ContractError, type HostKind, type NodeSummary } from '../contract';
import type { NodeDiscovery } from '../contract/domain/discovery';
import { discoverNode } from '../node/discovery/discover';
import type { NodeSession } from '../node/session/node-session';
import { SavedNodes } from '../store/saved-nodes';
import type { CoreContext } from './core-context';
import type { CoreApi } from './handlers';
import { logsHandlers, logsStreamProviders } from './handlers/logs';
import { manifestsHandlers, manifestsStreamProviders } from './handlers/manifests';
import { nodeHandlers, nodeStreamProviders } from './handlers/nodes';
import { podHandlers } from './handlers/pods';
import { terminalHandlers, terminalStreamProviders } from './handlers/terminal';
import { NodeRegistry, type NodeConnector } from './node-registry';
import { SANDBOX_NODE_ID, sandboxBuiltIn, type SandboxOptions } from './sandbox-builtin';

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
  const context: CoreContext = {
    options,
    registry,
    session: (id) => registry.session(id),
    discovery(id) {
      const session = registry.session(id);
      let found = discoveries.get(session);
      if (!found) {
        found = discoverNode(session);
        found.catch(() => discoveries.delete(session));
        discoveries.set(session, found);
      }
      return found;
    },
  };

  return {
    handlers: {
      ...nodeHandlers(context),
      ...podHandlers(context),
      ...manifestsHandlers(context),
      ...logsHandlers(context),
      ...terminalHandlers(context),
    },
    streams: {
      ...nodeStreamProviders(context),
      ...manifestsStreamProviders(context),
      ...logsStreamProviders(context),
      ...terminalStreamProviders(context),
    },
    dispose: () => registry.dispose(),
  };
}

export { SANDBOX_NODE_ID };
