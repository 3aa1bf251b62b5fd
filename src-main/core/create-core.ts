/**
 * The core: everything that touches a node, in plain Node, behind the contract. Every host
 * (Electron, browser mode, CLI) creates one and talks to it only through the dispatcher.
 * Each domain's handlers live in core/handlers/<domain>.ts; the types make a missing one a
 * compile error.
 */
import type { NodeDiscovery } from '../contract/domain/discovery';
import { discoverNodeFull } from '../node/discovery/discover-node';
import type { NodeSession } from '../node/session/node-session';
import { ensurePrivateDir } from '../store/data-dir';
import { SavedNodes } from '../store/saved-nodes';
import type { CoreContext } from './core-context';
import type { CoreOptions } from './core-options';
import type { CoreApi } from './handlers';
import { clusterHandlers, clusterStreamProviders } from './handlers/cluster';
import { doctorHandlers, doctorStreamProviders } from './handlers/doctor';
import { logsHandlers, logsStreamProviders } from './handlers/logs';
import { manifestsHandlers, manifestsStreamProviders, OpenedContents } from './handlers/manifests';
import { nodeHandlers, nodeStreamProviders } from './handlers/nodes';
import { podHandlers, podStreamProviders } from './handlers/pods';
import { timelineHandlers } from './handlers/timeline';
import { promptHandlers, promptStreamProviders } from './handlers/prompts';
import { terminalHandlers, terminalStreamProviders } from './handlers/terminal';
import { NodeRegistry } from './node-registry';
import { PromptBroker } from './prompt-broker';
import { SANDBOX_NODE_ID, sandboxBuiltIn } from './sandbox-builtin';
import { sshConnector } from './ssh-connector';

export async function createCore(options: CoreOptions): Promise<CoreApi> {
  // Before anything (the Sandbox node, known_hosts, nodes.json) can create it world-readable.
  await ensurePrivateDir(options.dataDir);
  const prompts = options.prompts ?? new PromptBroker();
  const registry = new NodeRegistry(
    new SavedNodes(options.dataDir),
    options.sshConnector ?? sshConnector({ dataDir: options.dataDir, prompts, ...options.ssh }),
    options.sandbox ? [sandboxBuiltIn(options.sandbox)] : [],
  );
  await registry.load();

  // Discovery runs once per session (docs/kubelet.md §6); a new connection discovers afresh, and
  // so does the pods snapshot when it sees another kubelet process (a restart, maybe with a new config).
  const discoveries = new WeakMap<NodeSession, Promise<NodeDiscovery>>();
  const context: CoreContext = {
    options,
    registry,
    session: (id) => registry.session(id),
    discovery(id) {
      const session = registry.session(id);
      let found = discoveries.get(session);
      if (!found) {
        found = discoverNodeFull(session).then((r) => r.discovery);
        found.catch(() => discoveries.delete(session));
        discoveries.set(session, found);
      }
      return found;
    },
    // The set-up's discovery reads the kubelet process itself (node-facts.ts), so the process the
    // snapshot saw is not passed on: a restart may also have moved it under another unit.
    async rediscover(id) {
      const session = registry.session(id);
      const result = discoverNodeFull(session);
      const next = result.then((r) => r.discovery);
      next.catch(() => discoveries.delete(session));
      discoveries.set(session, next);
      return result;
    },
    remember(id, discovery) {
      discoveries.set(registry.session(id), Promise.resolve(discovery));
    },
  };

  // The contents users opened: a conflict in a save or an apply can show what was opened.
  const opened = new OpenedContents();
  return {
    handlers: {
      ...nodeHandlers(context),
      ...podHandlers(context),
      ...promptHandlers(prompts),
      ...manifestsHandlers(context, opened),
      ...logsHandlers(context),
      ...terminalHandlers(context),
      ...doctorHandlers(context),
      ...clusterHandlers(context),
      ...timelineHandlers(context),
    },
    streams: {
      ...nodeStreamProviders(context),
      ...podStreamProviders(context),
      ...promptStreamProviders(prompts),
      ...manifestsStreamProviders(context, opened),
      ...logsStreamProviders(context),
      ...terminalStreamProviders(context),
      ...doctorStreamProviders(context),
      ...clusterStreamProviders(context),
    },
    dispose: () => registry.dispose(),
  };
}

export { SANDBOX_NODE_ID };
