/**
 * First start of a simulated node: the files kubeadm leaves behind (docs/kubelet.md §6, §8).
 * control-plane: the four static pod manifests (mode 0600), kubelet config, kubeconfig
 * placeholders; worker: an empty manifest directory. Used again by "Reset sandbox" (force).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimPaths } from '../../paths';
import { renderDefaultManifests } from '../../default-manifests';
import { identityFile } from './identity';
import { KUBEADM_STATIC_POD_PATH } from './kubelet-config';

export interface InitOptions {
  role: 'control-plane' | 'worker';
  nodeName: string;
  nodeIp?: string;
  /** Replace existing manifests/config and drop the runtime state, identity and journal. */
  force?: boolean;
  /** staticPodPath for the kubelet config; the sandbox node gives its real directory. */
  staticPodPath?: string;
}

/**
 * kubeadm's /var/lib/kubelet/config.yaml, abridged. staticPodPath is the path on the node:
 * `/etc/kubernetes/manifests` on a test node (root `/` in its own mount namespace), the real
 * directory under the app's data folder for the sandbox node, so that the app's discovery and
 * file operations, which run on the local machine, find it (see nodePathToHost in paths.ts).
 */
export function kubeletConfigYaml(staticPodPath = KUBEADM_STATIC_POD_PATH): string {
  return [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'authentication:',
    '  anonymous:',
    '    enabled: false',
    '  webhook:',
    '    cacheTTL: 0s',
    '    enabled: true',
    '  x509:',
    '    clientCAFile: /etc/kubernetes/pki/ca.crt',
    'authorization:',
    '  mode: Webhook',
    'cgroupDriver: systemd',
    'clusterDNS:',
    '- 10.96.0.10',
    'clusterDomain: cluster.local',
    'containerRuntimeEndpoint: ""',
    'cpuManagerReconcilePeriod: 0s',
    'evictionPressureTransitionPeriod: 0s',
    'fileCheckFrequency: 0s',
    'healthzBindAddress: 127.0.0.1',
    'healthzPort: 10248',
    'httpCheckFrequency: 0s',
    'imageMaximumGCAge: 0s',
    'imageMinimumGCAge: 0s',
    'kind: KubeletConfiguration',
    'logging:',
    '  flushFrequency: 0',
    '  options:',
    '    json:',
    '      infoBufferSize: "0"',
    '  verbosity: 0',
    'memorySwap: {}',
    'nodeStatusReportFrequency: 0s',
    'nodeStatusUpdateFrequency: 0s',
    'rotateCertificates: true',
    'runtimeRequestTimeout: 0s',
    'shutdownGracePeriod: 0s',
    'shutdownGracePeriodCriticalPods: 0s',
    `staticPodPath: ${staticPodPath}`,
    'streamingConnectionIdleTimeout: 0s',
    'syncFrequency: 0s',
    'volumeStatsAggPeriod: 0s',
    '',
  ].join('\n');
}

function kubeconfigPlaceholder(user: string, server: string): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCnNpbXVsYXRlZAotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==',
    `    server: ${server}`,
    '  name: kubernetes',
    'contexts:',
    '- context:',
    '    cluster: kubernetes',
    `    user: ${user}`,
    `  name: ${user}@kubernetes`,
    `current-context: ${user}@kubernetes`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${user}`,
    '  user:',
    '    client-certificate-data: c2ltdWxhdGVk',
    '    client-key-data: c2ltdWxhdGVk',
    '',
  ].join('\n');
}

/** Whether the root already holds an initialised node (a kubelet config exists). */
export function isInitialised(paths: SimPaths): boolean {
  return fs.existsSync(paths.kubeletConfig);
}

/**
 * containerd's config as kubeadm's documentation has an admin write it: the systemd cgroup driver
 * for runc ("Configuring the systemd cgroup driver") and the pause image kubeadm v1.32 uses
 * (constants.go PauseVersion 3.10), in containerd 1.x's config version 2 layout
 * [src: containerd docs/cri/config.md]. The simulated runtime reads it (commands/crictl-runtime.ts).
 */
export const CONTAINERD_CONFIG = [
  'version = 2',
  '',
  '[plugins."io.containerd.grpc.v1.cri"]',
  '  sandbox_image = "registry.k8s.io/pause:3.10"',
  '',
  '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
  '  SystemdCgroup = true',
  '',
].join('\n');

function ensureContainerdConfig(paths: SimPaths): void {
  const file = path.join(paths.root, 'etc/containerd/config.toml');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, CONTAINERD_CONFIG);
}

export function initSimNodeRoot(paths: SimPaths, opts: InitOptions): void {
  ensureContainerdConfig(paths);
  if (isInitialised(paths) && !opts.force) return;
  const nodeIp = opts.nodeIp ?? '10.0.0.10';
  if (opts.force) {
    fs.rmSync(paths.manifestDir, { recursive: true, force: true });
    fs.rmSync(paths.podLogDir, { recursive: true, force: true });
    fs.rmSync(paths.stateFile, { force: true });
    fs.rmSync(paths.journalFile, { force: true });
    fs.rmSync(identityFile(paths), { force: true });
  }
  for (const dir of [
    paths.manifestDir,
    paths.kubernetesTmpDir,
    paths.podLogDir,
    path.dirname(paths.kubeletConfig),
    path.dirname(paths.stateFile),
  ]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.chmodSync(paths.kubernetesTmpDir, 0o700);
  fs.writeFileSync(paths.kubeletConfig, kubeletConfigYaml(opts.staticPodPath));
  const server = opts.role === 'control-plane' ? `https://${nodeIp}:6443` : 'https://control-plane.sim:6443';
  // Real kubeconfigs written before the first start (with the node's certificates, for the HTTPS
  // API server: ../../apiserver/pki.ts) are kept; otherwise placeholders stand in for them.
  const placeholder = (file: string, user: string) => {
    if (!opts.force && fs.existsSync(file)) return;
    fs.writeFileSync(file, kubeconfigPlaceholder(user, server), { mode: 0o600 });
  };
  placeholder(paths.kubeletKubeconfig, `system:node:${opts.nodeName}`);
  if (opts.role === 'control-plane') {
    placeholder(paths.adminKubeconfig, 'kubernetes-admin');
    for (const [file, text] of Object.entries(renderDefaultManifests(opts.nodeName, nodeIp))) {
      const target = path.join(paths.manifestDir, file);
      fs.writeFileSync(target, text, { mode: 0o600 });
      fs.chmodSync(target, 0o600);
    }
  }
}
