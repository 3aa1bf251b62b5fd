/**
 * A kubeconfig as kubeadm writes admin.conf and kubelet.conf (cmd/kubeadm/app/util/kubeconfig:
 * CreateWithCerts): one cluster `kubernetes` with the CA inline, one user with the client
 * certificate and key inline, one context `<user>@kubernetes`, made current.
 */
import type { PemPair } from './pki';

export interface KubeconfigInput {
  server: string;
  caCert: string;
  user: string;
  client: PemPair;
  clusterName?: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function kubeconfigYaml(input: KubeconfigInput): string {
  const cluster = input.clusterName ?? 'kubernetes';
  const context = `${input.user}@${cluster}`;
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(input.caCert)}`,
    `    server: ${input.server}`,
    `  name: ${cluster}`,
    'contexts:',
    '- context:',
    `    cluster: ${cluster}`,
    `    user: ${input.user}`,
    `  name: ${context}`,
    `current-context: ${context}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${input.user}`,
    '  user:',
    `    client-certificate-data: ${b64(input.client.cert)}`,
    `    client-key-data: ${b64(input.client.key)}`,
    '',
  ].join('\n');
}
