/**
 * What a simulated node's "systemd" tells the simulated kubelet through its environment: the
 * things that on a real node are decided outside the kubelet's own flags — which runtime
 * answers on the CRI socket, where the unit's output goes (journald stores a unit's stream under
 * its unit and identifier), which node role the simulation plays, and where the (stand-in)
 * API server keeps its certificates. Unset, each keeps the behaviour of the app's Sandbox node
 * and of the default test node (containerd, journal unit `kubelet.service`, kubeadm's files on
 * first start).
 */

export const SIM_ENV = {
  /** `control-plane` or `worker` (the `--role` flag of the default test node says the same). */
  role: 'KUBELET_SIM_ROLE',
  /** The runtime behind the CRI socket: `containerd v1.7.24`, `cri-o 1.30.4`. */
  runtime: 'KUBELET_SIM_RUNTIME',
  /**
   * Where the process's output goes: JSON `{"unit","identifier","comm","exe"}` for a journal
   * stream, or `stderr` when a parent process takes it (RKE2 writes the kubelet's to a file).
   */
  journal: 'KUBELET_SIM_JOURNAL',
  /** Directory of the stand-in API server's serving certificates (default /etc/kubernetes/pki). */
  apiPki: 'KUBELET_SIM_API_PKI',
  /** `kubeadm`: a missing `--config` file is a first boot, kubeadm's files are written; `none`. */
  firstBoot: 'KUBELET_SIM_FIRST_BOOT',
  /** `kubeadm`: coredns and kube-proxy add-ons in the API; `none`. */
  addons: 'KUBELET_SIM_ADDONS',
  /** The emulated kubelet release, `v1.30.4` (sim-kubelet-version.ts): its --version, its rules, its log lines. */
  kubeletVersion: 'KUBELET_SIM_KUBELET_VERSION',
} as const;

export type RuntimeName = 'containerd' | 'cri-o';

export interface RuntimeIdentity {
  name: RuntimeName;
  /** As the runtime reports it in Version (`v1.7.24`, `1.30.4`, `v1.7.23-k3s2`). */
  version: string;
}

export const DEFAULT_RUNTIME: RuntimeIdentity = { name: 'containerd', version: 'v1.7.24' };

export function parseRuntime(value: string | undefined): RuntimeIdentity {
  const m = /^(containerd|cri-o)\s+(\S+)$/.exec((value ?? '').trim());
  return m ? { name: m[1] as RuntimeName, version: m[2] } : DEFAULT_RUNTIME;
}

export function formatRuntime(runtime: RuntimeIdentity): string {
  return `${runtime.name} ${runtime.version}`;
}

/** The journal fields a unit's stream entries carry (docs/kubelet.md §5.1). */
export interface JournalIdentity {
  unit: string;
  identifier: string;
  comm: string;
  exe: string;
}

export const KUBELET_JOURNAL: JournalIdentity = {
  unit: 'kubelet.service',
  identifier: 'kubelet',
  comm: 'kubelet',
  exe: '/usr/bin/kubelet',
};

export type OutputTarget = { kind: 'journal'; identity: JournalIdentity } | { kind: 'stderr' };

export function parseOutputTarget(value: string | undefined): OutputTarget {
  if (value === 'stderr') return { kind: 'stderr' };
  if (value) {
    try {
      const parsed = JSON.parse(value) as Partial<JournalIdentity>;
      if (
        typeof parsed.unit === 'string' &&
        typeof parsed.identifier === 'string' &&
        typeof parsed.comm === 'string' &&
        typeof parsed.exe === 'string'
      )
        return { kind: 'journal', identity: parsed as JournalIdentity };
    } catch {
      // not JSON: the default below
    }
  }
  return { kind: 'journal', identity: KUBELET_JOURNAL };
}
