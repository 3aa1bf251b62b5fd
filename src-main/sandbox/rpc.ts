/**
 * The protocol between the simulated kubelet daemon and the node commands that change state
 * (kubectl delete/apply) or drive tests (journal emit/vacuum). Newline-delimited JSON over the
 * unix socket at SimPaths.socketPath: one request line, one response line, then the
 * connection closes. Reads (crictl, kubectl get, journalctl) do not use it: they read the
 * published state file and the journal file, as the real tools read the runtime and the
 * journal without asking the kubelet.
 */
import type { ApiPod } from './model';

export interface SimRpcMethods {
  /** `kubectl delete pod NAME -n NS [--grace-period N]`. */
  'pods.delete': {
    params: { namespace: string; name: string; gracePeriodSeconds?: number };
    result: { deleted: boolean };
  };
  /** `kubectl apply -f FILE`: an ordinary pod created through the API (docs/kubelet.md §2.4). */
  'pods.apply': {
    params: { manifest: unknown };
    result: { pod: ApiPod; created: boolean };
  };
  /**
   * `kubectl annotate|label|patch pod`: change a pod's labels or annotations (null removes a
   * key) and, when given, replace its finalizers through the API.
   */
  'pods.patchMetadata': {
    params: {
      namespace: string;
      name: string;
      labels?: Record<string, string | null>;
      annotations?: Record<string, string | null>;
      finalizers?: string[];
    };
    result: { pod: ApiPod };
  };
  /** `kubectl delete node NAME`: the Node object goes; the kubelet does not register again until it restarts. */
  'nodes.delete': {
    params: { name: string };
    result: { deleted: boolean };
  };
  /** Test support: append numbered kubelet lines to the journal (for gapless-log tests). */
  'journal.emit': {
    params: { messages: string[] };
    result: { lastCursor: string };
  };
  /** `journalctl --vacuum-*` equivalent: drop the oldest entries, keeping `keep` of them. */
  'journal.vacuum': {
    params: { keep: number };
    result: { removed: number };
  };
  /** Force the 20 s re-list now (tests use it instead of waiting). */
  'kubelet.relist': {
    params: Record<string, never>;
    result: { pods: number };
  };
}

export type SimRpcMethod = keyof SimRpcMethods;

export interface SimRpcRequest<M extends SimRpcMethod = SimRpcMethod> {
  method: M;
  params: SimRpcMethods[M]['params'];
}

export type SimRpcResponse<M extends SimRpcMethod = SimRpcMethod> =
  { ok: true; result: SimRpcMethods[M]['result'] } | { ok: false; error: string };
