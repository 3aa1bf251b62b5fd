/**
 * Everything the Pods view needs in one remote round trip (issue 6 point 6): the runtime's
 * sandboxes and containers as JSON (crictl, run by its absolute path with the kubelet's
 * endpoint), the API server's pods on this node and whether the Node object exists (kubectl by
 * its absolute path with the node's kubeconfig, filtered by spec.nodeName, docs/kubelet.md §4),
 * the kubelet's log over a window of time wherever it is (kubelet-log-window.ts), and the static
 * pod directory with each file's content (§1.2: every name, dot files included so they can be
 * reported as ignored; no recursion). crictl's stderr noise is kept apart from its stdout (§3.5).
 * The `kubelet` section is the process that runs the kubelet (pid, host name, command line), so a
 * refresh notices a restarted kubelet, whose config may have changed (§6), without a round trip
 * of its own. Tools are never looked up on sudo's PATH (docs/distributions.md). The script is
 * pods-snapshot.sh; the directory listing, static-dir-listing.sh.
 */
import { batchArgv } from '../batch/batch-script';
import KUBELET_JOURNAL_TAIL from '../journal/kubelet-journal-tail.sh';
import { LOG_WINDOW_FUNCTIONS } from '../journal/kubelet-log-window';
import type { NodeCommand } from '../session/node-command';
import PODS_SNAPSHOT_SCRIPT from './pods-snapshot.sh';
import STATIC_DIR_LISTING_FUNCTIONS from './static-dir-listing.sh';

/** Longest manifest content read (the kubelet itself reads at most 10 MiB, §1.3). */
export const MANIFEST_READ_LIMIT = 1024 * 1024;

export type ApiReadMode = 'node' | 'skip' | 'none';

export interface PodsSnapshotPlan {
  nodeName: string;
  staticPodPath: string | null;
  /** `node`: kubectl on the node; `skip`: the app reads the API itself; `none`: no credentials/kubectl. */
  apiMode: ApiReadMode;
  kubeconfig: string | null;
  /** crictl's argv prefix with its global options (`--config`, `--runtime-endpoint`); [] when not found. */
  crictl: string[];
  /** kubectl's argv prefix; [] when not found. */
  kubectl: string[];
  /** Also list all Nodes (to confirm the node name by address). */
  confirmNodeName: boolean;
  /** The process that runs the kubelet: its unit and its name. */
  kubeletUnit: string | null;
  kubeletComm: string;
  /** The kubelet log window: `journal` (units/identifiers), `file`, or none. */
  log:
    | { kind: 'journal'; journalctl: string; seconds: number; units: string[]; identifiers: string[] }
    | { kind: 'file'; file: string; seconds: number }
    | { kind: 'none' }
    /** The last 300 journal lines of unit kubelet as JSON (section `journal`), as before set-ups were told apart. */
    | { kind: 'legacy' };
}

export function podsSnapshotPlanCommand(plan: PodsSnapshotPlan): NodeCommand {
  const log = plan.log;
  return {
    purpose: "read the node's pods (crictl, kubectl, the static pod directory and the kubelet's log)",
    argv: batchArgv(
      [LOG_WINDOW_FUNCTIONS, KUBELET_JOURNAL_TAIL, STATIC_DIR_LISTING_FUNCTIONS, PODS_SNAPSHOT_SCRIPT],
      [
        plan.kubeconfig ?? '',
        plan.nodeName,
        plan.staticPodPath ?? '',
        plan.apiMode,
        plan.crictl.join('\n'),
        plan.kubectl.join('\n'),
        plan.confirmNodeName ? '1' : '0',
        plan.kubeletUnit ?? '',
        plan.kubeletComm,
        log.kind,
        log.kind === 'journal' ? log.journalctl : '',
        log.kind === 'journal' || log.kind === 'file' ? String(log.seconds) : '0',
        log.kind === 'journal' ? log.units.join('\n') : '',
        log.kind === 'journal' ? log.identifiers.join('\n') : '',
        log.kind === 'file' ? log.file : '',
        String(MANIFEST_READ_LIMIT),
      ],
    ),
    privileged: true,
    timeoutMs: 30_000,
  };
}

/**
 * The snapshot as it ran before set-ups were told apart: kubeadm's unit and names, the tools by
 * name, the last journal lines of unit `kubelet`.
 */
export function podsSnapshotCommand(
  kubeconfig: string | null,
  nodeName: string,
  staticPodPath: string | null,
  apiMode: ApiReadMode = 'node',
): NodeCommand {
  return podsSnapshotPlanCommand({
    nodeName,
    staticPodPath,
    apiMode,
    kubeconfig,
    crictl: ['crictl'],
    kubectl: ['kubectl'],
    confirmNodeName: false,
    kubeletUnit: 'kubelet',
    kubeletComm: 'kubelet',
    log: { kind: 'legacy' },
  });
}
