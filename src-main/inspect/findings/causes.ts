/**
 * Findings grouped by cause: a root cause holds the findings it explains (their causeId) and
 * comes first, so an API server that does not answer is one cause with its "No mirror pod"
 * consequences, not four separate warnings. A cause is claimed only from evidence the snapshot
 * read: the line kubectl printed when the server did not answer, crictl's failure.
 *
 * The kubelet creates and reads mirror pods through the API server only (docs/kubelet.md §2):
 * while it does not answer, every static pod lacks its mirror. When the node itself runs
 * kube-apiserver as a static pod (kubeadm: /etc/kubernetes/manifests/kube-apiserver.yaml), that
 * pod's own state is why: crash-looping (with the unknown flag it exited on, the manifest line
 * that holds it and the nearest known flag) or declared with no sandbox.
 */
import type { Finding, FindingCause, JoinedPod } from '../../contract/domain/node-pods';
import { badFlag } from './bad-flag';
import type { FindingInput } from './finding-input';

const API_SERVER = 'kube-apiserver';

/** The node's own kube-apiserver static pod: its manifest entry and, when it runs, its pod. */
function localApiServer(
  input: FindingInput,
): { path: string; name: string; pod: JoinedPod | null; problem: string | null } | null {
  // A file that no longer decodes has no pod name: kubeadm's file name still says what it was
  // (kubeadm constants: the component name + ".yaml").
  const entry = input.manifests.entries.find(
    (e) =>
      e.kind === 'file' &&
      !e.ignoredByKubelet &&
      (e.podName === API_SERVER || (e.podName === null && e.name === `${API_SERVER}.yaml`)),
  );
  if (!entry) return null;
  const pod = input.pods.find((p) => p.manifestPaths.includes(entry.path)) ?? null;
  return { path: entry.path, name: entry.name, pod, problem: entry.problem };
}

function apiServerDown(input: FindingInput, findings: Finding[]): FindingCause | null {
  const down = input.api.unanswered;
  if (input.api.available || !down) return null;
  const id = 'api-server-down';
  const local = localApiServer(input);
  const about = (f: Finding) =>
    local !== null && ((local.pod && f.podUid === local.pod.uid) || f.manifestPath === local.path);
  const own = findings.filter(
    (f) => about(f) && (f.kind === 'crash-loop' || f.kind === 'manifest-without-sandbox'),
  );
  const consequences = findings.filter((f) => f.kind === 'mirror-missing' || own.includes(f));
  const crash = own.find((f) => f.kind === 'crash-loop');
  const noSandbox = own.find((f) => f.kind === 'manifest-without-sandbox');

  let flag = null;
  if (local && crash && local.pod) {
    const lines = local.pod.containers.flatMap((c) => input.crashes[c.id]?.lastLines ?? []);
    flag = badFlag(API_SERVER, lines, local.path, input.manifestText?.(local.path) ?? null);
  }
  const where = down.server ? ` at ${down.server}` : '';
  let why: string;
  if (crash && flag)
    why = `kube-apiserver on this node is crash-looping: it exits on the unknown flag ${flag.flag}${flag.suggestion ? ` (did you mean ${flag.suggestion}?)` : ''}.`;
  else if (crash)
    why = 'kube-apiserver on this node is crash-looping (its last lines are under its finding).';
  else if (noSandbox && local?.problem)
    why = `kube-apiserver's manifest ${local.path} cannot be used, so no kube-apiserver runs: ${local.problem}`;
  else if (noSandbox)
    why = `kube-apiserver's manifest ${local?.path} is present but the runtime has no sandbox for it.`;
  else if (local?.pod)
    why =
      'kube-apiserver runs on this node but does not answer (yet): it may still be starting, or be waiting for etcd.';
  else if (local) why = `kube-apiserver's manifest ${local.path} is present but no such pod runs.`;
  else why = "No kube-apiserver manifest is in this node's static pod path: the API server is elsewhere.";

  const evidence = [`kubectl: ${down.said}`];
  if (crash) evidence.push(crash.evidence[0] as string);
  if (flag?.line !== null && flag?.line !== undefined)
    evidence.push(`${flag.manifestPath} line ${flag.line}: ${flag.lineText?.trim() ?? ''}`);
  else if (flag) evidence.push(`${flag.flag}: not found in ${flag.manifestPath} as read`);

  let nextStep: string;
  if (flag?.suggestion && flag.line !== null)
    nextStep = `Fix line ${flag.line} of ${flag.manifestPath}: ${flag.flag} → ${flag.suggestion}; or roll the file back to its last backup.`;
  else if (flag)
    nextStep = `Remove ${flag.flag} from ${flag.manifestPath}, or roll the file back to its last backup.`;
  else if (local)
    nextStep = `Read kube-apiserver's finding and log lines; if a recent edit of ${local.path} caused it, roll it back.`;
  else
    nextStep = `Check the API server${where} and the network from this node to it; the kubelet recreates mirror pods by itself once it answers.`;

  for (const f of consequences) f.causeId = id;
  return {
    id,
    kind: 'api-server-down',
    title: `The API server${where} does not answer`,
    explanation: `${why} While it does not answer, the kubelet can neither create nor update mirror pods, so ${
      consequences.filter((f) => f.kind === 'mirror-missing').length
    } static pod${consequences.filter((f) => f.kind === 'mirror-missing').length === 1 ? '' : 's'} show no mirror pod.`,
    evidence,
    nextStep,
    badFlag: flag,
    rollback: local ? { manifestName: local.name, manifestPath: local.path } : null,
  };
}

function runtimeUnreachable(input: FindingInput): FindingCause | null {
  if (input.runtime.available || !input.runtime.reason) return null;
  return {
    id: 'runtime-unreachable',
    kind: 'runtime-unreachable',
    title: 'The container runtime cannot be read',
    explanation:
      'Without crictl nothing on this node says which pods run, so no manifest can be matched to a sandbox and no crash loop can be seen.',
    evidence: [`crictl: ${input.runtime.reason}`],
    nextStep:
      "Check the runtime (systemctl status containerd or crio) and crictl's endpoint (/etc/crictl.yaml, runtime-endpoint).",
    badFlag: null,
    rollback: null,
  };
}

/** The causes of a snapshot, first; marks each explained finding with its cause's id. */
export function groupByCause(input: FindingInput, findings: Finding[]): FindingCause[] {
  return [runtimeUnreachable(input), apiServerDown(input, findings)].filter(
    (c): c is FindingCause => c !== null,
  );
}
