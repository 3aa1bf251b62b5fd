/**
 * Connections the doctor chose not to make (probe-address.ts) as findings, one per reason: a
 * user reading the report sees that these ports were not looked at and why, instead of an empty
 * certificate comparison that could pass for "nothing wrong".
 */
import type { DoctorFinding } from '../../contract/domain/doctor';

export interface MaybeProbed {
  /** `kube-apiserver :6443`, `kubelet healthz`. */
  what: string;
  /** `10.0.0.10:6443`. */
  where: string;
  probe: { outcome: string; reason: string | null };
}

export function notProbedFindings(items: readonly MaybeProbed[]): DoctorFinding[] {
  const byReason = new Map<string, MaybeProbed[]>();
  for (const item of items) {
    if (item.probe.outcome !== 'not-probed' || !item.probe.reason) continue;
    byReason.set(item.probe.reason, [...(byReason.get(item.probe.reason) ?? []), item]);
  }
  return [...byReason].map(([reason, skipped]) => {
    const simulated = reason.includes('simulated node');
    return {
      kind: 'not-probed',
      area: 'certificates',
      severity: 'info',
      title: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`,
      explanation: simulated
        ? "This is the app's Sandbox node, simulated on this machine: a connection to these addresses would reach another host (or this machine's own services), not the simulated node, so what they serve was not read."
        : 'The doctor reads what a port serves from the node itself; this address belongs to another machine, so what answers there says nothing about this node.',
      evidence: skipped.map((s) => `${s.what} at ${s.where}: not probed`),
      nextStep: simulated
        ? 'Run the doctor on a real control-plane node to compare what its ports serve with its certificate files.'
        : `Run the doctor on the node that owns ${skipped[0]?.where.replace(/:\d+$/, '') ?? 'that address'}.`,
      subject: skipped.map((s) => s.where).join(', '),
    };
  });
}
