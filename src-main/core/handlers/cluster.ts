/**
 * Handlers of the operations over several nodes (contract/ops/cluster.ts). Each node's static
 * pod directory is read as the manifests pane reads it (the files the kubelet runs: winners of
 * the directory, docs/kubelet.md §1.6); a node that cannot be read is a result, not a failure.
 */
import type { clusterOperations, clusterStreams } from '../../contract/ops/cluster';
import { judgeManifestDirectory } from '../../inspect/manifest-directory';
import { compareStaticPods, type NodeManifests } from '../../inspect/drift/compare-static-pods';
import { parseKubeletFlags } from '../../node/discovery/kubelet-flags';
import { listManifestDirectory, readManifest } from '../../node/manifests/manifest-store';
import type { CoreContext } from '../core-context';
import type { HandlersOf, StreamProvidersOf } from './handler-types';

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)$/i;

/** The host of an SSH target (`user@host:port`, `[v6]:port`), when it is an address. */
function targetAddress(target: string): string | null {
  const host = target.replace(/^[^@]*@/, '');
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  const bare = bracketed?.[1] ?? host.replace(/:\d+$/, '');
  return IP_LITERAL.test(bare) && bare !== '127.0.0.1' && bare !== '::1' ? bare : null;
}

async function readNode(context: CoreContext, id: string): Promise<NodeManifests> {
  const summary = context.registry.get(id);
  try {
    const discovery = await context.discovery(id);
    const node = discovery.nodeName || summary.name;
    if (!discovery.staticPodPath)
      return { node, error: discovery.staticPodPathExplanation || 'no static pod path on this node' };
    const session = context.session(id);
    const directory = judgeManifestDirectory(
      discovery,
      await listManifestDirectory(session, discovery.staticPodPath),
    );
    if (!directory.exists) return { node, error: `${discovery.staticPodPath} does not exist` };
    const winners = directory.entries.filter((e) => e.verdict.kind === 'pod' && e.verdict.winner);
    // staticPodPath may name one file (docs/kubelet.md §1.2): read each entry where it is.
    const manifests = await Promise.all(
      winners.map(async (e) => {
        const dir = e.path.slice(0, e.path.lastIndexOf('/')) || '/';
        return { file: e.name, content: (await readManifest(session, dir, e.name)).content };
      }),
    );
    const nodeIp = parseKubeletFlags(discovery.kubeletArgs).get('node-ip');
    const address = targetAddress(summary.target);
    return {
      node,
      identity: {
        names: [discovery.nodeName],
        addresses: [...(nodeIp ? nodeIp.split(',') : []), ...(address ? [address] : [])],
      },
      manifests,
      kubeletArgs: discovery.kubeletArgs.length > 0 ? discovery.kubeletArgs : undefined,
    };
  } catch (e) {
    return { node: summary.name, error: e instanceof Error ? e.message : String(e) };
  }
}

export function clusterHandlers(context: CoreContext): HandlersOf<typeof clusterOperations> {
  return {
    'cluster.drift': async ({ ids }) => {
      const read = await Promise.all(ids.map((id) => readNode(context, id)));
      // Two targets for one node (an alias and an address) must still be told apart.
      const seen = new Map<string, number>();
      for (const r of read) seen.set(r.node, (seen.get(r.node) ?? 0) + 1);
      const named = read.map((r, i) =>
        (seen.get(r.node) ?? 0) > 1
          ? { ...r, node: `${r.node} (${context.registry.get(ids[i] ?? '').name})` }
          : r,
      );
      return compareStaticPods(named);
    },
  };
}

export function clusterStreamProviders(_context: CoreContext): StreamProvidersOf<typeof clusterStreams> {
  return {};
}
