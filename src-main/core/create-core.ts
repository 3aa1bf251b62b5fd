/**
 * The core: everything that touches a node, in plain Node, behind the contract. Every host
 * (Electron, browser mode, CLI) creates one and talks to it only through the dispatcher.
 */
import os from 'node:os';
import { ContractError, type HostKind, type NodeSummary } from '../contract';
import { SavedNodes } from '../store/saved-nodes';
import type { CoreApi } from './handlers';
import { NodeRegistry, type BuiltInNode, type NodeConnector } from './node-registry';
import { appVersion } from './version';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  /** Nodes always in the list (the sandbox node). */
  builtIns?: BuiltInNode[];
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
    options.builtIns,
  );
  await registry.load();

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
