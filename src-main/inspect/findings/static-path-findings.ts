/**
 * The static pod path itself: disabled, not found, missing on disk, or holding entries the
 * kubelet skips or complains about (docs/kubelet.md §1.1, §1.2, §6).
 */
import type { Finding } from '../../contract/domain/node-pods';
import { kubeletLines } from '../kubelet-journal';
import { finding, quoteLine, type FindingRule } from './finding-input';

export const staticPathFindings: FindingRule = ({ manifests, journal }) => {
  const out: Finding[] = [];
  if (manifests.disabled) {
    out.push(
      finding({
        kind: 'static-path-disabled',
        severity: 'info',
        title: 'Static pods are disabled on this node',
        explanation:
          'The kubelet configuration sets staticPodPath to an empty value, so the kubelet reads no manifest files and runs no static pods.',
        evidence: [manifests.explanation],
        nextStep:
          'If this node should run control-plane pods, set staticPodPath (kubeadm: /etc/kubernetes/manifests) in the kubelet config and restart the kubelet.',
      }),
    );
    return out;
  }
  if (manifests.source === 'url') {
    out.push(
      finding({
        kind: 'static-pods-over-http',
        severity: 'info',
        title: 'Static pods come over HTTP, not from a directory',
        explanation:
          'The kubelet reads its static pods from a URL (staticPodURL; k0s serves them itself), so there are no manifest files on this node to read or edit. The pods it runs from there are still shown with their mirrors.',
        evidence: [manifests.explanation],
        nextStep:
          "Change these pods through the set-up that serves them (k0s: its configuration), not on the node's disk.",
      }),
    );
    return out;
  }
  if (!manifests.path) {
    const unknown = manifests.source === 'unknown';
    out.push(
      finding({
        kind: 'static-path-missing',
        severity: unknown ? 'warning' : 'info',
        title: unknown ? 'The static pod path is unknown' : 'The kubelet has no static pod path',
        explanation: unknown
          ? "The kubelet's configuration could not be read, so where it takes static pods from is not known."
          : 'Neither the kubelet command line nor its configuration names a static pod path: the kubelet reads no manifest files (an unset staticPodPath is no file source, not a default directory).',
        evidence: [manifests.explanation],
        nextStep: unknown
          ? 'Connect as a user who may use sudo to read the kubelet configuration.'
          : 'If this node should run static pods, set staticPodPath in the kubelet configuration and restart the kubelet.',
      }),
    );
    return out;
  }
  if (!manifests.readable && manifests.access === 'refused') {
    out.push(
      finding({
        kind: 'static-path-unreadable',
        severity: 'warning',
        title: `The static pod path ${manifests.path} could not be read`,
        explanation:
          'It exists, but the user Kubelet Studio reads as may not list it, so its manifests and what they declare are unknown (not absent).',
        evidence: [
          `staticPodPath: ${manifests.path} (${manifests.explanation})`,
          ...(manifests.reason ? [manifests.reason] : []),
        ],
        nextStep: 'Connect as a user who may use sudo (or as root) to read it.',
      }),
    );
    return out;
  }
  if (!manifests.readable && manifests.access === 'error') {
    out.push(
      finding({
        kind: 'static-path-unreadable',
        severity: 'warning',
        title: `The static pod path ${manifests.path} could not be listed`,
        explanation: 'Listing it failed, so its manifests are unknown (not absent).',
        evidence: [
          `staticPodPath: ${manifests.path} (${manifests.explanation})`,
          ...(manifests.reason ? [manifests.reason] : []),
        ],
        nextStep: 'Read the error above; try again, or list the directory from a terminal on the node.',
      }),
    );
    return out;
  }
  if (!manifests.readable) {
    const lines = kubeletLines(journal, 'Unable to read config path');
    out.push(
      finding({
        kind: 'static-path-missing',
        severity: 'warning',
        title: `The static pod path ${manifests.path} does not exist`,
        explanation:
          'The kubelet treats a missing directory as "no static pods" and retries every second; nothing from files runs on this node.',
        evidence: [
          `staticPodPath: ${manifests.path} (${manifests.explanation})`,
          ...(manifests.reason ? [manifests.reason] : []),
          ...lines.map(quoteLine),
        ],
        nextStep: `Create ${manifests.path} (root:root 0700) or fix staticPodPath in the kubelet config.`,
      }),
    );
    return out;
  }
  for (const entry of manifests.entries) {
    if (entry.kind === 'directory' && !entry.ignoredByKubelet) {
      out.push(
        finding({
          kind: 'static-path-entry-ignored',
          severity: 'warning',
          title: `Subdirectory ${entry.name} in the static pod path`,
          explanation:
            'The kubelet does not recurse into subdirectories and logs an error about it on every re-list (every 20 s).',
          evidence: [`${entry.path}/ is a directory`],
          nextStep: `Move ${entry.path} out of ${manifests.path} (for example to /etc/kubernetes/tmp/).`,
          manifestPath: entry.path,
        }),
      );
    } else if (entry.ignoredByKubelet && entry.kind === 'file') {
      out.push(
        finding({
          kind: 'static-path-entry-ignored',
          severity: 'info',
          title: `${entry.name} is ignored by the kubelet`,
          explanation:
            'Names starting with a dot are skipped; every other name is read as a pod, whatever its extension.',
          evidence: [`${entry.path} (${entry.size ?? 0} bytes)`],
          nextStep: 'Nothing to do, unless you meant it to run: then give it a name without the leading dot.',
          manifestPath: entry.path,
        }),
      );
    }
  }
  return out;
};
