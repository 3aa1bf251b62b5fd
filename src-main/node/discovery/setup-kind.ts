/**
 * What kind of node it is, from what the node shows (docs/distributions.md): the processes
 * (RKE2 and k0s run the kubelet as a child process of their own; k3s and MicroK8s run it
 * inside theirs; OpenShift starts it through kubenswrapper), the systemd units of each set-up,
 * and their well-known directories. Distribution processes are looked at first, since an RKE2
 * or k0s node also has a process named kubelet; a plain kubelet is kubeadm's when its flags or
 * files say so. The app's own Sandbox node is told by what its `systemctl` says of its kubelet
 * unit (SANDBOX_KUBELET_UNIT_DESCRIPTION), never by its paths. The result says how well the
 * app's views hold there (docs/support-matrix.md).
 */
import {
  SANDBOX_KUBELET_UNIT_DESCRIPTION,
  type NodeSetup,
  type SetupKind,
  type SupportLevel,
} from '../../contract/domain/node-setup';
import type { NodeFacts, NodeProcess } from './node-facts';

export interface IdentifiedSetup {
  setup: NodeSetup;
  /** The process whose command line carries the kubelet's flags (null: k3s and MicroK8s embed it). */
  kubelet: NodeProcess | null;
  /** The distribution's own process (rke2, k3s-server/-agent, k0s, kubelite), when there is one. */
  supervisor: NodeProcess | null;
  /** The systemd unit that runs the kubelet's host process, when known. */
  unit: string | null;
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** `k3s server`, `/usr/local/bin/rke2 agent`, `k0s worker` → the subcommand; comm k3s-server/-agent too. */
function subcommand(p: NodeProcess, program: string): string | null {
  if (p.comm === `${program}-server`) return 'server';
  if (p.comm === `${program}-agent`) return 'agent';
  const argv0 = base(p.args[0] ?? '');
  if (argv0 !== program && p.comm !== program) return null;
  return p.args.slice(1).find((a) => !a.startsWith('-')) ?? null;
}

function activeUnit(facts: NodeFacts, ...ids: string[]): string | null {
  for (const id of ids) {
    const unit = facts.units?.get(id);
    if (unit && unit.activeState === 'active') return id;
  }
  return null;
}

function loadedUnit(facts: NodeFacts, ...ids: string[]): string | null {
  for (const id of ids) {
    const unit = facts.units?.get(id);
    if (unit && unit.loadState === 'loaded') return id;
  }
  return null;
}

const has = (facts: NodeFacts, path: string) => facts.paths.get(path) === 'exists';

/** A kubelet process whose flags point into `dir` (RKE2's, k0s's data directory). */
function kubeletUnder(kubelets: NodeProcess[], dir: string): NodeProcess | null {
  return kubelets.find((p) => p.args.some((a) => a.includes(`${dir}/`) || a.endsWith(dir))) ?? null;
}

const SUPPORT: Record<SetupKind, { support: SupportLevel; note: string | null }> = {
  kubeadm: { support: 'supported', note: null },
  rke2: {
    support: 'supported',
    note: 'RKE2 renders its control-plane manifests (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) at every start and reverts hand edits; change /etc/rancher/rke2/config.yaml for those.',
  },
  k3s: {
    support: 'supported',
    note: "k3s runs the kubelet inside its own process: the kubelet's lines share the k3s unit's journal with the embedded control plane, and static pods exist only if you add them.",
  },
  k0s: {
    support: 'partial',
    note: 'k0s serves static pods to its kubelet over HTTP (staticPodURL), so there is no manifest directory to read or edit, and it ships no crictl (install one to see the runtime view).',
  },
  microk8s: {
    support: 'partial',
    note: 'MicroK8s runs the kubelet inside kubelite with no static pod path by default, and ships no crictl; the runtime view needs a crictl pointed at /var/snap/microk8s/common/run/containerd.sock.',
  },
  openshift: {
    support: 'partial',
    note: "OpenShift's control-plane operators own the static pod manifests and write new revisions over hand edits; read them here, change them through the operators.",
  },
  kubelet: {
    support: 'partial',
    note: "The installer of this kubelet is not recognised: the views follow the kubelet's own flags and files, without a distribution's defaults to fall back on.",
  },
  unknown: {
    support: 'unsupported',
    note: 'No kubelet was found on this node (no kubelet, k3s, RKE2, k0s or MicroK8s process or unit), so there is nothing for the views to show.',
  },
};

/** The Sandbox node's label until its kubelet's version is known (sandboxLabel). */
const SANDBOX_LABEL = 'Sandbox node (simulated kubeadm)';
const SANDBOX_NOTE =
  "Kubelet Studio's Sandbox node: a kubelet, runtime and API server simulated on this machine with kubeadm's files below the app's data folder. Its advertised address belongs to no machine here, so nothing is sent to it.";

/** "Sandbox node (simulated kubeadm, kubelet v1.30.4)" once the kubelet has answered `--version`. */
export function sandboxLabel(kubeletVersion: string | null): string {
  return kubeletVersion ? `Sandbox node (simulated kubeadm, kubelet ${kubeletVersion})` : SANDBOX_LABEL;
}

function result(
  kind: SetupKind,
  role: string | null,
  label: string,
  evidence: string[],
  parts: Omit<IdentifiedSetup, 'setup'>,
): IdentifiedSetup {
  const { support, note } = SUPPORT[kind];
  return { setup: { kind, role, label, evidence, support, supportNote: note }, ...parts };
}

const described = (p: NodeProcess) => `process ${p.comm} (pid ${p.pid}): ${p.args.slice(0, 2).join(' ')}`;

export function identifySetup(facts: NodeFacts): IdentifiedSetup {
  const procs = facts.processes;
  const kubelets = procs.filter((p) => p.comm === 'kubelet');

  const kubeletUnit = facts.units?.get('kubelet.service');
  const mainKubelet =
    kubelets.find((k) => kubeletUnit && k.pid === kubeletUnit.mainPid) ??
    [...kubelets].sort((a, b) => a.startedAt - b.startedAt || a.pid - b.pid)[0] ??
    null;
  const unit = loadedUnit(facts, 'kubelet.service');
  // The Sandbox node first: it shares this machine's process table, so a k3s or RKE2 running
  // here must not make it look like one; only its own systemctl describes its unit so.
  if (unit && kubeletUnit?.description === SANDBOX_KUBELET_UNIT_DESCRIPTION) {
    const identified = result(
      'kubeadm',
      null,
      SANDBOX_LABEL,
      [
        `unit ${unit}: Description=${kubeletUnit.description}`,
        ...(mainKubelet ? [described(mainKubelet)] : []),
      ],
      { kubelet: mainKubelet, supervisor: null, unit },
    );
    return { ...identified, setup: { ...identified.setup, supportNote: SANDBOX_NOTE, simulated: true } };
  }

  const k3s = procs.find((p) => subcommand(p, 'k3s') === 'server' || subcommand(p, 'k3s') === 'agent');
  const k3sUnit = activeUnit(facts, 'k3s.service', 'k3s-agent.service');
  if (k3s || k3sUnit) {
    const role = k3s ? subcommand(k3s, 'k3s') : k3sUnit === 'k3s.service' ? 'server' : 'agent';
    const evidence = [...(k3s ? [described(k3s)] : []), ...(k3sUnit ? [`unit ${k3sUnit} is active`] : [])];
    return result('k3s', role, `k3s ${role ?? ''}`.trim(), evidence, {
      kubelet: null,
      supervisor: k3s ?? null,
      unit: k3sUnit ?? (role === 'server' ? 'k3s.service' : 'k3s-agent.service'),
    });
  }

  const rke2 = procs.find((p) => ['server', 'agent'].includes(subcommand(p, 'rke2') ?? ''));
  const rke2Unit = activeUnit(facts, 'rke2-server.service', 'rke2-agent.service');
  const rke2Kubelet = kubeletUnder(kubelets, '/var/lib/rancher/rke2');
  if (rke2 || rke2Unit || rke2Kubelet) {
    const role = rke2
      ? subcommand(rke2, 'rke2')
      : rke2Unit
        ? rke2Unit.includes('server')
          ? 'server'
          : 'agent'
        : null;
    const evidence = [
      ...(rke2 ? [described(rke2)] : []),
      ...(rke2Unit ? [`unit ${rke2Unit} is active`] : []),
      ...(rke2Kubelet ? [`kubelet (pid ${rke2Kubelet.pid}) runs from /var/lib/rancher/rke2`] : []),
    ];
    return result('rke2', role, `RKE2 ${role ?? ''}`.trim(), evidence, {
      kubelet: rke2Kubelet ?? kubelets.find((k) => k.ppid === rke2?.pid) ?? null,
      supervisor: rke2 ?? null,
      unit: rke2Unit ?? (role ? `rke2-${role}.service` : null),
    });
  }

  const k0s = procs.find((p) => ['controller', 'worker'].includes(subcommand(p, 'k0s') ?? ''));
  const k0sUnit = activeUnit(facts, 'k0sworker.service', 'k0scontroller.service');
  const k0sKubelet = kubeletUnder(kubelets, '/var/lib/k0s');
  if (k0s || k0sUnit || k0sKubelet) {
    const role = k0s
      ? subcommand(k0s, 'k0s')
      : k0sUnit?.startsWith('k0sworker')
        ? 'worker'
        : k0sUnit
          ? 'controller'
          : null;
    return result(
      'k0s',
      role,
      `k0s ${role ?? ''}`.trim(),
      [
        ...(k0s ? [described(k0s)] : []),
        ...(k0sUnit ? [`unit ${k0sUnit} is active`] : []),
        ...(k0sKubelet ? [`kubelet (pid ${k0sKubelet.pid}) runs from /var/lib/k0s`] : []),
      ],
      {
        kubelet: k0sKubelet ?? kubelets.find((k) => k.ppid === k0s?.pid) ?? null,
        supervisor: k0s ?? null,
        unit: k0sUnit ?? (role === 'worker' ? 'k0sworker.service' : role ? 'k0scontroller.service' : null),
      },
    );
  }

  const kubelite = procs.find((p) => p.comm === 'kubelite');
  const microUnit = activeUnit(facts, 'snap.microk8s.daemon-kubelite.service');
  if (kubelite || microUnit) {
    return result(
      'microk8s',
      null,
      'MicroK8s',
      [...(kubelite ? [described(kubelite)] : []), ...(microUnit ? [`unit ${microUnit} is active`] : [])],
      { kubelet: null, supervisor: kubelite ?? null, unit: 'snap.microk8s.daemon-kubelite.service' },
    );
  }

  const osId = facts.osRelease.get('ID') ?? '';
  const wrapper = procs.find((p) => p.comm === 'kubenswrapper');
  if (osId === 'rhcos' || osId === 'scos' || wrapper || has(facts, '/etc/machine-config-daemon')) {
    return result(
      'openshift',
      null,
      'OpenShift',
      [
        ...(osId === 'rhcos' || osId === 'scos' ? [`/etc/os-release: ID=${osId}`] : []),
        ...(wrapper ? [described(wrapper)] : []),
        ...(has(facts, '/etc/machine-config-daemon') ? ['/etc/machine-config-daemon exists'] : []),
      ],
      { kubelet: mainKubelet, supervisor: null, unit: unit ?? 'kubelet.service' },
    );
  }

  const kubeadmMarks = [
    ...(has(facts, '/var/lib/kubelet/kubeadm-flags.env')
      ? ['/var/lib/kubelet/kubeadm-flags.env exists']
      : []),
    ...(mainKubelet?.args.some((a) => a === '--config=/var/lib/kubelet/config.yaml')
      ? ['the kubelet runs with --config=/var/lib/kubelet/config.yaml (kubeadm’s)']
      : []),
    ...(unit ? [`unit ${unit} is loaded`] : []),
  ];
  if (mainKubelet || unit) {
    const kubeadm = kubeadmMarks.some((m) => !m.startsWith('unit'));
    const evidence = [...(mainKubelet ? [described(mainKubelet)] : []), ...kubeadmMarks];
    return result(
      kubeadm ? 'kubeadm' : 'kubelet',
      null,
      kubeadm ? 'kubeadm' : 'kubelet (installer not recognised)',
      evidence,
      {
        kubelet: mainKubelet,
        supervisor: null,
        unit,
      },
    );
  }
  return result(
    'unknown',
    null,
    'no kubelet found',
    ['no kubelet, k3s, RKE2, k0s or MicroK8s process or unit'],
    {
      kubelet: null,
      supervisor: null,
      unit: null,
    },
  );
}
