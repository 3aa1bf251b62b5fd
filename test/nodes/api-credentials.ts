/**
 * A node's API credentials, written before it starts, as `kubeadm init` / `kubeadm join` leave
 * them: /etc/kubernetes/pki (cluster CA, API server serving certificate for the node's name and
 * IP), /etc/kubernetes/kubelet.conf (system:node:NAME), on the control plane
 * /etc/kubernetes/admin.conf (kubernetes-admin, kubeadm:cluster-admins) and root's
 * ~/.kube/config as the copy kubeadm init tells the admin to make. With them the node's
 * simulated kubelet also serves the API over HTTPS on <node IP>:6443
 * (src-main/sandbox/apiserver), which real kubectl binaries and API clients use.
 *
 * Each node has its own simulated API (a worker's stands in for the control plane it would
 * join), so each has its own CA and its kubelet.conf points at its own address.
 */
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clientCertificate, writeClusterPki, writeEtcdPki } from '../../src-main/sandbox/apiserver/pki';
import { kubeconfigYaml } from '../../src-main/sandbox/apiserver/kubeconfig';
import { API_SERVER_PORT } from '../../src-main/sandbox/apiserver/server';

export interface ApiCredentialsInput {
  /** The node's root as the host sees it (`<nodeDir>/etc/kubernetes` is its /etc/kubernetes). */
  nodeDir: string;
  name: string;
  role: 'control-plane' | 'worker';
  nodeIp: string;
}

export async function writeApiCredentials(input: ApiCredentialsInput): Promise<void> {
  const kubernetes = path.join(input.nodeDir, 'etc/kubernetes');
  const pki = writeClusterPki(path.join(kubernetes, 'pki'), { nodeName: input.name, ips: [input.nodeIp] });
  const server = `https://${input.nodeIp}:${API_SERVER_PORT}`;
  const write = async (file: string, user: string, groups: string[]) => {
    const client = clientCertificate(pki.ca, user, groups);
    await writeFile(file, kubeconfigYaml({ server, caCert: pki.ca.cert, user, client }), { mode: 0o600 });
    await chmod(file, 0o600);
  };
  await write(path.join(kubernetes, 'kubelet.conf'), `system:node:${input.name}`, ['system:nodes']);
  if (input.role !== 'control-plane') return;
  writeEtcdPki(path.join(kubernetes, 'pki'), { nodeName: input.name, ips: [input.nodeIp] });
  const admin = path.join(kubernetes, 'admin.conf');
  await write(admin, 'kubernetes-admin', ['kubeadm:cluster-admins']);
  const kubeDir = path.join(input.nodeDir, 'root/.kube');
  await mkdir(kubeDir, { recursive: true, mode: 0o700 });
  await copyFile(admin, path.join(kubeDir, 'config'));
}
