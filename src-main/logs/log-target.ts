/**
 * What the Logs pane follows: the kubelet's log where the set-up keeps it, as discovery found it
 * (node/discovery/kubelet-log-location.ts, docs/distributions.md) — the journal of the set-up's
 * units and identifiers (`kubelet`; `k3s-agent`/`k3s` on k3s; the k0s unit), or the file the
 * set-up writes the kubelet's output to (RKE2's agent/logs/kubelet.log, a kubelet's --log-file).
 * Without discovery's account (an older discovery, a failed one), the journal's `kubelet` unit
 * and identifier, then the syslog files, as found on the node (kubelet-log-source.ts).
 * On k3s, which runs the kubelet in its own process, k3s's own logrus lines are left out
 * (node/journal/k3s-own-lines.ts), and the origin says so.
 */
import type { NodeDiscovery, NodeDiscoveryDetails } from '../contract/domain/discovery';
import type { KubeletJournalNames } from '../node/journal/journal-commands';

export type KubeletLogTarget =
  | {
      kind: 'journal';
      names: KubeletJournalNames;
      k0sWrapped: boolean;
      /** Why here, in words (the set-up's explanation); null for the default. */
      why: string | null;
      user?: string;
      /** Lines of the kubelet's host process that are not the kubelet's, left out (k3s). */
      drop?: 'k3s-own';
    }
  | { kind: 'file'; path: string; why: string; user?: string; drop?: 'k3s-own' }
  /** There is no kubelet log to follow: why, in words. */
  | { kind: 'none'; why: string };

export const DEFAULT_LOG_TARGET: KubeletLogTarget = {
  kind: 'journal',
  names: { units: ['kubelet'], identifiers: ['kubelet'] },
  k0sWrapped: false,
  why: null,
};

function hasDetails(d: NodeDiscovery): d is NodeDiscovery & NodeDiscoveryDetails {
  return 'kubeletLog' in d && 'tools' in d && 'readAs' in d;
}

/** The origin line's words on k3s, where the kubelet shares its process's output. */
export const K3S_KUBELET_LINES_ONLY =
  "k3s unit, kubelet lines only (k3s runs the kubelet in its own process): k3s's own time=… level=… lines are left out";

export function logTargetOf(discovery: NodeDiscovery): KubeletLogTarget {
  if (!hasDetails(discovery)) return DEFAULT_LOG_TARGET;
  const location = discovery.kubeletLog;
  const user = discovery.readAs.root ? 'root' : discovery.readAs.user;
  // An older discovery's account may lack the set-up: then no set-up's rule applies.
  const setup = (discovery as Partial<NodeDiscoveryDetails>).setup;
  const k3s = setup?.kind === 'k3s';
  const filtered = k3s ? { drop: 'k3s-own' as const } : {};
  if (location.kind === 'file' && location.file)
    return {
      kind: 'file',
      path: location.file,
      why: k3s ? K3S_KUBELET_LINES_ONLY : location.explanation,
      user,
      ...filtered,
    };
  if (location.kind === 'journal' && location.units.length + location.identifiers.length > 0) {
    const journalctl = discovery.tools.journalctl.path;
    if (!journalctl)
      return {
        kind: 'none',
        why:
          discovery.tools.journalctl.missing ??
          "journalctl was not found on the node, so the kubelet's journal cannot be read.",
      };
    return {
      kind: 'journal',
      names: { units: location.units, identifiers: location.identifiers, journalctl },
      k0sWrapped: location.format === 'k0s',
      why: k3s
        ? K3S_KUBELET_LINES_ONLY
        : location.shared || location.units.join() !== 'kubelet' || setup?.simulated
          ? location.explanation
          : null,
      user,
      ...filtered,
    };
  }
  return { kind: 'none', why: location.explanation };
}
