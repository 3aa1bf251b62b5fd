/**
 * A node's API credentials, written before it starts where its set-up keeps them. kubeadm (the
 * default): /etc/kubernetes/pki (cluster CA, API server serving certificate for the node's name
 * and IP), /etc/kubernetes/kubelet.conf (system:node:NAME), on the control plane
 * /etc/kubernetes/admin.conf (kubernetes-admin, kubeadm:cluster-admins) and root's
 * ~/.kube/config as the copy kubeadm init tells the admin to make. Other set-ups name their own
 * places (profiles/types.ts `credentials`): RKE2's agent/kubelet.kubeconfig and
 * /etc/rancher/rke2/rke2.yaml, k3s's agent/kubelet.kubeconfig and no admin file on an agent.
 * With them the node's simulated kubelet also serves the API over HTTPS on <node IP>:6443
 * (src-main/sandbox/apiserver), which real kubectl binaries and API clients use.
 *
 * Each node has its own simulated API (a worker's stands in for the control plane it would
 * join), so each has its own CA and its kubeconfigs point at its own address.
 */
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clientCertificate, writeClusterPki, writeEtcdPki } from '../../src-main/sandbox/apiserver/pki';
import { kubeconfigYaml } from '../../src-main/sandbox/apiserver/kubeconfig';
import { API_SERVER_PORT } from '../../src-main/sandbox/apiserver/server';

/** Where a set-up keeps its API credentials (node paths). */
export interface CredentialPlaces {
  /** The stand-in API server's certificates (kubeadm's /etc/kubernetes/pki). */
  pkiDir: string;
  kubeletKubeconfig: string;
  /** The admin kubeconfig, on nodes that have one. */
  admin?: { path: string; user: string; groups: string[]; clusterName?: string };
  /** Also write etcd's certificates under pkiDir/etcd (a kubeadm control plane, for the doctor). */
  etcdPki?: boolean;
  /** Also copy the admin kubeconfig to root's ~/.kube/config (kubeadm's instructions). */
  rootKubeconfig?: boolean;
}

export const KUBEADM_CREDENTIALS = (role: 'control-plane' | 'worker'): CredentialPlaces => ({
  pkiDir: '/etc/kubernetes/pki',
  kubeletKubeconfig: '/etc/kubernetes/kubelet.conf',
  ...(role === 'control-plane'
    ? {
        admin: {
          path: '/etc/kubernetes/admin.conf',
          user: 'kubernetes-admin',
          groups: ['kubeadm:cluster-admins'],
        },
        rootKubeconfig: true,
        etcdPki: true,
      }
    : {}),
});

export interface ApiCredentialsInput {
  /** The node's root as the host sees it (`<nodeDir>/root` is its /root). */
  nodeDir: string;
  name: string;
  /** The name the kubelet registers (k3s --with-node-id), for its client certificate. */
  nodeName: string;
  nodeIp: string;
  places: CredentialPlaces;
  /** The host file behind a node path (layout.ts hostPathOf). */
  toHost: (nodePath: string) => string;
}

export async function writeApiCredentials(input: ApiCredentialsInput): Promise<void> {
  const { places, toHost } = input;
  const pki = writeClusterPki(toHost(places.pkiDir), { nodeName: input.name, ips: [input.nodeIp] });
  const server = `https://${input.nodeIp}:${API_SERVER_PORT}`;
  const write = async (nodePath: string, user: string, groups: string[], clusterName?: string) => {
    const file = toHost(nodePath);
    await mkdir(path.dirname(file), { recursive: true });
    const client = clientCertificate(pki.ca, user, groups);
    await writeFile(file, kubeconfigYaml({ server, caCert: pki.ca.cert, user, client, clusterName }), {
      mode: 0o600,
    });
    await chmod(file, 0o600);
  };
  await write(places.kubeletKubeconfig, `system:node:${input.nodeName}`, ['system:nodes']);
  if (places.etcdPki) writeEtcdPki(toHost(places.pkiDir), { nodeName: input.name, ips: [input.nodeIp] });
  if (!places.admin) return;
  await write(places.admin.path, places.admin.user, places.admin.groups, places.admin.clusterName);
  if (!places.rootKubeconfig) return;
  const kubeDir = path.join(input.nodeDir, 'root/.kube');
  await mkdir(kubeDir, { recursive: true, mode: 0o700 });
  await copyFile(toHost(places.admin.path), path.join(kubeDir, 'config'));
}
