/**
 * The API server's side of static pods (docs/kubelet.md §2): a mirror missing (API down, Node not
 * registered, not created yet), stale (config.mirror ≠ the running pod's hash, or being deleted;
 * with what holds it, a finalizer, §2.2), edited through the API (labels/annotations not
 * reflected on the node, §2.4), and an ordinary pod made by `kubectl apply -f` of a manifest
 * file beside the mirror (§2.4).
 */
import type { ApiProblem, Finding, JoinedPod } from '../../contract/domain/node-pods';
import type { ApiPodView } from '../../contract/domain/pods';
import { kubeletLines } from '../kubelet-journal';
import { finding, isRunning, podRef, quoteLine, type FindingRule } from './finding-input';
import { ANNOTATION_CONFIG_MIRROR, ANNOTATION_CONFIG_SEEN } from '../../kubelet/config-annotations';

export const mirrorMissing: FindingRule = ({ pods, api, journal, nodeName }) => {
  const out: Finding[] = [];
  // Credentials are not health: without usable credentials nothing is known about mirrors
  // (apiAccessFindings says so once); only a refused connection shows the API server down.
  if (!api.available && api.problem && api.problem !== 'down') return out;
  for (const pod of pods) {
    if (pod.origin !== 'static' || pod.apiPod || !isRunning(pod)) continue;
    const failures = kubeletLines(journal, 'Failed creating a mirror pod for', podRef(pod));
    let explanation: string;
    let nextStep: string;
    const evidence = [`crictl: ${podRef(pod)} runs (uid ${pod.uid})`];
    if (!api.available) {
      explanation = `The API server cannot be read, so its mirror pod cannot be seen (or created): ${api.reason ?? 'no reason given'}`;
      nextStep =
        'Bring the API server back (on a control plane: check the kube-apiserver manifest and its container); the kubelet recreates mirror pods by itself.';
      evidence.push(`kubectl: ${api.reason ?? 'unavailable'}`);
    } else if (api.nodeRegistered === false) {
      explanation = `The API server has no Node "${nodeName}": the kubelet creates mirror pods only for a registered node (they are owned by the Node object).`;
      nextStep = `Check that the kubelet registers (kubectl get node ${nodeName}; kubelet logs about "Unable to register node").`;
      evidence.push(`kubectl get node ${nodeName}: not found`);
    } else {
      explanation =
        "The API server answers but has no mirror pod with this static pod's hash. The kubelet creates it within seconds of starting the pod; if it stays missing, creating it fails.";
      nextStep =
        'Wait a few seconds; if it persists, read the kubelet lines "Failed creating a mirror pod for" this pod.';
      evidence.push(`kubectl: no pod with annotation kubernetes.io/config.mirror=${pod.uid}`);
    }
    out.push(
      finding({
        kind: 'mirror-missing',
        severity: 'warning',
        title: `No mirror pod for ${pod.name}`,
        explanation,
        evidence: [...evidence, ...failures.map(quoteLine)],
        nextStep,
        podUid: pod.uid,
        manifestPath: pod.manifestPaths.at(-1) ?? null,
      }),
    );
  }
  return out;
};

/** What keeps a stale mirror in the API server, in words, and how to let it go (§2.2). */
function staleHold(mirror: ApiPodView, pod: JoinedPod): { explanation: string; nextStep: string } {
  const ref = podRef(mirror);
  const hashDiffers = mirror.config.mirror !== pod.uid;
  const what = hashDiffers
    ? 'The mirror pod carries the hash of an earlier version of the manifest: the running pod has a new static UID.'
    : 'The mirror pod is being deleted while its static pod runs.';
  const unhold = `kubectl patch pod -n ${mirror.namespace} ${mirror.name} --type=merge -p '{"metadata":{"finalizers":null}}'`;
  if (mirror.finalizers.length > 0) {
    const held = mirror.deletionTimestamp
      ? `The kubelet's delete only marked it (deletionTimestamp ${mirror.deletionTimestamp}): the finalizer${mirror.finalizers.length > 1 ? 's' : ''} ${mirror.finalizers.join(', ')} keep${mirror.finalizers.length > 1 ? '' : 's'} the object, so creating the new mirror fails with "already exists" on every sync until ${mirror.finalizers.length > 1 ? 'they are' : 'it is'} removed.`
      : `It has the finalizer${mirror.finalizers.length > 1 ? 's' : ''} ${mirror.finalizers.join(', ')}, so the kubelet's delete will only mark it and the new mirror cannot be created until ${mirror.finalizers.length > 1 ? 'they are' : 'it is'} removed.`;
    return {
      explanation: `${what} ${held}`,
      nextStep: `Find out who added ${mirror.finalizers.join(', ')} (a controller or a user); when nothing needs it any more, remove it: ${unhold}. The API server then deletes the old mirror and the kubelet creates the new one.`,
    };
  }
  const pending = mirror.deletionTimestamp
    ? ` Its deletion is under way (deletionTimestamp ${mirror.deletionTimestamp}).`
    : '';
  return {
    explanation: `${what}${pending} The kubelet deletes such a mirror and creates a new one on its next sync.`,
    nextStep: `Wait a few seconds; if it stays, the kubelet cannot delete it: check its API credentials and the kubelet lines "Failed deleting a mirror pod" for ${ref}.`,
  };
}

export const mirrorStale: FindingRule = ({ pods, journal }) => {
  const out: Finding[] = [];
  for (const pod of pods) {
    const mirror = pod.apiPod;
    if (!pod.mirrorStale || !mirror) continue;
    const state = [
      `kubernetes.io/config.mirror=${mirror.config.mirror ?? 'none'}`,
      ...(mirror.deletionTimestamp ? [`deletionTimestamp ${mirror.deletionTimestamp}`] : []),
      ...(mirror.finalizers.length ? [`finalizers [${mirror.finalizers.join(', ')}]`] : []),
    ];
    const failedCreates = kubeletLines(journal, 'Failed creating a mirror pod for', podRef(pod), 10).filter(
      (r) => r.raw.includes('already exists'),
    );
    out.push(
      finding({
        kind: 'mirror-stale',
        severity: 'warning',
        title: `The mirror pod of ${pod.name} is stale`,
        ...staleHold(mirror, pod),
        evidence: [
          `mirror ${podRef(mirror)} (uid ${mirror.uid}): ${state.join(', ')}`,
          `running sandbox: io.kubernetes.pod.uid=${pod.uid}`,
          ...kubeletLines(journal, 'Deleted mirror pod because it is outdated', podRef(pod), 1).map(
            quoteLine,
          ),
          ...failedCreates.slice(-1).map(quoteLine),
        ],
        podUid: pod.uid,
        manifestPath: pod.manifestPaths.at(-1) ?? null,
      }),
    );
  }
  return out;
};

/** Keys the kubelet itself sets differently on the two sides (§0, §1.5, §3.1). */
const NODE_ONLY_LABEL = /^io\.kubernetes\.(pod|container)\./;
const IGNORED_ANNOTATIONS = new Set([ANNOTATION_CONFIG_MIRROR, ANNOTATION_CONFIG_SEEN]);

function differences(
  what: string,
  node: Record<string, string>,
  mirror: Record<string, string>,
  skip: (k: string) => boolean,
): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(node), ...Object.keys(mirror)])) {
    if (skip(k) || node[k] === mirror[k]) continue;
    if (!(k in mirror)) out.push(`${what} ${k}: on the node "${node[k]}", removed on the mirror`);
    else if (!(k in node)) out.push(`${what} ${k}: "${mirror[k]}" on the mirror only`);
    else out.push(`${what} ${k}: on the node "${node[k]}", on the mirror "${mirror[k]}"`);
  }
  return out;
}

export const mirrorMetadataChanged: FindingRule = ({ pods }) => {
  const out: Finding[] = [];
  for (const pod of pods) {
    const mirror = pod.apiPod;
    const sandbox = pod.sandboxes[0];
    if (pod.origin !== 'static' || pod.mirrorStale || !mirror || mirror.kind !== 'mirror' || !sandbox)
      continue;
    const evidence = [
      ...differences('label', sandbox.labels, mirror.labels, (k) => NODE_ONLY_LABEL.test(k)),
      ...differences('annotation', sandbox.annotations, mirror.annotations, (k) =>
        IGNORED_ANNOTATIONS.has(k),
      ),
    ];
    if (evidence.length === 0) continue;
    out.push(
      finding({
        kind: 'mirror-metadata-changed',
        severity: 'warning',
        title: `Labels or annotations of ${pod.name} were changed through the API`,
        explanation:
          'Changes made to a mirror pod (kubectl label/annotate/edit) are not applied to the static pod: the node keeps running what the manifest says, and selectors using the new values see a pod that does not really have them.',
        evidence,
        nextStep: `Make the change in the manifest (${pod.manifestPaths.at(-1) ?? 'the static pod file'}) instead; the kubelet then restarts the pod with it and recreates the mirror.`,
        podUid: pod.uid,
        manifestPath: pod.manifestPaths.at(-1) ?? null,
      }),
    );
  }
  return out;
};

export const appliedManifestPod: FindingRule = ({ pods, manifests }) => {
  const out: Finding[] = [];
  const staticByManifestName = new Map<string, JoinedPod>();
  for (const pod of pods) {
    if (pod.origin !== 'static') continue;
    for (const p of pod.manifestPaths) {
      const m = manifests.entries.find((e) => e.path === p);
      if (m?.podName) staticByManifestName.set(`${m.namespace}/${m.podName}`, pod);
    }
  }
  for (const pod of pods) {
    const api = pod.apiPod;
    if (pod.origin !== 'api' || !api || api.kind !== 'plain') continue;
    const twin = staticByManifestName.get(`${api.namespace}/${api.name}`);
    if (!twin) continue;
    out.push(
      finding({
        kind: 'applied-manifest-pod',
        severity: 'warning',
        title: `${api.name}: an ordinary pod made from the static manifest`,
        explanation: `Someone ran kubectl apply -f on ${twin.manifestPaths.at(-1) ?? 'the manifest'}: the API server created an ordinary pod "${api.name}" (no node suffix, scheduled like any pod) next to the static pod's mirror "${twin.name}". It is a second copy, not the static pod.`,
        evidence: [
          `kubectl: ${podRef(api)} uid ${api.uid}, no owner, no kubernetes.io/config.mirror, created ${api.creationTimestamp ?? '?'}`,
          `mirror of the static pod: ${podRef(twin)}${twin.apiPod ? ` uid ${twin.apiPod.uid}` : ''}`,
        ],
        nextStep: `Delete the copy: kubectl delete pod -n ${api.namespace} ${api.name}. To change the static pod, edit its file on the node.`,
        podUid: pod.uid,
        manifestPath: twin.manifestPaths.at(-1) ?? null,
      }),
    );
  }
  return out;
};

/**
 * The API side could not be read for a reason that is not the API server's health: no
 * credentials on the node, credentials refused or too narrow, no kubectl. One finding, saying
 * what to use instead; never "the API server is down".
 */
export const apiAccessFindings: FindingRule = ({ api }) => {
  if (api.available || !api.problem || api.problem === 'down' || api.problem === 'other') return [];
  const titles: Record<Exclude<ApiProblem, 'down' | 'other'>, string> = {
    'no-credentials': 'No credentials for the API server on this node',
    unauthorized: "The API server refused this node's credentials",
    forbidden: "This node's credentials may not read its pods",
    'no-kubectl': 'No kubectl on this node to read the API server',
  };
  return [
    finding({
      kind: 'api-credentials',
      severity: 'info',
      title: titles[api.problem],
      explanation:
        'So mirror pods cannot be read from here. This says nothing about the API server itself, which may be up and serving them.',
      evidence: [api.reason ?? api.problem],
      nextStep:
        'Use your own kubeconfig for the API side (Kubelet Studio reads it from this machine), or connect as a user who may read the node’s admin kubeconfig.',
    }),
  ];
};
