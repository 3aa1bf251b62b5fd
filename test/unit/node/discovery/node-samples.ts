/**
 * What real nodes of each set-up show discovery, built from their documentation and source
 * (docs/distributions.md): the processes with their /proc/<pid>/cmdline, the units, the
 * marker paths. Shared by the set-up, tool, log and name tests.
 */
import type { NodeFacts, NodeProcess, UnitState } from '../../../../src-main/node/discovery/node-facts';

export function facts(partial: Partial<NodeFacts> = {}): NodeFacts {
  return {
    user: 'ks-admin',
    uid: 1001,
    groups: ['ks-admin'],
    hostname: 'node-1',
    path: ['/usr/local/bin', '/usr/bin', '/bin'],
    loginPath: [],
    onPath: new Map(),
    processes: [],
    units: new Map(),
    unitsError: null,
    paths: new Map(),
    osRelease: new Map([['ID', 'ubuntu']]),
    hostIps: ['10.0.0.21'],
    ...partial,
  };
}

export function proc(pid: number, comm: string, args: string[], ppid = 1): NodeProcess {
  return { pid, ppid, startedAt: 1_700_000_000 + pid, comm, args };
}

export function unit(id: string, activeState: string, mainPid = 0): [string, UnitState] {
  return [
    id,
    {
      id,
      loadState: 'loaded',
      activeState,
      mainPid,
      fragmentPath: `/usr/lib/systemd/system/${id}`,
      description: '',
    },
  ];
}

/** kubeadm's drop-in: kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS. */
export const KUBEADM_KUBELET = proc(1204, 'kubelet', [
  '/usr/bin/kubelet',
  '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
  '--kubeconfig=/etc/kubernetes/kubelet.conf',
  '--config=/var/lib/kubelet/config.yaml',
  '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
  '--pod-infra-container-image=registry.k8s.io/pause:3.9',
]);

/** RKE2 server: the supervisor, and the kubelet it runs from its data directory (rancher/rke2 staticpod.go). */
export const RKE2_SERVER = proc(702, 'rke2', ['/usr/local/bin/rke2', 'server']);
export const RKE2_KUBELET = proc(
  981,
  'kubelet',
  [
    '/var/lib/rancher/rke2/data/v1.30.4-rke2r1-3b3bd9c6a3e8/bin/kubelet',
    '--volume-plugin-dir=/var/lib/kubelet/volumeplugins',
    '--file-check-frequency=5s',
    '--sync-frequency=30s',
    '--cloud-provider=external',
    '--config-dir=/var/lib/rancher/rke2/agent/etc/kubelet.conf.d',
    '--containerd=/run/k3s/containerd/containerd.sock',
    '--hostname-override=rke2-server-1',
    '--kubeconfig=/var/lib/rancher/rke2/agent/kubelet.kubeconfig',
    '--node-ip=10.0.0.11',
    '--node-labels=',
    '--read-only-port=0',
  ],
  702,
);

/** k3s: `k3s agent` re-executes itself as <data-dir>/data/<hash>/bin/k3s-agent, argv kept (cmd/k3s/main.go). */
export const K3S_AGENT = proc(812, 'k3s-agent', ['/usr/local/bin/k3s', 'agent']);
export const K3S_SERVER = proc(640, 'k3s-server', [
  '/usr/local/bin/k3s',
  'server',
  '--write-kubeconfig-mode=0644',
]);
export const K3S_CONTAINERD = proc(
  850,
  'containerd',
  [
    'containerd',
    '-c',
    '/var/lib/rancher/k3s/agent/etc/containerd/config.toml',
    '-a',
    '/run/k3s/containerd/containerd.sock',
    '--state',
    '/run/k3s/containerd',
    '--root',
    '/var/lib/rancher/k3s/agent/containerd',
  ],
  812,
);

/** k0s worker and its kubelet child (k0sproject/k0s pkg/component/worker/kubelet.go). */
export const K0S_WORKER = proc(530, 'k0s', [
  '/usr/local/bin/k0s',
  'worker',
  '--token-file=/etc/k0s/k0stoken',
]);
export const K0S_KUBELET = proc(
  611,
  'kubelet',
  [
    '/var/lib/k0s/bin/kubelet',
    '--root-dir=/var/lib/k0s/kubelet',
    '--config=/run/k0s/kubelet/config.yaml',
    '--kubeconfig=/var/lib/k0s/kubelet.conf',
    '--v=1',
    '--cert-dir=/var/lib/k0s/kubelet/pki',
    '--runtime-cgroups=/system.slice/containerd.service',
    '--containerd=/run/k0s/containerd.sock',
    '--hostname-override=worker-0',
  ],
  530,
);

/** OpenShift 4 (machine-config-operator's kubelet.service template). */
export const OPENSHIFT_KUBELET = proc(2101, 'kubelet', [
  '/usr/bin/kubelet',
  '--config=/etc/kubernetes/kubelet.conf',
  '--bootstrap-kubeconfig=/etc/kubernetes/kubeconfig',
  '--kubeconfig=/var/lib/kubelet/kubeconfig',
  '--container-runtime-endpoint=/var/run/crio/crio.sock',
  '--runtime-cgroups=/system.slice/crio.service',
  '--node-labels=node-role.kubernetes.io/worker,node.openshift.io/os_id=rhcos',
  '--node-ip=10.0.0.5',
  '--minimum-container-ttl-duration=6m0s',
  '--volume-plugin-dir=/etc/kubernetes/kubelet-plugins/volume/exec',
  '--hostname-override=',
  '--v=2',
]);

/** MicroK8s ≥ 1.21: one kubelite process (canonical/microk8s). */
export const MICROK8S_KUBELITE = proc(3302, 'kubelite', [
  '/snap/microk8s/6089/kubelite',
  '--scheduler-args-file=/var/snap/microk8s/6089/args/kube-scheduler',
  '--controller-manager-args-file=/var/snap/microk8s/6089/args/kube-controller-manager',
  '--proxy-args-file=/var/snap/microk8s/6089/args/kube-proxy',
  '--kubelet-args-file=/var/snap/microk8s/6089/args/kubelet',
  '--apiserver-args-file=/var/snap/microk8s/6089/args/kube-apiserver',
  '--kubeconfig-file=/var/snap/microk8s/6089/credentials/client.config',
  '--start-control-plane=true',
]);
