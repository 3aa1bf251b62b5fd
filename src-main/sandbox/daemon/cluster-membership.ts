/**
 * Where a simulated node stands in a cluster, decided from what a real node has: its kubelet's
 * kubeconfig (kubelet.conf). When that names another node's API server, this node joined that
 * node's cluster (as `kubeadm join` writes kubelet.conf): its kubelet keeps its Node and pods
 * there (api-sync.ts), and its own API server, if it is a control plane, forwards resource
 * requests there (../apiserver/upstream-proxy.ts). Otherwise this node's API server holds the
 * store other kubelets may write to (../apiserver/remote-objects.ts). A node without usable
 * credentials (the Sandbox node, placeholders) is on its own, as before.
 */
import type { SimNodeState } from '../model';
import type { SimPaths } from '../paths';
import { readStorageClientPki } from '../apiserver/pki';
import { RemoteObjects } from '../apiserver/remote-objects';
import { UpstreamProxy } from '../apiserver/upstream-proxy';
import { ApiClient } from './api-client';
import { KubeletApiSync } from './api-sync';
import { readKubeletCredentials, type KubeletCredentials } from './kubeconfig-file';

export interface ClusterMembership {
  /** The kubelet's API is another node's. */
  apiRemote: boolean;
  /** The credentials when apiRemote. */
  credentials: KubeletCredentials | null;
}

export function clusterMembership(paths: SimPaths, nodeIp: string): ClusterMembership {
  const credentials = readKubeletCredentials(paths.kubeletKubeconfig);
  const apiRemote = credentials !== null && credentials.host !== nodeIp;
  return { apiRemote, credentials: apiRemote ? credentials : null };
}

/** What the node's API server gets: the store it holds, or the holder to forward to. */
export function apiServerRole(
  pkiDir: string,
  membership: ClusterMembership,
  nextResourceVersion: () => string,
  previous: SimNodeState | undefined,
): { remote?: RemoteObjects; upstream?: UpstreamProxy } {
  if (!membership.credentials) {
    const remote = new RemoteObjects(nextResourceVersion);
    remote.restore(previous?.cluster);
    return { remote };
  }
  const storage = readStorageClientPki(pkiDir);
  if (!storage) return {};
  const { host, port } = membership.credentials;
  return { upstream: new UpstreamProxy({ host, port, ...storage }) };
}

/** The kubelet's API client loop, when its API is another node's. */
export function startApiSync(
  membership: ClusterMembership,
  nodeName: string,
  state: () => SimNodeState,
  log: (line: string) => void,
): { changed(): void; stop(): Promise<void> } | null {
  const creds = membership.credentials;
  if (!creds) return null;
  const api = new ApiClient(creds);
  const sync = new KubeletApiSync({ api, nodeName, server: creds.server, state, log });
  sync.start();
  return {
    changed: () => sync.changed(),
    stop: async () => {
      await sync.stop();
      api.close();
    },
  };
}
