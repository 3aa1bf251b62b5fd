/**
 * What every domain's handlers get from the core: the node list with its sessions, the
 * per-session discovery, and the core's options (data directory, sandbox).
 */
import type { NodeDiscovery } from '../contract/domain/discovery';
import type { KubeletProcess } from '../node/discovery/discover';
import type { NodeSession } from '../node/session/node-session';
import type { CoreOptions } from './core-options';
import type { NodeRegistry } from './node-registry';

export interface CoreContext {
  options: CoreOptions;
  registry: NodeRegistry;
  /** The connected node's session; throws 'not-connected' otherwise. */
  session(id: string): NodeSession;
  /** Discovery of the node's kubelet, once per session. */
  discovery(id: string): Promise<NodeDiscovery>;
  /** Discovery again, for a new kubelet process seen on the node (a restart); replaces the cached one. */
  rediscover(id: string, kubelet: KubeletProcess): Promise<{ discovery: NodeDiscovery; roundTrips: number }>;
  /** Keeps what a snapshot learnt of the node (its name, confirmed by the API) for the session. */
  remember(id: string, discovery: NodeDiscovery): void;
}
