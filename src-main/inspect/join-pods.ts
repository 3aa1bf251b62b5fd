/**
 * Joins the runtime's view and the API server's view of a node's pods on the pod UID
 * (kubelet-facts §0): a sandbox's `metadata.uid` / label `io.kubernetes.pod.uid` is the static
 * UID for static pods, which the mirror pod carries as `kubernetes.io/config.mirror`; for
 * ordinary pods it is the API UID itself. Containers belong to sandboxes by `podSandboxId`.
 * Never join on `kubernetes.io/config.seen` (§0: it is re-stamped per kubelet start).
 */
import type { CriContainer, CriSandbox } from '../contract/domain/cri';
import type { JoinedPod } from '../contract/domain/node-pods';
import type { ApiPodView } from '../contract/domain/pods';

const byNewest = (a: { createdAtMs: number | null }, b: { createdAtMs: number | null }) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0);

/** The key an API pod is known by on the node: the static UID for mirrors, else its UID. */
export function runtimeUidOf(pod: ApiPodView): string {
  return pod.kind === 'mirror' && pod.config.mirror ? pod.config.mirror : pod.uid;
}

export function joinPods(sandboxes: CriSandbox[], containers: CriContainer[], apiPods: ApiPodView[]): JoinedPod[] {
  const rows = new Map<string, JoinedPod>();
  const row = (uid: string, name: string, namespace: string): JoinedPod => {
    let existing = rows.get(uid);
    if (!existing) {
      existing = { uid, name, namespace, origin: 'api', sandboxes: [], containers: [], apiPod: null };
      rows.set(uid, existing);
    }
    return existing;
  };

  const sandboxUid = new Map<string, string>();
  for (const sandbox of [...sandboxes].sort(byNewest)) {
    const uid = sandbox.uid || sandbox.labels['io.kubernetes.pod.uid'] || sandbox.id;
    const joined = row(uid, sandbox.name, sandbox.namespace);
    joined.sandboxes.push(sandbox);
    if (sandbox.annotations['kubernetes.io/config.source'] === 'file' || sandbox.configHash === uid) joined.origin = 'static';
    sandboxUid.set(sandbox.id, uid);
  }
  for (const container of [...containers].sort(byNewest)) {
    const uid = sandboxUid.get(container.podSandboxId) ?? container.podUid;
    if (!uid) continue;
    row(uid, container.podName ?? '', container.podNamespace ?? '').containers.push(container);
  }
  for (const pod of apiPods) {
    const joined = row(runtimeUidOf(pod), pod.name, pod.namespace);
    // Two API pods cannot share a runtime UID; if they did, keep the mirror (the static pod's).
    if (joined.apiPod && joined.apiPod.kind === 'mirror') continue;
    joined.apiPod = pod;
    if (pod.kind === 'mirror') joined.origin = 'static';
    if (!joined.name) joined.name = pod.name;
    if (!joined.namespace) joined.namespace = pod.namespace;
  }
  return [...rows.values()].sort((a, b) => {
    if (a.origin !== b.origin) return a.origin === 'static' ? -1 : 1;
    return `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
  });
}
