/**
 * "Will this boot?": the checks made on a manifest before it is saved (and by
 * `kubelet-studio apply --dry-run`), each with its own finding and the evidence it rests on.
 * A check that could not be made says so and why; none claims an absence it did not observe.
 */

/** The kubelet version a verdict assumed, and where that came from. */
export interface AssumedKubeletVersion {
  /** "v1.33.1" */
  text: string;
  source: 'kubelet-binary' | 'distribution-binary' | 'node-status' | 'assumed';
  /** One phrase for the user: "kubelet v1.33.1, from `kubelet --version` on the node". */
  described: string;
}

/** What the kubelet's file source will do with the file (src-main/kubelet, the kubelet model). */
export interface KubeletFileVerdict {
  accepted: boolean;
  version: AssumedKubeletVersion;
  /** When refused: the error the kubelet logs in `"Could not process manifest file" err="…"`. */
  error: string | null;
  /** Which step refuses it: reading, YAML, kind, typed decode, validation, static-pod rules. */
  stage: 'read' | 'yaml' | 'kind' | 'decode' | 'validation' | 'static-pod' | null;
  /** True when the wording is the app's approximation of the kubelet's (YAML syntax errors). */
  approximate: boolean;
  /** When accepted: `<metadata.name>-<node name lower-cased>`, its namespace. */
  podName: string | null;
  namespace: string | null;
  /** Version-dependent remarks (an API reference the mirror pod will be refused for …). */
  notes: string[];
}

export type BootCheckId = 'kubelet' | 'file-wins' | 'host-paths' | 'images' | 'host-ports' | 'kubeadm-config';

export type BootCheckStatus =
  /** Checked, nothing wrong. */
  | 'ok'
  /** Checked: the pod will not start (or not as written). */
  | 'problem'
  /** Checked: it starts, but something the user should know. */
  | 'warning'
  /** Not checked; `detail` says why (no permission, tool missing, API server down …). */
  | 'not-checked';

export interface BootFinding {
  check: BootCheckId;
  status: BootCheckStatus;
  /** One sentence. */
  title: string;
  detail: string | null;
  /** What was read that proves it: a command's output line, a file and field, a log line. */
  evidence: string[];
  /** The manifest line it is about (1-based), when known. */
  line: number | null;
}

export interface BootCheckReport {
  /** The manifest name and its path on the node. */
  name: string;
  path: string;
  kubelet: KubeletFileVerdict;
  /** `problem` in any finding → will-not-boot; only ok/warning → will-boot; else unknown. */
  verdict: 'will-boot' | 'will-not-boot' | 'unknown';
  findings: BootFinding[];
}

export function bootVerdictOf(
  kubelet: KubeletFileVerdict,
  findings: BootFinding[],
): BootCheckReport['verdict'] {
  if (!kubelet.accepted || findings.some((f) => f.status === 'problem')) return 'will-not-boot';
  if (findings.some((f) => f.status === 'not-checked')) return 'unknown';
  return 'will-boot';
}
