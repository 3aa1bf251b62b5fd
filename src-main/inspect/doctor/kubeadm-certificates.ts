/**
 * kubeadm's certificates by file, with the command that renews each and the component that must
 * be restarted to use it [docs: "Certificate Management with kubeadm",
 * https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/ — the names are
 * those of `kubeadm certs check-expiration` and `kubeadm certs renew <name>`; "After running the
 * command you should restart the control plane Pods … To restart a static Pod you can temporarily
 * remove its manifest file from /etc/kubernetes/manifests/ and wait for 20 seconds (see the
 * fileCheckFrequency value in KubeletConfiguration struct)"]. The CAs (ca, etcd-ca, front-proxy-ca)
 * are not renewed by `kubeadm certs renew`; kubelet.conf's client certificate is rotated by the
 * kubelet itself (same page, "Automatic certificate renewal" and the kubelet.conf note).
 */
export interface KubeadmCertificate {
  /** kubeadm's name (`apiserver`, `admin.conf`, `etcd-ca`). */
  name: string;
  /** null: `kubeadm certs renew` cannot renew it. */
  renewable: boolean;
  /** Static pod (by manifest base name) whose process must restart to load it; 'kubelet' for the kubelet. */
  restart: string | null;
}

const BY_PATH: Record<string, KubeadmCertificate> = {
  'pki/apiserver.crt': { name: 'apiserver', renewable: true, restart: 'kube-apiserver' },
  'pki/apiserver-kubelet-client.crt': {
    name: 'apiserver-kubelet-client',
    renewable: true,
    restart: 'kube-apiserver',
  },
  'pki/apiserver-etcd-client.crt': {
    name: 'apiserver-etcd-client',
    renewable: true,
    restart: 'kube-apiserver',
  },
  'pki/front-proxy-client.crt': { name: 'front-proxy-client', renewable: true, restart: 'kube-apiserver' },
  'pki/etcd/server.crt': { name: 'etcd-server', renewable: true, restart: 'etcd' },
  'pki/etcd/peer.crt': { name: 'etcd-peer', renewable: true, restart: 'etcd' },
  'pki/etcd/healthcheck-client.crt': { name: 'etcd-healthcheck-client', renewable: true, restart: null },
  'pki/ca.crt': { name: 'ca', renewable: false, restart: null },
  'pki/front-proxy-ca.crt': { name: 'front-proxy-ca', renewable: false, restart: null },
  'pki/etcd/ca.crt': { name: 'etcd-ca', renewable: false, restart: null },
  'admin.conf': { name: 'admin.conf', renewable: true, restart: null },
  'super-admin.conf': { name: 'super-admin.conf', renewable: true, restart: null },
  'controller-manager.conf': {
    name: 'controller-manager.conf',
    renewable: true,
    restart: 'kube-controller-manager',
  },
  'scheduler.conf': { name: 'scheduler.conf', renewable: true, restart: 'kube-scheduler' },
  'kubelet.conf': { name: 'kubelet.conf', renewable: false, restart: 'kubelet' },
};

/** The kubeadm certificate a file under the kubernetes directory is, if it is one. */
export function kubeadmCertificate(file: string, kubernetesDir: string): KubeadmCertificate | null {
  const prefix = kubernetesDir.endsWith('/') ? kubernetesDir : `${kubernetesDir}/`;
  if (!file.startsWith(prefix)) return null;
  return BY_PATH[file.slice(prefix.length)] ?? null;
}

/**
 * A copyable command line: renew with kubeadm, then restart the static pod the way kubeadm's
 * documentation says (move its manifest out for 20 s; /etc/kubernetes/tmp is kubeadm's own
 * directory on the same file system, docs/security.md "Writing a manifest").
 */
export function renewCommand(
  cert: KubeadmCertificate,
  manifestDir: string | null,
  kubernetesDir: string,
): string | null {
  const restart = restartCommand(cert.restart, manifestDir, kubernetesDir);
  if (!cert.renewable) return restart;
  const renew = `kubeadm certs renew ${cert.name}`;
  return restart ? `${renew} && ${restart}` : renew;
}

export function restartCommand(
  component: string | null,
  manifestDir: string | null,
  kubernetesDir: string,
): string | null {
  if (!component) return null;
  if (component === 'kubelet') return 'systemctl restart kubelet';
  if (!manifestDir) return null;
  const file = `${manifestDir}/${component}.yaml`;
  const parked = `${kubernetesDir}/tmp/${component}.yaml`;
  return `mv ${file} ${parked} && sleep 20 && mv ${parked} ${file}`;
}
