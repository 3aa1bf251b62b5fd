/**
 * etcdctl in the etcd container, with the TLS files the etcd manifest gives etcd itself
 * (`--trusted-ca-file`, `--cert-file`, `--key-file`: kubeadm's etcd server certificate is issued
 * for both server and client auth) and the first `--listen-client-urls` entry as the endpoint
 * (kubeadm: https://127.0.0.1:2379). The same paths work inside the container because kubeadm
 * mounts /etc/kubernetes/pki/etcd at the same path (docs/kubelet.md §8).
 *
 * Queries, all `-w json` (etcdctl/ctlv3/command/printer_json.go): `member list`, `endpoint status`
 * (this member: leader, DB size, raft index, errors such as alarms), `endpoint health --cluster`
 * (every member's client URL: a stale member's is unreachable), `alarm list`; each its own
 * section of the doctor's probe (node/doctor/doctor-probe.sh).
 */
export interface EtcdctlTarget {
  endpoint: string;
  cacert: string;
  cert: string;
  key: string;
  /** `--quota-backend-bytes` from the manifest, when set (else etcd's default, 2 GiB). */
  quotaBytes: number | null;
  /** `--name` and the peer URLs the manifest gives this member. */
  name: string | null;
}

/** etcd's default backend quota [src: etcd server/etcdserver/quota.go DefaultQuotaBytes]. */
export const ETCD_DEFAULT_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

/** The target from the etcd container's command (`--flag=value` as kubeadm writes them). */
export function etcdctlTarget(command: readonly string[]): EtcdctlTarget | null {
  const flag = (name: string): string | null => {
    for (const arg of command) {
      if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
    }
    return null;
  };
  const cacert = flag('trusted-ca-file');
  const cert = flag('cert-file');
  const key = flag('key-file');
  const listen = flag('listen-client-urls') ?? flag('advertise-client-urls');
  const endpoint = listen?.split(',')[0]?.trim();
  if (!cacert || !cert || !key || !endpoint) return null;
  const quota = flag('quota-backend-bytes');
  return {
    endpoint,
    cacert,
    cert,
    key,
    quotaBytes: quota && /^\d+$/.test(quota) ? Number(quota) : null,
    name: flag('name'),
  };
}
