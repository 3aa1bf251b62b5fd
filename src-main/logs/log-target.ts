/**
 * What the Logs pane follows: the kubelet's log where the set-up keeps it, as discovery found it
 * (node/discovery/kubelet-log-location.ts, docs/distributions.md) — the journal of the set-up's
 * units and identifiers (`kubelet`; `k3s-agent`/`k3s` on k3s; the k0s unit), or the file the
 * set-up writes the kubelet's output to (RKE2's agent/logs/kubelet.log, a kubelet's --log-file).
 * Without discovery's account (an older discovery, a failed one), the journal's `kubelet` unit
 * and identifier, then the syslog files, as found on the node (kubelet-log-source.ts).
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
    }
  | { kind: 'file'; path: string; why: string; user?: string }
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

export function logTargetOf(discovery: NodeDiscovery): KubeletLogTarget {
  if (!hasDetails(discovery)) return DEFAULT_LOG_TARGET;
  const location = discovery.kubeletLog;
  const user = discovery.readAs.root ? 'root' : discovery.readAs.user;
  if (location.kind === 'file' && location.file)
    return { kind: 'file', path: location.file, why: location.explanation, user };
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
      why:
        location.shared || location.units.join() !== 'kubelet' || discovery.setup.simulated
          ? location.explanation
          : null,
      user,
    };
  }
  return { kind: 'none', why: location.explanation };
}
