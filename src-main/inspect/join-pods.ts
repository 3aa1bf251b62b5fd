/**
 * Joins the manifest files, the runtime's view and the API server's view of a node's pods
 * (docs/kubelet.md §0): a sandbox's `metadata.uid` / label `io.kubernetes.pod.uid` is the static
 * UID for static pods, which the mirror pod carries as `kubernetes.io/config.mirror`; for
 * ordinary pods it is the API UID itself. Containers belong to sandboxes by `podSandboxId`.
 * Manifests link by the name the kubelet gives the pod, `<metadata.name>-<node>` in its
 * namespace (§1.4): the static UID is a kubelet-internal hash that cannot be recomputed.
 * Never join on `kubernetes.io/config.seen` (§0: it is re-stamped per kubelet start).
 */
import type { CriContainer, CriSandbox } from '../contract/domain/cri';
import type { JoinedPod, StaticManifestEntry } from '../contract/domain/node-pods';
import type { ApiPodView } from '../contract/domain/pods';
import { ANNOTATION_CONFIG_SOURCE } from '../kubelet/config-annotations';

const byNewest = (a: { createdAtMs: number | null }, b: { createdAtMs: number | null }) =>
  (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0);

/** The key an API pod is known by on the node: the static UID for mirrors, else its UID. */
export function runtimeUidOf(pod: ApiPodView): string {
  return pod.kind === 'mirror' && pod.config.mirror ? pod.config.mirror : pod.uid;
}

/** The files the kubelet reads as pods: not dot files, regular, decodable (§1.2, §1.3). */
export function effectiveManifests(manifests: StaticManifestEntry[]): StaticManifestEntry[] {
  return manifests.filter((m) => m.kind === 'file' && !m.ignoredByKubelet && !m.problem && m.staticPodName);
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

export function joinPods(
  sandboxes: CriSandbox[],
  containers: CriContainer[],
  apiPods: ApiPodView[],
  manifests: StaticManifestEntry[] = [],
): JoinedPod[] {
  const rows = new Map<string, JoinedPod>();
  const row = (uid: string, name: string, namespace: string): JoinedPod => {
    let existing = rows.get(uid);
    if (!existing) {
      existing = {
        uid,
        name,
        namespace,
        origin: 'api',
        sandboxes: [],
        containers: [],
        apiPod: null,
        mirrorStale: false,
        manifestPaths: [],
      };
      rows.set(uid, existing);
    }
    return existing;
  };

  const sandboxUid = new Map<string, string>();
  for (const sandbox of [...sandboxes].sort(byNewest)) {
    const uid = sandbox.uid || sandbox.labels['io.kubernetes.pod.uid'] || sandbox.id;
    const joined = row(uid, sandbox.name, sandbox.namespace);
    joined.sandboxes.push(sandbox);
    if (sandbox.annotations[ANNOTATION_CONFIG_SOURCE] === 'file' || sandbox.configHash === uid)
      joined.origin = 'static';
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
  attachStaleMirrors(rows);
  attachManifests(rows, manifests);
  return [...rows.values()].sort((a, b) => {
    if (a.origin !== b.origin) return a.origin === 'static' ? -1 : 1;
    return key(a.namespace, a.name).localeCompare(key(b.namespace, b.name));
  });
}

/** The runtime runs this row now: a ready sandbox or a running container. */
const runs = (r: JoinedPod) =>
  r.sandboxes.some((s) => s.state === 'ready') || r.containers.some((c) => c.state === 'running');

/**
 * The mirror the kubelet is replacing (§2.2 step 1) is the running static pod's stale mirror:
 * - one whose config.mirror names no running instance, beside a running static pod of the same
 *   name without a mirror (after a manifest edit). The old instance's stopped sandbox may still
 *   be listed until the runtime's GC removes it; it keeps a row of its own, without the mirror;
 * - one being deleted (deletionTimestamp): the kubelet deletes and recreates it even when its
 *   hash matches; while a finalizer holds it, it stays so (§2.2, §2.1 AlreadyExists).
 * One row then shows both, flagged stale, instead of two half-empty rows.
 */
function attachStaleMirrors(rows: Map<string, JoinedPod>): void {
  for (const [uid, mirrorRow] of rows) {
    const mirror = mirrorRow.apiPod;
    if (!mirror || mirror.kind !== 'mirror') continue;
    if (runs(mirrorRow)) {
      if (mirror.deletionTimestamp) mirrorRow.mirrorStale = true;
      continue;
    }
    const running = [...rows.values()]
      .filter(
        (r) =>
          r !== mirrorRow &&
          r.origin === 'static' &&
          !r.apiPod &&
          runs(r) &&
          r.name === mirror.name &&
          r.namespace === mirror.namespace,
      )
      .sort((a, b) =>
        byNewest(a.sandboxes[0] ?? { createdAtMs: null }, b.sandboxes[0] ?? { createdAtMs: null }),
      )[0];
    if (!running) continue;
    running.apiPod = mirror;
    running.mirrorStale = true;
    if (mirrorRow.sandboxes.length === 0 && mirrorRow.containers.length === 0) rows.delete(uid);
    else mirrorRow.apiPod = null;
  }
}

/** Links manifest files by pod name; a file whose pod does not run gets a row of its own. */
function attachManifests(rows: Map<string, JoinedPod>, manifests: StaticManifestEntry[]): void {
  // After an edit the old instance (old UID) may still be stopping beside the new one: the file
  // belongs to the instance that runs, else to the newest sandbox (§1.7).
  const byName = new Map<string, JoinedPod>();
  const rank = (r: JoinedPod) =>
    (r.sandboxes.some((x) => x.state === 'ready') ? 2e15 : 0) + (r.sandboxes[0]?.createdAtMs ?? 0);
  for (const r of rows.values()) {
    if (r.origin !== 'static') continue;
    const other = byName.get(key(r.namespace, r.name));
    if (!other || rank(r) > rank(other)) byName.set(key(r.namespace, r.name), r);
  }
  for (const manifest of effectiveManifests(manifests)) {
    const name = manifest.staticPodName ?? '';
    const namespace = manifest.namespace ?? 'default';
    let target = byName.get(key(namespace, name));
    if (!target) {
      target = {
        uid: `file:${manifest.path}`,
        name,
        namespace,
        origin: 'static',
        sandboxes: [],
        containers: [],
        apiPod: null,
        mirrorStale: false,
        manifestPaths: [],
      };
      rows.set(target.uid, target);
      byName.set(key(namespace, name), target);
    }
    target.manifestPaths.push(manifest.path);
  }
  // A file the kubelet cannot use still shows, so the table lists every static pod the
  // directory declares even when it does not run (issue 6 acceptance: API server down).
  for (const manifest of manifests) {
    if (manifest.kind !== 'file' || manifest.ignoredByKubelet || !manifest.problem) continue;
    const uid = `file:${manifest.path}`;
    const name = manifest.staticPodName ?? manifest.name;
    rows.set(uid, {
      uid,
      name,
      namespace: manifest.namespace ?? '',
      origin: 'static',
      sandboxes: [],
      containers: [],
      apiPod: null,
      mirrorStale: false,
      manifestPaths: [manifest.path],
    });
  }
}
