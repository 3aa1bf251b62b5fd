/**
 * Which kubeconfig kubectl uses on the node (credentials are not health): each set-up's
 * administrator kubeconfig first (kubeadm's admin.conf, RKE2's rke2.yaml, k3s's k3s.yaml,
 * k0s's pki/admin.conf, MicroK8s's client.config — docs/distributions.md), then the kubelet's
 * own kubeconfig, whose Node identity may list the pods bound to this node and read its Node,
 * then the login user's ~/.kube/config. None readable means there are no credentials for the
 * API server on this node — its own finding, never "the API server is down".
 */
import path from 'node:path';
import type { ApiCredentials, SetupKind } from '../../contract/domain/node-setup';

export interface KubeconfigCandidate {
  path: string;
  kind: 'admin' | 'kubelet' | 'user';
  what: string;
}

export function kubeconfigCandidates(
  kind: SetupKind,
  kubeletKubeconfig: string | null,
  dataDir: string | null,
  home: string | null,
): KubeconfigCandidate[] {
  const admin: KubeconfigCandidate[] = [];
  const kubelet: KubeconfigCandidate[] = [];
  switch (kind) {
    case 'rke2':
      admin.push({
        path: '/etc/rancher/rke2/rke2.yaml',
        kind: 'admin',
        what: "RKE2's administrator kubeconfig",
      });
      kubelet.push({
        path: `${dataDir ?? '/var/lib/rancher/rke2'}/agent/kubelet.kubeconfig`,
        kind: 'kubelet',
        what: "the kubelet's own kubeconfig",
      });
      break;
    case 'k3s':
      admin.push({
        path: '/etc/rancher/k3s/k3s.yaml',
        kind: 'admin',
        what: "k3s's administrator kubeconfig",
      });
      kubelet.push({
        path: `${dataDir ?? '/var/lib/rancher/k3s'}/agent/kubelet.kubeconfig`,
        kind: 'kubelet',
        what: "the kubelet's own kubeconfig",
      });
      break;
    case 'k0s':
      admin.push({
        path: '/var/lib/k0s/pki/admin.conf',
        kind: 'admin',
        what: "k0s's administrator kubeconfig",
      });
      kubelet.push({
        path: '/var/lib/k0s/kubelet.conf',
        kind: 'kubelet',
        what: "the kubelet's own kubeconfig",
      });
      break;
    case 'microk8s':
      admin.push({
        path: '/var/snap/microk8s/current/credentials/client.config',
        kind: 'admin',
        what: "MicroK8s's administrator kubeconfig",
      });
      kubelet.push({
        path: '/var/snap/microk8s/current/credentials/kubelet.config',
        kind: 'kubelet',
        what: "the kubelet's own kubeconfig",
      });
      break;
    default: {
      // kubeadm writes admin.conf beside kubelet.conf in /etc/kubernetes.
      const dir = kubeletKubeconfig ? path.posix.dirname(kubeletKubeconfig) : '/etc/kubernetes';
      admin.push({ path: path.posix.join(dir, 'admin.conf'), kind: 'admin', what: "kubeadm's admin.conf" });
      if (dir !== '/etc/kubernetes')
        admin.push({ path: '/etc/kubernetes/admin.conf', kind: 'admin', what: "kubeadm's admin.conf" });
    }
  }
  if (kubeletKubeconfig && !kubelet.some((k) => k.path === kubeletKubeconfig))
    kubelet.unshift({ path: kubeletKubeconfig, kind: 'kubelet', what: "the kubelet's own kubeconfig" });
  if (kubelet.length === 0)
    kubelet.push({
      path: '/etc/kubernetes/kubelet.conf',
      kind: 'kubelet',
      what: "the kubelet's own kubeconfig",
    });
  const user: KubeconfigCandidate[] = home
    ? [
        {
          path: `${home.replace(/\/+$/, '')}/.kube/config`,
          kind: 'user',
          what: 'your ~/.kube/config on the node',
        },
      ]
    : [];
  return [...admin, ...kubelet, ...user];
}

export type KubeconfigAccess = 'readable' | 'unreadable' | 'absent';

/** $@ = paths; one line `<R|U|N> <path>` each: readable, exists but not readable, absent. */
export const KUBECONFIG_CHECK_BODY =
  'for _k do if [ -r "$_k" ] && [ -f "$_k" ]; then printf "R %s\\n" "$_k"; ' +
  'elif [ -e "$_k" ]; then printf "U %s\\n" "$_k"; else printf "N %s\\n" "$_k"; fi; done; return 0';

export function parseKubeconfigCheck(stdout: string): Map<string, KubeconfigAccess> {
  const out = new Map<string, KubeconfigAccess>();
  for (const line of stdout.split('\n')) {
    const m = /^([RUN]) (\/.*)$/.exec(line);
    if (m) out.set(m[2] as string, m[1] === 'R' ? 'readable' : m[1] === 'U' ? 'unreadable' : 'absent');
  }
  return out;
}

/** The first readable candidate; or none, saying which exist but could not be read and as whom. */
export function chooseCredentials(
  candidates: readonly KubeconfigCandidate[],
  access: ReadonlyMap<string, KubeconfigAccess>,
  readingAs: string,
): ApiCredentials {
  const unreadable = candidates.filter((c) => access.get(c.path) === 'unreadable').map((c) => c.path);
  const chosen = candidates.find((c) => access.get(c.path) === 'readable');
  if (chosen) {
    const note =
      chosen.kind === 'kubelet'
        ? ": its Node identity may list only this node's pods and read its own Node"
        : chosen.kind === 'user'
          ? ' (which cluster it points at is not checked)'
          : '';
    return {
      kubeconfig: chosen.path,
      kind: chosen.kind,
      explanation: `${chosen.path}, ${chosen.what}${note}.`,
      unreadable,
    };
  }
  const why =
    unreadable.length > 0
      ? `${unreadable.join(', ')} ${unreadable.length > 1 ? 'exist' : 'exists'} but ${readingAs} may not read ${unreadable.length > 1 ? 'them' : 'it'}`
      : `none of ${candidates.map((c) => c.path).join(', ')} exists`;
  return {
    kubeconfig: null,
    kind: 'none',
    explanation: `No credentials for the API server on this node (${why}); use your own kubeconfig.`,
    unreadable,
  };
}
