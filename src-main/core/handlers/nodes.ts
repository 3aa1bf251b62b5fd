/** Handlers of the app and node-list operations (contract/ops/nodes.ts). */
import os from 'node:os';
import type { nodeOperations, nodeStreams } from '../../contract/ops/nodes';
import { listHostAliases } from '../../ssh/ssh-config';
import type { CoreContext } from '../core-context';
import { appVersion } from '../version';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

export function nodeHandlers({ registry, options }: CoreContext): HandlersOf<typeof nodeOperations> {
  return {
    'app.info': async () => ({
      name: 'Kubelet Studio' as const,
      version: appVersion(),
      host: options.host,
      platform: `${os.platform()}-${os.arch()}`,
    }),
    'nodes.list': async () => registry.list(),
    'nodes.sshHosts': async () => listHostAliases(options.ssh?.sshConfig ?? {}),
    'nodes.add': async ({ target, name }) => registry.add(target, name),
    'nodes.update': async ({ id, target, name }) => registry.update(id, { target, name }),
    'nodes.remove': async ({ id }) => ({ removed: await registry.remove(id) }),
    'nodes.connect': async ({ id }) => registry.connect(id),
    'nodes.disconnect': async ({ id }) => registry.disconnect(id),
  };
}

export function nodeStreamProviders({ registry }: CoreContext): StreamProvidersOf<typeof nodeStreams> {
  return {
    'nodes.events': (_args, sink) => {
      sink.push({ type: 'list', nodes: registry.list() });
      return registry.subscribe((event) => sink.push(event));
    },
  };
}
