/**
 * The kubelet's cgroup driver against the runtime's (docs/doctor.md "Cgroup driver"). When they
 * differ the runtime and the kubelet disagree on the pods' cgroups: on a systemd host with
 * containerd's default `SystemdCgroup = false` the control-plane pods are killed and recreated
 * over and over — the event "Pod sandbox changed, it will be killed and re-created." and sandbox
 * attempts in the hundreds (kubernetes#110177, containerd#7276); the other way round runc
 * refuses to create the sandbox: `expected cgroupsPath to be of format "slice:prefix:name" for
 * systemd cgroups` (containerd#4857). The evidence is the two settings with where each was
 * read, the node's cgroup version, and the sandboxes' attempt counts.
 */
import type { CriSandbox } from '../../contract/domain/cri';
import type { DoctorFinding } from '../../contract/domain/doctor';
import type { RuntimeSettings } from '../../node/runtime-config/runtime-settings';
import type { KubeletSettings } from '../../node/node-health/kubelet-settings';

/** A sandbox recreated this many times for one pod is evidence of the loop. */
export const SANDBOX_ATTEMPT_EVIDENCE = 2;

export interface CgroupInput {
  kubelet: KubeletSettings;
  runtime: RuntimeSettings;
  /** `stat -f -c %T /sys/fs/cgroup`: cgroup2fs (v2) or tmpfs (v1). */
  cgroupFs: string | null;
  sandboxes: CriSandbox[];
  /** Kubelet journal lines about sandboxes, verbatim. */
  journalLines: string[];
}

export function cgroupVersion(fsType: string | null): string {
  if (fsType === 'cgroup2fs') return 'cgroup v2 (/sys/fs/cgroup is cgroup2fs)';
  if (fsType === 'tmpfs') return 'cgroup v1 (/sys/fs/cgroup is a tmpfs of v1 hierarchies)';
  return fsType ? `unknown (/sys/fs/cgroup is ${fsType})` : 'not read';
}

export function cgroupFindings(input: CgroupInput): DoctorFinding[] {
  const runtime = input.runtime.cgroupDriver;
  if (!runtime) return [];
  const kubelet = input.kubelet.cgroupDriver;
  if (kubelet.value === runtime.value) return [];
  const recreated = input.sandboxes
    .filter((s) => s.attempt >= SANDBOX_ATTEMPT_EVIDENCE)
    .sort((a, b) => b.attempt - a.attempt)
    .slice(0, 6);
  const evidence = [
    `kubelet: cgroupDriver ${kubelet.value} (${kubelet.from})`,
    `${input.runtime.runtime ?? 'runtime'}: ${runtime.value} (${runtime.from})`,
    `node: ${cgroupVersion(input.cgroupFs)}`,
    ...recreated.map((s) => `crictl pods: ${s.name} sandbox attempt ${s.attempt} (${s.state})`),
    ...input.journalLines.slice(-5),
  ];
  const fix =
    runtime.value === 'cgroupfs' && input.runtime.runtime === 'containerd'
      ? "Set SystemdCgroup = true under the runc runtime's options in /etc/containerd/config.toml ([plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options] on containerd 1.x, [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options] on 2.x), then: systemctl restart containerd && systemctl restart kubelet"
      : `Make both use the same driver (kubeadm recommends systemd): set cgroupDriver: ${runtime.value} in the kubelet config or change the runtime, then: systemctl restart kubelet`;
  return [
    {
      kind: 'cgroup-driver-mismatch',
      area: 'cgroup',
      severity: 'error',
      title: `The kubelet uses the ${kubelet.value} cgroup driver, the runtime ${runtime.value}`,
      explanation:
        'The kubelet and the container runtime must manage pod cgroups the same way. When they do not, pods are killed and recreated again and again (sandbox attempts keep rising) or their sandboxes cannot be created at all.',
      evidence,
      nextStep: fix,
      subject: 'cgroupDriver',
    },
  ];
}
