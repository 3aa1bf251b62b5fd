/**
 * Files and sandboxes that do not match: a manifest whose pod does not run (with the kubelet's
 * error line for that file, docs/kubelet.md §1.3, §1.7), a static sandbox with no manifest
 * (orphan, or a pod still being torn down, §1.7), two files declaring one pod (the last in
 * byte order wins, §1.6).
 */
import type { Finding, StaticManifestEntry } from '../../contract/domain/node-pods';
import { effectiveManifests } from '../join-pods';
import { kubeletErrorFor, logCovers, silenceEvidence } from '../kubelet-journal';
import { finding, isRunning, podRef, quoteLine, type FindingRule } from './finding-input';
import { ANNOTATION_CONFIG_SOURCE } from '../../kubelet/config-annotations';

const describeFile = (m: StaticManifestEntry) =>
  `${m.path} (sha256 ${m.sha256?.slice(0, 12) ?? '?'}…, ${m.size ?? 0} bytes)`;

export const manifestWithoutSandbox: FindingRule = ({ manifests, pods, journal, runtime, kubeletLog }) => {
  if (!manifests.readable || !runtime.available) return [];
  const out: Finding[] = [];
  for (const entry of manifests.entries) {
    // A file whose content could not be read names no pod: nothing can be said about its sandbox.
    if (entry.kind !== 'file' || entry.ignoredByKubelet || entry.unreadable) continue;
    const pod =
      pods.find((p) => p.manifestPaths.includes(entry.path)) ??
      pods.find((p) => p.uid === `file:${entry.path}`);
    if (pod && pod.sandboxes.length > 0) continue;
    const kubeletError = kubeletErrorFor(journal, entry.path);
    const evidence = [describeFile(entry)];
    if (entry.problem) evidence.push(`Read by Kubelet Studio: ${entry.problem}`);
    if (kubeletError) evidence.push(quoteLine(kubeletError));
    else evidence.push(silenceEvidence(kubeletLog, entry.path));
    const broken = Boolean(entry.problem || kubeletError);
    const logUnread = !broken && !logCovers(kubeletLog);
    out.push(
      finding({
        kind: 'manifest-without-sandbox',
        severity: 'error',
        title: `${entry.name}: manifest present but no pod sandbox`,
        explanation: broken
          ? `The kubelet cannot use ${entry.name}, so the pod it declares is not running (a broken file removes the pod at the next re-list).`
          : logUnread
            ? `The runtime has no sandbox for ${entry.staticPodName ?? entry.name}, and the kubelet's log could not be read in full to say why.`
            : `The runtime has no sandbox for ${entry.staticPodName ?? entry.name}: the kubelet has not started it (yet), or it failed before creating the sandbox.`,
        evidence,
        nextStep: broken
          ? `Fix ${entry.path} (the error says where), or restore it from a backup; the kubelet picks up the change within seconds.`
          : `Look at the kubelet log lines for ${entry.staticPodName ?? entry.name}; if nothing appears within 20 s, check that the kubelet watches ${manifests.path}.`,
        podUid: pod?.uid ?? null,
        manifestPath: entry.path,
      }),
    );
  }
  return out;
};

export const sandboxWithoutManifest: FindingRule = ({ manifests, pods }) => {
  // A manifest that could not be read may be the one that declares the pod.
  if (!manifests.readable || manifests.disabled || manifests.entries.some((e) => e.unreadable)) return [];
  const out: Finding[] = [];
  for (const pod of pods) {
    if (pod.origin !== 'static' || pod.sandboxes.length === 0 || pod.manifestPaths.length > 0) continue;
    const running = isRunning(pod);
    const sandbox = pod.sandboxes[0];
    out.push(
      finding({
        kind: 'sandbox-without-manifest',
        severity: running ? 'warning' : 'info',
        title: running ? `${pod.name} runs but no manifest declares it` : `${pod.name} is being torn down`,
        explanation: running
          ? 'The runtime runs a static pod that no file in the static pod path declares: its file was removed or renamed moments ago, or the pod is an orphan the kubelet no longer manages.'
          : 'Its manifest is gone and its sandbox is no longer ready: the kubelet is stopping it (grace period) and will remove it.',
        evidence: [
          `crictl: sandbox ${sandbox?.id.slice(0, 13) ?? '?'} ${sandbox?.state ?? ''} uid ${pod.uid} (config.source ${sandbox?.annotations[ANNOTATION_CONFIG_SOURCE] ?? '?'})`,
          `No file in ${manifests.path} declares ${podRef(pod)}.`,
        ],
        nextStep: running
          ? 'Wait 20 s (the kubelet re-lists the directory); if it keeps running, restore its manifest or restart the kubelet.'
          : 'Nothing to do; it disappears once stopped.',
        podUid: pod.uid,
      }),
    );
  }
  return out;
};

export const duplicateManifests: FindingRule = ({ manifests }) => {
  const groups = new Map<string, StaticManifestEntry[]>();
  for (const m of effectiveManifests(manifests.entries)) {
    const k = `${m.namespace}/${m.podName}`;
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  const out: Finding[] = [];
  for (const [pod, files] of groups) {
    if (files.length < 2) continue;
    const winner = files[files.length - 1] as StaticManifestEntry;
    out.push(
      finding({
        kind: 'duplicate-manifest',
        severity: 'error',
        title: `${files.length} files declare the pod ${pod}`,
        explanation: `The kubelet keeps one pod per name: the file last in sort order (${winner.name}) wins and the others are silently ignored; deleting either can stop the pod. This is how a backup left in the directory replaces the live pod.`,
        evidence: files.map(
          (f) => `${describeFile(f)} declares ${pod}${f === winner ? ' ← used' : ' ← ignored'}`,
        ),
        nextStep: `Keep one file: move the others out of ${manifests.path} (for example to /etc/kubernetes/tmp/).`,
        manifestPath: winner.path,
      }),
    );
  }
  return out;
};

/** Manifests whose content could not be read (0600 root files, read without root): said once, never judged. */
export const unreadableManifests: FindingRule = ({ manifests }) => {
  const unread = manifests.entries.filter((e) => e.unreadable);
  if (unread.length === 0) return [];
  return [
    finding({
      kind: 'manifests-unreadable',
      severity: 'warning',
      title: `${unread.length} manifest${unread.length > 1 ? 's' : ''} could not be read`,
      explanation:
        'Their content is unknown to Kubelet Studio, so which pods they declare and whether those run is not judged (static pod manifests are usually root-only, mode 0600).',
      evidence: unread.map((e) => `${e.path}: ${e.unreadable}`),
      nextStep: 'Connect as a user who may use sudo (or as root) to read them.',
      manifestPath: unread[0]?.path ?? null,
    }),
  ];
};
