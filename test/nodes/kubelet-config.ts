/**
 * The kubelet side of a test node: the kubeadm `/var/lib/kubelet/config.yaml` the node starts
 * with, and the simulated kubelet's command line.
 */
import path from 'node:path';

/**
 * What `kubeadm init/join` writes (kubelet-facts §6): `staticPodPath: /etc/kubernetes/manifests`
 * and the zero durations kubeadm serialises, so discovery reads a realistic file.
 */
export function kubeadmKubeletConfig(): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: unix:///var/run/containerd/containerd.sock
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

export interface KubeletArgsInput {
  sandboxDir: string;
  name: string;
  nodeIp: string;
  role: 'control-plane' | 'worker';
  verbosity?: number;
}

/**
 * argv after `kubelet` (the symlink to node): the bundle, then flags as a kubeadm node's
 * kubelet has them, so `ps -o args= -C kubelet` reads `kubelet /…/kubelet.cjs --config=…`.
 */
export function kubeletArgs(input: KubeletArgsInput): string[] {
  return [
    path.join(input.sandboxDir, 'kubelet.cjs'),
    '--config=/var/lib/kubelet/config.yaml',
    '--kubeconfig=/etc/kubernetes/kubelet.conf',
    `--hostname-override=${input.name}`,
    `--node-ip=${input.nodeIp}`,
    `--role=${input.role}`,
    ...(input.verbosity === undefined ? [] : [`--v=${input.verbosity}`]),
  ];
}
