/**
 * Node conditions linked to their evidence (docs/doctor.md "Node conditions"): the API's Ready,
 * DiskPressure, MemoryPressure, PIDPressure and NetworkUnavailable when it answers, and in any
 * case what the node shows itself — the kubelet's hard eviction thresholds against `df` of the
 * kubelet's root (nodefs) and of the runtime's image filesystem (imagefs), bytes and inodes
 * [src: pkg/kubelet/eviction/helpers.go signals nodefs.available, nodefs.inodesFree,
 * imagefs.available, imagefs.inodesFree]; the CNI configuration directory the runtime reads and
 * its NetworkReady condition (containerd: reason NetworkPluginNotReady, "Network plugin returns
 * error: cni plugin not initialized" [src: containerd internal/cri/server/status.go]); the
 * kubelet's /healthz.
 */
import type { DoctorFinding } from '../../contract/domain/doctor';
import type { DfRow } from '../../node/node-health/df-output';
import { thresholdBytes, type KubeletSettings } from '../../node/node-health/kubelet-settings';
import type { NodeCondition } from '../../node/node-health/node-objects';
import type { RuntimeSettings } from '../../node/runtime-config/runtime-settings';
import { formatBytes } from './doctor-finding';

export interface FsView {
  /** `nodefs` (the kubelet's root) or `imagefs` (the runtime's image filesystem). */
  signal: 'nodefs' | 'imagefs';
  path: string;
  bytes: DfRow | null;
  inodes: DfRow | null;
}

export interface ConditionInput {
  conditions: NodeCondition[] | null;
  kubelet: KubeletSettings;
  filesystems: FsView[];
  runtime: RuntimeSettings;
  cni: {
    dir: string;
    entries: Array<{ type: string; size: number; name: string }> | null;
    reason: string | null;
  };
  healthz: { ok: boolean; body: string; tool: string | null; reason: string | null };
  journalLines: string[];
}

const CNI_CONFIG = /\.(conf|conflist|json)$/;

export function conditionFindings(input: ConditionInput): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const apiLine = (type: string) => {
    const c = input.conditions?.find((x) => x.type === type);
    return c ? [`kubectl: condition ${c.type}=${c.status} reason ${c.reason}: ${c.message}`] : [];
  };
  // Disk: each filesystem against its signals.
  for (const fs of input.filesystems) {
    for (const [kind, row] of [
      ['available', fs.bytes],
      ['inodesFree', fs.inodes],
    ] as const) {
      if (!row || row.total === 0) continue;
      const signal = `${fs.signal}.${kind}`;
      const threshold = input.kubelet.evictionHard[signal];
      if (!threshold) continue;
      const limit = thresholdBytes(threshold, row.total);
      if (limit === null || row.available >= limit) continue;
      const unit = kind === 'available' ? formatBytes : (n: number) => `${Math.round(n)} inodes`;
      out.push({
        kind: 'disk-pressure',
        area: 'conditions',
        severity: 'error',
        title: `${signal} is below the kubelet's hard eviction threshold (${threshold}) on ${row.mountedOn}`,
        explanation: `The kubelet reports DiskPressure, stops admitting pods and evicts them, and garbage-collects images, while ${signal} stays under ${threshold}.`,
        evidence: [
          `df ${kind === 'available' ? '-P -k' : '-P -i'} ${fs.path}: ${row.filesystem} on ${row.mountedOn}, total ${unit(row.total)}, used ${unit(row.used)}, available ${unit(row.available)} (${((row.available / row.total) * 100).toFixed(1)}%)`,
          `threshold ${signal}<${threshold} = ${unit(limit)} (${input.kubelet.evictionFrom})`,
          ...apiLine('DiskPressure'),
        ],
        nextStep:
          fs.signal === 'imagefs'
            ? `crictl rmi --prune && df -h ${row.mountedOn}`
            : `du -xsh ${fs.path}/* | sort -h | tail && df -h ${row.mountedOn}`,
        subject: signal,
      });
    }
  }
  // CNI directory.
  if (input.cni.entries) {
    const configs = input.cni.entries.filter(
      (e) => e.type === 'f' && !e.name.startsWith('.') && CNI_CONFIG.test(e.name),
    );
    if (configs.length === 0) {
      out.push({
        kind: 'cni-missing',
        area: 'conditions',
        severity: 'error',
        title: `No CNI configuration in ${input.cni.dir}`,
        explanation:
          'The runtime finds no network configuration, reports NetworkReady=false, and the node stays NotReady: pods other than host-network ones cannot start until a CNI plugin is installed.',
        evidence: [
          `${input.cni.dir}: ${input.cni.entries.length === 0 ? (input.cni.reason ?? 'empty') : input.cni.entries.map((e) => `${e.name} (${e.type === 'd' ? 'directory' : `${e.size} bytes`})`).join(', ')}`,
          ...(input.runtime.networkNotReady
            ? [
                `crictl info: NetworkReady=false reason ${input.runtime.networkNotReady.reason}: ${input.runtime.networkNotReady.message}`,
              ]
            : []),
          ...apiLine('Ready'),
          ...input.journalLines.filter((l) => /network not ready|cni/i.test(l)).slice(-3),
        ],
        nextStep: `Install the cluster's CNI plugin (its manifest writes a config into ${input.cni.dir}), then: ls -l ${input.cni.dir}`,
        subject: input.cni.dir,
      });
    }
  }
  // Conditions the API reports that no rule above explains.
  for (const c of input.conditions ?? []) {
    const bad = c.type === 'Ready' ? c.status !== 'True' : c.status === 'True';
    if (!bad) continue;
    if (c.type === 'DiskPressure' && out.some((f) => f.kind === 'disk-pressure')) continue;
    if (c.type === 'Ready' && out.some((f) => f.kind === 'cni-missing')) continue;
    out.push({
      kind: 'node-condition',
      area: 'conditions',
      severity: c.type === 'Ready' ? 'error' : 'warning',
      title: `Node condition ${c.type}=${c.status}`,
      explanation: c.message || c.reason,
      evidence: [
        `kubectl: condition ${c.type}=${c.status} reason ${c.reason} since ${c.lastTransitionTime}: ${c.message}`,
      ],
      nextStep: 'journalctl -u kubelet -n 200 --no-pager',
      subject: c.type,
    });
  }
  if (!input.healthz.ok && input.healthz.tool) {
    out.push({
      kind: 'kubelet-unhealthy',
      area: 'conditions',
      severity: 'error',
      title: `The kubelet's healthz at ${input.kubelet.healthz.host}:${input.kubelet.healthz.port} does not answer ok`,
      explanation: 'The kubelet is not running or not healthy; nothing on this node is being kept alive.',
      evidence: [`${input.healthz.tool}: ${input.healthz.reason ?? input.healthz.body.trim()}`],
      nextStep: 'systemctl status kubelet --no-pager; journalctl -u kubelet -n 100 --no-pager',
      subject: 'healthz',
    });
  }
  return out;
}
