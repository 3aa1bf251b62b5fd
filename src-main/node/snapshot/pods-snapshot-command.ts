/**
 * Everything the Pods view needs in one remote round trip (issue 6 point 6): the runtime's
 * sandboxes and containers as JSON (crictl), the API server's pods on this node and whether the
 * Node object exists (kubectl with the node's kubeconfig, filtered by spec.nodeName,
 * docs/kubelet.md §4), the last 300 kubelet journal lines (§5.2; `-t kubelet` when `-u` finds
 * nothing, §5.1) and the static pod directory with each file's content (§1.2: every name, dot
 * files included so they can be reported as ignored; no recursion). crictl's stderr noise is
 * kept apart from its stdout (§3.5). The `kubelet` section is the kubelet process (pid, host
 * name, command line), so a refresh notices a restarted kubelet, whose config may have changed
 * (§6), without a round trip of its own. The script is pods-snapshot.sh.
 */
import KUBECTL_FUNCTION from '../api/kubectl-function.sh';
import { batchArgv } from '../batch/batch-script';
import KUBELET_PROCESS_SCRIPT from '../discovery/kubelet-process.sh';
import KUBELET_JOURNAL_TAIL from '../journal/kubelet-journal-tail.sh';
import type { NodeCommand } from '../session/node-command';
import PODS_SNAPSHOT_SCRIPT from './pods-snapshot.sh';

/** Longest manifest content read (the kubelet itself reads at most 10 MiB, §1.3). */
export const MANIFEST_READ_LIMIT = 1024 * 1024;

export type ApiReadMode = 'node' | 'skip';

export function podsSnapshotCommand(
  kubeconfig: string | null,
  nodeName: string,
  staticPodPath: string | null,
  apiMode: ApiReadMode = 'node',
): NodeCommand {
  return {
    purpose: "read the node's pods (crictl, kubectl, the static pod directory and the kubelet journal)",
    argv: batchArgv(
      [KUBELET_PROCESS_SCRIPT, KUBECTL_FUNCTION, KUBELET_JOURNAL_TAIL, PODS_SNAPSHOT_SCRIPT],
      [kubeconfig ?? '', nodeName, staticPodPath ?? '', apiMode, String(MANIFEST_READ_LIMIT)],
    ),
    privileged: true,
    timeoutMs: 30_000,
  };
}
