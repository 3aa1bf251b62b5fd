/**
 * Everything the Pods view needs in one remote round trip (issue 6): the runtime's sandboxes
 * and containers as JSON (crictl), and the API server's pods on this node (kubectl with the
 * node's kubeconfig, filtered by spec.nodeName, kubelet-facts §4). crictl's stderr noise is
 * kept apart from its stdout (§3.5).
 */
import { batchArgv } from '../batch/batch-script';
import type { NodeCommand } from '../session/node-command';

/** $1 kubeconfig ('' to let kubectl choose), $2 node name. */
const BODY =
  'sec sandboxes crictl pods -o json; ' +
  'sec containers crictl ps -a -o json; ' +
  'if [ -n "$1" ]; then sec api kubectl --kubeconfig "$1" get pods -A -o json --field-selector "spec.nodeName=$2"; ' +
  'else sec api kubectl get pods -A -o json --field-selector "spec.nodeName=$2"; fi';

export function podsSnapshotCommand(kubeconfig: string | null, nodeName: string): NodeCommand {
  return {
    purpose: "read the node's pods (crictl and kubectl)",
    argv: batchArgv(BODY, [kubeconfig ?? '', nodeName]),
    privileged: true,
    timeoutMs: 20_000,
  };
}
