/**
 * What is legitimately different on each control-plane node, so that it is no drift.
 *
 * kubeadm writes a node's own name and address into its static pod manifests
 * (cmd/kubeadm/app/phases/controlplane/manifests.go, cmd/kubeadm/app/phases/etcd/local.go):
 * kube-apiserver's `--advertise-address`, the `kubeadm.kubernetes.io/kube-apiserver.advertise-
 * address.endpoint` annotation and its probes' `host` (staticpodutil.GetAPIServerProbeAddress);
 * etcd's `--name` (the node name), `--advertise-client-urls`, `--initial-advertise-peer-urls`,
 * `--listen-client-urls`, `--listen-peer-urls` and the `kubeadm.kubernetes.io/etcd.advertise-
 * client-urls` annotation. etcd's `--initial-cluster` and `--initial-cluster-state` record the
 * membership when the node joined (the first node: itself only; each joining node: the members
 * so far, `existing`), so they differ between healthy nodes and are left out.
 *
 * The node's names and addresses are taken from what the node says (its kubelet's node name and
 * `--node-ip`, the SSH host when it is an address) and from those kubeadm fields in its own
 * manifests; every whole occurrence of them in a value becomes `<node-name>` / `<node-ip>`.
 */
import type { PodField } from './pod-fields';

export interface NodeIdentity {
  names: string[];
  addresses: string[];
}

/** etcd's join-time membership (etcd/local.go getEtcdCommand): differs between healthy nodes. */
export const IGNORED_FLAGS: ReadonlyArray<{ container: string; flag: string; why: string }> = [
  {
    container: 'etcd',
    flag: '--initial-cluster',
    why: "etcd --initial-cluster: the members when the node joined (kubeadm's etcd/local.go)",
  },
  {
    container: 'etcd',
    flag: '--initial-cluster-state',
    why: "etcd --initial-cluster-state: `existing` on joined nodes only (kubeadm's etcd/local.go)",
  },
];

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:,]+)/i;

function hostOf(value: string): string | null {
  const url = URL_HOST.exec(value);
  if (url?.[1]) return url[1].replace(/^\[|\]$/g, '');
  // host:port (the advertise-address endpoint annotation), or a bare address.
  const hostPort = /^(\[[^\]]+\]|[^:]+):\d+$/.exec(value);
  return (hostPort?.[1] ?? value).replace(/^\[|\]$/g, '') || null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

/** The node's own names and addresses: given, plus those in kubeadm's per-node fields. */
export function harvestIdentity(given: NodeIdentity, pods: Array<Map<string, PodField>>): NodeIdentity {
  const names = new Set(given.names.filter(Boolean));
  const addresses = new Set(given.addresses.filter(Boolean));
  for (const fields of pods) {
    for (const f of fields.values()) {
      if (f.container === 'etcd' && f.field === '--name') names.add(f.value);
      // The kubelet's own name and address flags (kubeadm-flags.env carries them when set).
      if (f.container === 'kubelet' && f.field === '--hostname-override') names.add(f.value);
      if (f.container === 'kubelet' && f.field === '--node-ip')
        for (const a of f.value.split(',')) addresses.add(a.trim());
      const perNode =
        (f.container === 'kube-apiserver' && f.field === '--advertise-address') ||
        (f.container === 'etcd' &&
          ['--advertise-client-urls', '--initial-advertise-peer-urls', '--listen-peer-urls'].includes(
            f.field,
          )) ||
        f.field === 'annotation kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint' ||
        f.field === 'annotation kubeadm.kubernetes.io/etcd.advertise-client-urls';
      if (!perNode) continue;
      for (const part of f.value.split(',')) {
        const host = hostOf(part.trim());
        if (host) addresses.add(host);
      }
    }
  }
  for (const a of LOOPBACK) {
    addresses.delete(a);
    names.delete(a);
  }
  return { names: [...names].filter((n) => n.length > 0), addresses: [...addresses] };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces whole occurrences (not parts of longer names or addresses) of the node's values. */
export function maskerFor(identity: NodeIdentity): (value: string) => string {
  // Longest first, so `node-1.example.org` is masked before `node-1`.
  const byLength = (a: string, b: string) => b.length - a.length;
  const addresses = [...identity.addresses].sort(byLength).map(escape);
  const names = [...identity.names].sort(byLength).map(escape);
  const addressRe = addresses.length
    ? new RegExp(`(?<![\\w.:])(?:${addresses.join('|')})(?![\\w.]*\\w)`, 'g')
    : null;
  const nameRe = names.length ? new RegExp(`(?<![\\w.-])(?:${names.join('|')})(?![\\w-]|\\.\\w)`, 'g') : null;
  return (value) => {
    let out = value;
    if (addressRe) out = out.replace(addressRe, '<node-ip>');
    if (nameRe) out = out.replace(nameRe, '<node-name>');
    return out;
  };
}
