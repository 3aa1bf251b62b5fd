/**
 * What "apply" watches after a save, decided once for every host (the editor and
 * `kubelet-studio apply`): the pod the new content yields, named as the kubelet names it
 * (`<metadata.name>-<node name lower-cased>`, docs/kubelet.md §1.4); the static UID it ran under
 * before the save, if it ran at all; and the pod of another name the file used to yield (a
 * renamed pod), which the kubelet stops.
 *
 * A pod that never started is known to the snapshot only from its file (join-pods gives it the
 * placeholder id `file:<path>`): it has no UID of the kubelet's, so the watch starts from nothing
 * and waits for the first instance.
 */
import type { JoinedPod } from '../contract/domain/node-pods';
import { staticPodName } from '../kubelet/static-pod';

/** A manifest's pod before the node suffix: what `manifests.validate` reports. */
export interface ManifestPodRef {
  metadataName: string;
  namespace: string;
}

export interface ApplyPlan {
  /** `<metadata.name>-<node>` of the saved content, and its namespace. */
  podName: string;
  namespace: string;
  /** The static UID the pod ran under before the save; null when it never ran. */
  previousUid: string | null;
  /** The file yielded another pod before the save and that pod ran: the kubelet stops it. */
  replaced: { podName: string; namespace: string; uid: string } | null;
}

/** A UID the kubelet gave (md5 hex config hash, or a manifest's own metadata.uid), not a placeholder. */
const KUBELET_UID = /^[0-9a-f-]{32,36}$/;

/** The static pod's instance before the save: the one with a ready sandbox, else the newest known. */
function runningUid(pods: readonly JoinedPod[], name: string, namespace: string): string | null {
  const mine = pods.filter(
    (p) => p.origin === 'static' && p.name === name && p.namespace === namespace && KUBELET_UID.test(p.uid),
  );
  const ready = mine.find((p) => p.sandboxes.some((s) => s.state === 'ready'));
  return (ready ?? mine[0])?.uid ?? null;
}

export function planApply(input: {
  /** The pod of the content being saved. */
  pod: ManifestPodRef;
  /** The pod of the file's content before the save (null for a new file or one that yields none). */
  previous: ManifestPodRef | null;
  /** The node's name as the kubelet uses it (discovery). */
  nodeName: string;
  /** The pods before the save; null when they could not be read (the watch then starts blind). */
  pods: readonly JoinedPod[] | null;
}): ApplyPlan {
  const podName = staticPodName(input.pod.metadataName, input.nodeName);
  const namespace = input.pod.namespace;
  const pods = input.pods ?? [];
  const previousUid = runningUid(pods, podName, namespace);
  let replaced: ApplyPlan['replaced'] = null;
  if (input.previous) {
    const oldName = staticPodName(input.previous.metadataName, input.nodeName);
    const oldNamespace = input.previous.namespace;
    if (oldName !== podName || oldNamespace !== namespace) {
      const uid = runningUid(pods, oldName, oldNamespace);
      if (uid) replaced = { podName: oldName, namespace: oldNamespace, uid };
    }
  }
  return { podName, namespace, previousUid, replaced };
}
